package review

import (
	"slices"
	"strings"
	"unicode"

	"github.com/claimex/claimex"
)

// sentenceContext is how many characters of a claim's sentence the
// claims table shows either side of the claim.
const sentenceContext = 90

// Clip is a claim in the part of its sentence around it.
type Clip struct {
	Before, Claim, After string
	// CutBefore and CutAfter are set when the sentence goes on beyond
	// Before or After.
	CutBefore, CutAfter bool
}

// clipClaim cuts a claim's sentence to n characters either side of the
// claim, at word boundaries, never into the claim itself.
func clipClaim(c claimex.Claim, n int) Clip {
	r := []rune(c.Sentence)
	start := max(0, min(len(r), c.Start-c.SentenceStart))
	end := max(start, min(len(r), c.End-c.SentenceStart))
	if end == start && c.Text != "" {
		// The offsets do not fall in the sentence: find the words, rune
		// by rune (a byte index can fall inside a character of text that
		// is not UTF-8).
		if i := runeIndex(r, []rune(c.Text)); i >= 0 {
			start, end = i, i+len([]rune(c.Text))
		}
	}
	out := Clip{Claim: string(r[start:end])}
	before, after := r[:start], r[end:]
	if len(before) > n {
		cut := len(before) - n
		for cut < len(before) && !unicode.IsSpace(before[cut]) {
			cut++
		}
		before, out.CutBefore = before[cut:], true
	}
	if len(after) > n {
		cut := n
		for cut > 0 && !unicode.IsSpace(after[cut]) {
			cut--
		}
		after, out.CutAfter = after[:cut], true
	}
	out.Before, out.After = string(before), string(after)
	if out.CutBefore {
		out.Before = strings.TrimLeftFunc(out.Before, unicode.IsSpace)
	}
	if out.CutAfter {
		out.After = strings.TrimRightFunc(out.After, unicode.IsSpace)
	}
	return out
}

// runeIndex is the index of the first sub in r, or -1.
func runeIndex(r, sub []rune) int {
	for i := 0; i+len(sub) <= len(r); i++ {
		if slices.Equal(r[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
