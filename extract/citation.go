package extract

import (
	"strings"

	"github.com/jdkato/prose/v3/token"
)

// splitCitations cuts the citation markers of encyclopaedic text off the
// word they follow, which the tokenizer leaves joined: "died.[3][4][5]"
// comes as "died.[3][4][5" and "]", and is read as "died", "." and
// "[3][4][5". A sentence's full stop before the marker is split off too,
// unless the word is an abbreviation ("U.S.[2]").
func splitCitations(toks []token.Token) []token.Token {
	var out []token.Token
	for k, t := range toks {
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
		out = append(out, token.Token{Text: t.Text[i:], Start: t.Start + i})
	}
	if out == nil {
		return toks
	}
	return out
}
