// Package corpus finds what to ingest: it walks folders for article files
// (html, htm, txt, md) and web archives (warc, warc.gz), passes on URLs
// and reads URL lists, reads files, splits web archives into their pages,
// and identifies each input by the SHA-256 of its bytes. It does no
// parsing of pages and no networking: retrieving a URL and deciding what a
// page says are fetch's jobs.
package corpus

import (
	"path/filepath"
	"strings"

	"github.com/claimex/claimex"
)

// FormatOf returns the format an article file's extension names, and
// whether the extension is one corpus ingests.
func FormatOf(path string) (claimex.Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return claimex.FormatHTML, true
	case ".txt":
		return claimex.FormatText, true
	case ".md", ".markdown":
		return claimex.FormatMarkdown, true
	}
	return "", false
}

// Sniff guesses the format of bytes whose name says nothing: HTML when a
// tag opens the content, text otherwise.
func Sniff(b []byte) claimex.Format {
	head := strings.TrimPrefix(string(b[:min(len(b), 512)]), "\ufeff")
	head = strings.ToLower(strings.TrimSpace(head))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<title"} {
		if strings.HasPrefix(head, p) {
			return claimex.FormatHTML
		}
	}
	return claimex.FormatText
}
