// Package warctest writes small web archives (WARC files) for tests, by
// hand rather than with a WARC library, so that a test can make a record
// as wrong as it needs: a Content-Length that lies, a digest that does
// not match, a gzip member cut short. It also turns the sample articles
// into HTML pages to archive.
package warctest

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Record is one WARC record to write.
type Record struct {
	// Type is the WARC-Type: "response" when empty.
	Type string
	// Version is "1.1" when empty; "1.0" writes a WARC/1.0 record.
	Version string
	URI     string
	Date    time.Time
	// Block is the record's content: for a response, the HTTP status
	// line, headers and payload (see HTTP).
	Block []byte
	// BlockType is the record's Content-Type: application/http for a
	// response when empty.
	BlockType string
	// ContentLength, when not zero, is written instead of the block's true
	// length.
	ContentLength int
	// Digest writes a WARC-Block-Digest (sha1, base32), of the true block
	// or, when WrongDigest is set, of something else.
	Digest, WrongDigest bool
}

// HTTP makes a response block: a 200 with the Content-Type and a
// Content-Length header, then body. Extra header lines ("Transfer-Encoding:
// chunked") go in after the Content-Type; with one of them naming a
// Transfer-Encoding no Content-Length is written.
func HTTP(contentType string, body []byte, extra ...string) []byte {
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 200 OK\r\n")
	if contentType != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", contentType)
	}
	chunked := false
	for _, h := range extra {
		b.WriteString(h + "\r\n")
		chunked = chunked || strings.HasPrefix(strings.ToLower(h), "transfer-encoding:")
	}
	if !chunked {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// Chunk writes body in HTTP/1.1 chunks of at most n bytes.
func Chunk(body []byte, n int) []byte {
	var b bytes.Buffer
	for len(body) > 0 {
		k := min(n, len(body))
		fmt.Fprintf(&b, "%x\r\n", k)
		b.Write(body[:k])
		b.WriteString("\r\n")
		body = body[k:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

// Response is a response record of an HTML page.
func Response(uri string, date time.Time, page []byte) Record {
	return Record{URI: uri, Date: date, Block: HTTP("text/html; charset=utf-8", page), Digest: true}
}

// Bytes writes the record, uncompressed.
func (r Record) Bytes() []byte {
	typ := r.Type
	if typ == "" {
		typ = "response"
	}
	version := r.Version
	if version == "" {
		version = "1.1"
	}
	blockType := r.BlockType
	if blockType == "" && (typ == "response" || typ == "request") {
		blockType = "application/http; msgtype=" + typ
	}
	date := r.Date
	if date.IsZero() {
		date = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	}
	n := len(r.Block)
	if r.ContentLength != 0 {
		n = r.ContentLength
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/%s\r\n", version)
	fmt.Fprintf(&b, "WARC-Type: %s\r\n", typ)
	fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:%s>\r\n", recordID(r))
	fmt.Fprintf(&b, "WARC-Date: %s\r\n", date.UTC().Format(time.RFC3339))
	if r.URI != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.URI)
	}
	if blockType != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", blockType)
	}
	if r.Digest {
		digested := r.Block
		if r.WrongDigest {
			digested = append([]byte("not "), digested...)
		}
		sum := sha1.Sum(digested)
		fmt.Fprintf(&b, "WARC-Block-Digest: sha1:%s\r\n", base32.StdEncoding.EncodeToString(sum[:]))
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", n)
	b.Write(r.Block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// recordID is a stable UUID-shaped id made from the record's content.
func recordID(r Record) string {
	s := sha1.Sum(append([]byte(r.URI+r.Date.String()), r.Block...))
	return fmt.Sprintf("%x-%x-%x-%x-%x", s[0:4], s[4:6], s[6:8], s[8:10], s[10:16])
}

// Gzip compresses b as one gzip member.
func Gzip(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// File writes records as a WARC file: each in a gzip member of its own
// when gz is set (as .warc.gz files are), else one after another.
func File(records []Record, gz bool) []byte {
	var b bytes.Buffer
	for _, r := range records {
		if gz {
			b.Write(Gzip(r.Bytes()))
		} else {
			b.Write(r.Bytes())
		}
	}
	return b.Bytes()
}

// Write writes records to the file name in dir, compressed per record
// when the name ends in .gz, and returns its path.
func Write(tb testing.TB, dir, name string, records []Record) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, File(records, strings.HasSuffix(name, ".gz")), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Page makes an HTML page of a text article: its first line as the
// title and headline, each further paragraph (lines separated by a blank
// line, or lines) a <p>, and n in a line of its own after the headline,
// so that pages made from one text with different n are different
// documents.
func Page(text string, n int) []byte {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	title := ""
	var paras []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if title == "" {
			title = l
			continue
		}
		paras = append(paras, l)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body><article>\n<h1>%s</h1>\n",
		html.EscapeString(title), html.EscapeString(title))
	fmt.Fprintf(&b, "<p>Report number %d.</p>\n", n)
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString("</article></body></html>\n")
	return []byte(b.String())
}

// Seeds reads the sample articles of dir (testdata/seeds), in name order.
func Seeds(tb testing.TB, dir string) []string {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(names) == 0 {
		tb.Fatalf("no sample articles in %s: %v", dir, err)
	}
	var out []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}
