package extract

import (
	"unicode/utf8"

	"github.com/claimex/claimex"
)

// anchorLen is how many code points of context a claim keeps either side
// (its W3C TextQuoteSelector prefix and suffix).
const anchorLen = 32

// text converts byte offsets in a document's text to code-point offsets
// and cuts anchors.
type text struct {
	s string
	// marks[k] is the first rune start at or after byte k*markStep, with
	// the number of code points before it.
	marks []mark
}

type mark struct{ byte, runes int }

const markStep = 256

func newText(s string) *text {
	t := &text{s: s, marks: make([]mark, 0, len(s)/markStep+1)}
	n := 0
	for i := range s {
		for len(t.marks)*markStep <= i {
			t.marks = append(t.marks, mark{i, n})
		}
		n++
	}
	return t
}

// runeOffset returns the code-point offset of byte offset b, which must
// fall on a rune boundary.
func (t *text) runeOffset(b int) int {
	b = max(0, min(b, len(t.s)))
	k := min(b/markStep, len(t.marks)-1)
	for k > 0 && t.marks[k].byte > b {
		k--
	}
	if k < 0 {
		return 0
	}
	m := t.marks[k]
	return m.runes + utf8.RuneCountInString(t.s[m.byte:b])
}

// before returns up to n code points ending at byte b.
func (t *text) before(b, n int) string {
	i := b
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(t.s[:i])
		i -= size
	}
	return t.s[i:b]
}

// after returns up to n code points starting at byte b.
func (t *text) after(b, n int) string {
	i := b
	for k := 0; k < n && i < len(t.s); k++ {
		_, size := utf8.DecodeRuneInString(t.s[i:])
		i += size
	}
	return t.s[b:i]
}

// anchor fills each claim's offsets (converted from bytes to code
// points), prefix, suffix and key. Claims arrive with byte offsets.
func (t *text) anchor(docHash string, claims []claimex.Claim) {
	seen := map[string]int{}
	for i := range claims {
		c := &claims[i]
		c.Prefix = t.before(c.Start, anchorLen)
		c.Suffix = t.after(c.End, anchorLen)
		c.Start, c.End = t.runeOffset(c.Start), t.runeOffset(c.End)
		c.SentenceStart, c.SentenceEnd = t.runeOffset(c.SentenceStart), t.runeOffset(c.SentenceEnd)
		// Anchors that repeat once normalised (a headline in Title Case
		// and its sentence-case copy) are told apart by their order.
		first := claimex.ClaimKey(docHash, c.Kind, c.Prefix, c.Text, c.Suffix, 0)
		c.Key = claimex.ClaimKey(docHash, c.Kind, c.Prefix, c.Text, c.Suffix, seen[first])
		seen[first]++
	}
}
