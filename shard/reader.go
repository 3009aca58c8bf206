package shard

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/claimex/claimex"
)

// MaxLine is the longest line a shard may have: a document of the
// largest input ingest takes, with its text and analysis.
const MaxLine = 256 << 20

// maxRaw caps a document's raw bytes once decompressed.
const maxRaw = 1 << 30

// Error is a problem with one line of a shard.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Reader reads a shard, checking every line.
type Reader struct {
	name   string
	br     *bufio.Reader
	line   int
	header Header
	// next is a line read ahead: the first line after a document's
	// claims.
	next    []byte
	nextNo  int
	pending bool
}

// Item is a document with its claims, or a failure.
type Item struct {
	Entry   *Entry
	Failure *Failure
	// Line is where the item starts in the shard.
	Line int
}

// NewReader starts reading the shard r, named name in errors, and checks
// its header.
func NewReader(r io.Reader, name string) (*Reader, error) {
	sr := &Reader{name: name, br: bufio.NewReaderSize(r, 1<<20)}
	b, err := sr.readLine()
	if err == io.EOF {
		return nil, sr.errf(1, "empty file: no shard header")
	}
	if err != nil {
		return nil, err
	}
	var probe struct {
		Record string `json:"record"`
		Format *int   `json:"shard_format"`
	}
	if err := json.Unmarshal(b, &probe); err != nil || probe.Record != RecordHeader || probe.Format == nil {
		return nil, sr.errf(sr.line, "not a claimex shard: the first line must be its header ({\"record\":\"shard\",\"shard_format\":%d,...})", Format)
	}
	if *probe.Format != Format {
		return nil, sr.errf(sr.line, "shard format %d; this claimex reads format %d", *probe.Format, Format)
	}
	if err := strict(b, &sr.header); err != nil {
		return nil, sr.errf(sr.line, "shard header: %v", err)
	}
	if sr.header.RulesHash == "" || sr.header.RulesText == "" {
		return nil, sr.errf(sr.line, "shard header: no rules (rules_hash, rules_text)")
	}
	return sr, nil
}

// Header is the shard's header.
func (r *Reader) Header() Header { return r.header }

