package rules

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// needs are the literal strings one of which every text a pattern matches
// holds ("contributed " for ".{0,300}\bcontributed (to )?..."), so that a
// line holding none of them is passed over without running the pattern:
// patterns that open on ".{0,300}" cost the most of all, on every line.
type needs []literal

// literal is a string a match must hold; fold marks one matched without
// regard to case, held lower-case and ASCII, to look for in foldASCII's
// form of the line.
type literal struct {
	text string
	fold bool
}

// needsOf returns the needs of a compiled pattern, nil when it has none
// that can be told.
func needsOf(re *regexp.Regexp) needs {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	return required(tree)
}

// required returns literals one of which any match of re holds, nil for
// none known.
func required(re *syntax.Regexp) needs {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil
		}
		s := string(re.Rune)
		if strings.ContainsRune(s, utf8.RuneError) {
			return nil // also matched by bytes that are not UTF-8
		}
		if re.Flags&syntax.FoldCase == 0 {
			return needs{{text: s}}
		}
		for _, r := range re.Rune {
			if r >= utf8.RuneSelf {
				return nil
			}
		}
		return needs{{text: strings.ToLower(s), fold: true}}
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		var best needs
		for _, sub := range re.Sub {
			if n := required(sub); n != nil && (best == nil || n.shortest() > best.shortest()) {
				best = n
			}
		}
		return best
	case syntax.OpAlternate:
		var all needs
		for _, sub := range re.Sub {
			n := required(sub)
			if n == nil {
				return nil
			}
			all = append(all, n...)
		}
		return all
	}
	return nil
}

// shortest is the length of the shortest literal: the longer, the fewer
// lines hold one.
func (n needs) shortest() int {
	m := -1
	for _, l := range n {
		if m < 0 || len(l.text) < m {
			m = len(l.text)
		}
	}
	return m
}

// heldBy reports whether line, or folded (its foldASCII form), holds one
// of the literals.
func (n needs) heldBy(line, folded string) bool {
	for _, l := range n {
		if l.fold && strings.Contains(folded, l.text) || !l.fold && strings.Contains(line, l.text) {
			return true
		}
	}
	return false
}

// foldASCII writes s with every character that matches an ASCII letter
// without regard to case as that letter in lower case ("K" and the Kelvin
// sign "K" as "k"), the others as they are.
func foldASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r >= utf8.RuneSelf:
			if a, ok := asciiFold[r]; ok {
				r = a
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// asciiFold maps the characters beyond ASCII that match an ASCII letter
// without regard to case to that letter in lower case.
var asciiFold = func() map[rune]rune {
	m := map[rune]rune{}
	for c := 'a'; c <= 'z'; c++ {
		for r := unicode.SimpleFold(c); r != c; r = unicode.SimpleFold(r) {
			if r >= utf8.RuneSelf {
				m[r] = c
			}
		}
	}
	return m
}()
