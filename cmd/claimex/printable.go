package main

import (
	"fmt"
	"strings"
	"unicode"
)

// printable makes untrusted text safe to print to a terminal: control
// characters (escape sequences, newlines, tabs, carriage returns) and the
// invisible formatting characters that reorder or hide text (bidi
// overrides, zero-width marks) are written as Go escapes ("\x1b", "\n",
// "\u202e"), so a file name or a title can neither move the cursor, change
// colours nor break a table's rows, and still shows what it holds.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if hidden(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !hidden(r):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// hidden reports a character a terminal does not show as itself: a
// control character, or a format character (Unicode category Cf: bidi
// controls, zero-width joiners, the byte-order mark).
func hidden(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}
