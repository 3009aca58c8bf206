package rules

import (
	"strings"
	"unicode"
)

// Phrase is a word or words from a list, folded for matching.
type Phrase struct {
	// Words are the folded words of the phrase.
	Words []string
	// Prefix is set when the phrase ended in "*": its last word matches
	// any word it begins.
	Prefix bool
	// Line is where the phrase stands in its rules file.
	Line int
}

// String returns the phrase as it would be written in the rules file.
func (p Phrase) String() string {
	s := strings.Join(p.Words, " ")
	if p.Prefix {
		s += "*"
	}
	return s
}

// MatchAt reports whether the phrase matches the folded words at the
// start of words.
func (p Phrase) MatchAt(words []string) bool {
	if len(words) < len(p.Words) {
		return false
	}
	last := len(p.Words) - 1
	for i, w := range p.Words {
		if i == last && p.Prefix {
			if !strings.HasPrefix(words[i], w) {
				return false
			}
			continue
		}
		if words[i] != w {
			return false
		}
	}
	return true
}

func parsePhrase(s string) Phrase {
	s = strings.TrimSpace(s)
	var p Phrase
	if strings.HasSuffix(s, "*") {
		p.Prefix = true
		s = strings.TrimSuffix(s, "*")
	}
	p.Words = strings.Fields(Fold(s))
	return p
}

// Fold normalises text for matching: lower case, typographic quotes and
// dashes to their plain forms, whitespace runs to one space, trimmed.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(FoldRune(r))
	}
	return b.String()
}

// FoldRune lower-cases r and maps typographic quotes and dashes to their
// plain forms.
func FoldRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201b', '\u2032', '`':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u2033', '«', '»':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return '-'
	}
	return unicode.ToLower(r)
}
