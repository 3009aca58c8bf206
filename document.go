package claimex

import "time"

// Format is the kind of bytes an input holds.
type Format string

// Input formats.
const (
	FormatHTML     Format = "html"
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
)

// Input is one article as found: where it came from and its bytes.
type Input struct {
	// Source is the origin as given by the user: a file path or a URL.
	Source string
	// Hash is the hex SHA-256 of Bytes; it identifies the input.
	Hash string
	// Format says how Bytes are to be read.
	Format Format
	// Bytes are the raw contents, undecoded.
	Bytes []byte
	// ContentType is the HTTP Content-Type header, when fetched from the web.
	ContentType string
}

// Document is an input after cleaning: the article text that claims point
// into, and what is known about the article.
type Document struct {
	ID     int64
	Source string
	Hash   string
	Format Format
	// Title is the headline, when one was found.
	Title string
	// Published is the publication date as found (RFC 3339 or YYYY-MM-DD),
	// or empty.
	Published string
	Byline    string
	Site      string
	URL       string
	Lang      string
	// Text is the clean article text. Claim offsets count Unicode code
	// points into it.
	Text string
	// Raw is the input's original bytes, kept so the text can be cleaned
	// again without fetching.
	Raw []byte
	// RunID is the run whose claims are current for this document.
	RunID      int64
	IngestedAt time.Time
}
