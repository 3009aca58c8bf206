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
	// FetchedAt is when the bytes were retrieved from the web: the
	// WARC-Date of an archived page, the time of the request for a URL;
	// zero for a file.
	FetchedAt time.Time
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
	// BodyStart is where, in code points, the article's own text starts
	// in Text: after the headline when cleaning put the headline first
	// because the article's body did not hold it; 0 otherwise.
	BodyStart int
	// Raw is the input's original bytes, kept so the text can be cleaned
	// again without fetching.
	Raw []byte
	// ContentType is the HTTP Content-Type the bytes came with, if any: it
	// may name their charset, so cleaning again needs it.
	ContentType string
	// Analysis is what the language models said of Text, kept so that
	// extracting again needs not run them (see extract.ExtractAnalyzed).
	Analysis []byte
	// FetchedAt is when the bytes were retrieved (Input.FetchedAt).
	FetchedAt time.Time
	// RunID is the run whose claims are current for this document.
	RunID      int64
	IngestedAt time.Time
}

// Fetch is what is remembered of retrieving a URL, so that the next ingest
// of it can ask the server whether the page changed (ETag,
// Last-Modified) instead of downloading it again.
type Fetch struct {
	// URL is the address as the user gave it; FinalURL the one answered,
	// after redirects.
	URL, FinalURL string
	// ETag and LastModified are the validators the server sent, if any.
	ETag, LastModified string
	// Hash identifies the bytes last retrieved: the stored document.
	Hash      string
	FetchedAt time.Time
}

// Body returns the article's own text: Text without a headline cleaning
// put before it.
func (d Document) Body() string {
	if d.BodyStart <= 0 {
		return d.Text
	}
	n := 0
	for i := range d.Text {
		if n == d.BodyStart {
			return d.Text[i:]
		}
		n++
	}
	return ""
}
