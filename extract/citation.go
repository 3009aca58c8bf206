package extract

import (
	"strings"

	"github.com/jdkato/prose/v3/token"
)

// splitCitations cuts the citation markers of encyclopaedic text off the
// word they follow, which the tokenizer leaves joined: "died.[3][4][5]"
// comes as "died.[3][4][5" and "]", and is read as "died", "." and
// "[3][4][5]". A sentence's full stop before the marker is split off too,
// unless the word is an abbreviation ("U.S.[2]").
func splitCitations(toks []token.Token) []token.Token {
	var out []token.Token
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		// A marker on its own, "[59]", comes as "[", "59" and "]": one
		// token, no number.
		if n := markerAt(toks, k); n > 0 {
			if out == nil {
				out = append(make([]token.Token, 0, len(toks)), toks[:k]...)
			}
			text := ""
			for _, m := range toks[k : k+n] {
				text += m.Text
			}
			out = append(out, token.Token{Text: text, Start: t.Start})
			k += n - 1
			continue
		}
		i := strings.Index(t.Text, "[")
		if i <= 0 || i+1 >= len(t.Text) || !isDigit(t.Text[i+1]) {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]token.Token, 0, len(toks)+2), toks[:k]...)
		}
		head := t.Text[:i]
		if n := len(head); n > 1 && head[n-1] == '.' && !strings.Contains(head[:n-1], ".") {
			out = append(out, token.Token{Text: head[:n-1], Start: t.Start}, token.Token{Text: ".", Start: t.Start + n - 1})
		} else {
			out = append(out, token.Token{Text: head, Start: t.Start})
		}
		tail := token.Token{Text: t.Text[i:], Start: t.Start + i}
		if k+1 < len(toks) && toks[k+1].Text == "]" && toks[k+1].Start == t.Start+len(t.Text) {
			tail.Text += "]"
			k++
		}
		out = append(out, tail)
	}
	if out == nil {
		return toks
	}
	return out
}

// markerAt returns how many tokens from toks[k] make a citation marker
// written apart ("[", "59", "]", or "[" and "59]", side by side), or 0.
func markerAt(toks []token.Token, k int) int {
	if toks[k].Text != "[" || k+1 >= len(toks) || toks[k+1].Start != toks[k].Start+1 {
		return 0
	}
	next := toks[k+1].Text
	if n := len(next); n >= 2 && next[n-1] == ']' && isDigitWord(next[:n-1]) {
		return 2
	}
	if isDigitWord(next) && k+2 < len(toks) && toks[k+2].Text == "]" && toks[k+2].Start == toks[k+1].Start+len(next) {
		return 3
	}
	return 0
}

// isCitation reports whether a token is a citation marker ("[3]",
// "[3][4]").
func isCitation(w string) bool {
	return len(w) >= 3 && w[0] == '[' && w[len(w)-1] == ']' && isDigit(w[1])
}