func (r *Reader) errf(line int, format string, args ...any) error {
	return &Error{File: r.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (r *Reader) readLine() ([]byte, error) {
	var buf []byte
	for {
		chunk, err := r.br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if len(buf) > MaxLine {
			return nil, r.errf(r.line+1, "line longer than %d MB", MaxLine>>20)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(buf) > 0 {
			err = nil
		}
		if err != nil {
			if err == io.EOF {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("read %s: %w", r.name, err)
		}
		r.line++
		if len(bytes.TrimSpace(buf)) == 0 {
			buf = buf[:0]
			continue // blank lines are allowed
		}
		return buf, nil
	}
}

// line returns the next line and its number, the one read ahead first.
func (r *Reader) nextLine() ([]byte, int, error) {
	if r.pending {
		r.pending = false
		return r.next, r.nextNo, nil
	}
	b, err := r.readLine()
	return b, r.line, err
}

func (r *Reader) unread(b []byte, n int) {
	r.next, r.nextNo, r.pending = b, n, true
}

// Next returns the next document (with its claims) or failure; io.EOF at
// the end. A line that is not what the format says is an *Error naming
// the file and line.
func (r *Reader) Next() (Item, error) {
	b, n, err := r.nextLine()
	if err != nil {
		return Item{}, err
	}
	var probe struct {
		Record string `json:"record"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return Item{}, r.errf(n, "not a JSON object: %v", err)
	}
	switch probe.Record {
	case RecordFailure:
		var f Failure
		if err := strict(b, &f); err != nil {
			return Item{}, r.errf(n, "failure: %v", err)
		}
		if f.Source == "" || f.Stage == "" {
			return Item{}, r.errf(n, "failure: no source or stage")
		}
		return Item{Failure: &f, Line: n}, nil
	case RecordDocument:
		e, err := r.document(b, n)
		if err != nil {
			return Item{}, err
		}
		return Item{Entry: e, Line: n}, nil
	case RecordClaim:
		return Item{}, r.errf(n, "a claim with no document line before it")
	case RecordHeader:
		return Item{}, r.errf(n, "a second shard header")
	}
	return Item{}, r.errf(n, "unknown record %q (known: document, claim, failure)", probe.Record)
}

// document reads a document line and the claim lines after it.
func (r *Reader) document(b []byte, n int) (*Entry, error) {
	var d Document
	if err := strict(b, &d); err != nil {
		return nil, r.errf(n, "document: %v", err)
	}
	doc, err := r.checkDocument(d)
	if err != nil {
		return nil, r.errf(n, "document %s: %v", d.Source, err)
	}
	e := &Entry{Doc: doc}
	textLen := utf8.RuneCountInString(doc.Text)
	for {
		b, cn, err := r.nextLine()
		if err == io.EOF {
			return e, nil
		}
		if err != nil {
			return nil, err
		}
		var probe struct {
			Record string `json:"record"`
		}
		if json.Unmarshal(b, &probe) != nil || probe.Record != RecordClaim {
			r.unread(b, cn)
			return e, nil
		}
		var c Claim
		if err := strict(b, &c); err != nil {
			return nil, r.errf(cn, "claim: %v", err)
		}
		claim, err := checkClaim(c, doc, textLen)
		if err != nil {
			return nil, r.errf(cn, "claim %s: %v", c.Key, err)
		}
		e.Claims = append(e.Claims, claim)
	}
}

func (r *Reader) checkDocument(d Document) (claimex.Document, error) {
	doc := claimex.Document{Source: d.Source, Hash: d.Hash, Format: claimex.Format(d.Format), Title: str(d.Title),
		Published: str(d.DocumentRecord.Published), Byline: str(d.Byline), Site: str(d.Site), URL: str(d.URL),
		Lang: str(d.Lang), Text: d.Text, BodyStart: d.BodyStart, ContentType: d.ContentType, Analysis: d.Analysis}
	switch {
	case d.Source == "":
		return doc, errors.New("no source")
	case !isHash(d.Hash):
		return doc, fmt.Errorf("hash %q is not a SHA-256 in hex", d.Hash)
	case doc.Format != claimex.FormatHTML && doc.Format != claimex.FormatText && doc.Format != claimex.FormatMarkdown:
		return doc, fmt.Errorf("format %q (known: html, text, markdown)", d.Format)
	case d.Text == "":
		return doc, errors.New("no text")
	case !utf8.ValidString(d.Text):
		return doc, errors.New("text is not UTF-8")
	case d.BodyStart < 0 || d.BodyStart > utf8.RuneCountInString(d.Text):
		return doc, fmt.Errorf("body_start %d is outside the text", d.BodyStart)
	}
	if d.FetchedAt != nil {
		t, err := time.Parse(time.RFC3339Nano, *d.FetchedAt)
		if err != nil {
			return doc, fmt.Errorf("fetched_at: %v", err)
		}
		doc.FetchedAt = t
	}
	raw, err := gunzip(d.Raw, maxRaw)
	if err != nil {
		return doc, fmt.Errorf("raw: %v", err)
	}
	if len(raw) != d.RawSize {
		return doc, fmt.Errorf("raw is %d bytes, raw_size says %d", len(raw), d.RawSize)
	}
	sum := sha256.Sum256(raw)
	if hex.EncodeToString(sum[:]) != d.Hash {
		return doc, errors.New("raw bytes do not have the document's hash")
	}
	doc.Raw = raw
	return doc, nil
}

func checkClaim(c Claim, doc claimex.Document, textLen int) (claimex.Claim, error) {
	cl := claimex.Claim{Key: c.Key, Kind: claimex.Kind(c.Kind), Category: claimex.Category(str(c.Category)),
		Value: c.Value, ValueMax: c.ValueMax, Qualifier: claimex.Qualifier(str(c.Qualifier)), Vague: str(c.Vague),
		Subject: str(c.Subject), EntityType: str(c.EntityType), Canonical: str(c.Canonical), Role: str(c.Role),
		Attribution: str(c.Attribution), Location: str(c.Location), Text: c.Text, Start: c.Start, End: c.End,
		SentenceStart: c.SentenceStart, SentenceEnd: c.SentenceEnd, Prefix: c.Prefix, Suffix: c.Suffix, Rule: c.Rule}
	switch {
	case c.DocumentHash != doc.Hash:
		return cl, fmt.Errorf("document_hash %q is not that of the document before it (%s)", c.DocumentHash, doc.Hash)
	case len(c.Key) != 16 || !isHex(c.Key):
		return cl, fmt.Errorf("key %q is not 16 hex digits", c.Key)
	case cl.Kind != claimex.KindCount && cl.Kind != claimex.KindEntity:
		return cl, fmt.Errorf("kind %q (known: count, entity)", c.Kind)
	case cl.Kind == claimex.KindCount && cl.Qualifier != "" && !claimex.ValidQualifier(cl.Qualifier):
		return cl, fmt.Errorf("qualifier %q", cl.Qualifier)
	case c.Start < 0 || c.Start > c.End || c.End > textLen:
		return cl, fmt.Errorf("offsets %d-%d are outside the text (%d code points)", c.Start, c.End, textLen)
	case c.SentenceStart < 0 || c.SentenceStart > c.Start || c.SentenceEnd < c.End || c.SentenceEnd > textLen:
		return cl, fmt.Errorf("sentence %d-%d does not hold the claim at %d-%d", c.SentenceStart, c.SentenceEnd, c.Start, c.End)
	case runeSlice(doc.Text, c.Start, c.End) != c.Text:
		return cl, fmt.Errorf("text %q is not the document's text at %d-%d", c.Text, c.Start, c.End)
	case c.Rule == "":
		return cl, errors.New("no rule")
	}
	return cl, nil
}

// strict decodes a line, refusing fields the format does not have: a
// misspelt field is an error rather than a value silently lost.
func strict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value on the line")
	}
	return nil
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func isHash(s string) bool { return len(s) == 64 && isHex(s) }

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return s != ""
}

// runeSlice is s from code point start to end.
func runeSlice(s string, start, end int) string {
	from, to, n := len(s), len(s), 0
	for i := range s {
		if n == start {
			from = i
		}
		if n == end {
			to = i
			break
		}
		n++
	}
	if from > to {
		return ""
	}
	return s[from:to]
}
