package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldDiacritics removes combining marks: "Tokáyev" → "Tokayev".
func foldDiacritics(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// surname is the folded last word of a name, without diacritics.
func surname(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return foldDiacritics(strings.ToLower(f[len(f)-1]))
}
