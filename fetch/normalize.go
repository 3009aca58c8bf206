package fetch

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalizeLine makes one line of clean text: NFC, no control or
// zero-width characters, no-break and other spaces as plain spaces,
// whitespace runs collapsed, trimmed.
func normalizeLine(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad':
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// joinBlocks joins kept paragraphs into clean text, one blank line apart.
func joinBlocks(blocks []string) string {
	return strings.Join(blocks, "\n\n")
}
