package review

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimex/claimex"
)

// FuzzClipClaim: whatever the sentence and the offsets (article text and
// stored offsets are not to be trusted), clipping does not panic, keeps
// the claim whole, and shows one stretch of the sentence, at most n
// characters either side of the claim.
func FuzzClipClaim(f *testing.F) {
	f.Add("At least 12 people were killed.", "12 people", 9, 18, 0, 90)
	f.Add("Police said 30 were held.", "30", 500, 502, 0, 90)
	f.Add("état: 4 500 blessés, selon la police", "4 500 blessés", 106, 119, 100, 3)
	f.Add("", "", -5, 3, 7, 0)
	f.Fuzz(func(t *testing.T, sentence, text string, start, end, sentenceStart, n int) {
		n = max(0, n%200)
		c := claimex.Claim{Sentence: sentence, Text: text, Start: start, End: end, SentenceStart: sentenceStart}
		got := clipClaim(c, n)
		if !utf8.ValidString(sentence) {
			return // the runes of a sentence that is not UTF-8 are not its bytes
		}
		if shown := got.Before + got.Claim + got.After; !strings.Contains(sentence, shown) {
			t.Fatalf("%q + %q + %q is not a stretch of %q", got.Before, got.Claim, got.After, sentence)
		}
		if utf8.RuneCountInString(got.Before) > n || utf8.RuneCountInString(got.After) > n {
			t.Fatalf("more than %d characters either side: %q, %q", n, got.Before, got.After)
		}
		if !got.CutBefore && !strings.HasPrefix(sentence, got.Before+got.Claim) {
			t.Fatalf("the sentence goes on before %q, and the clip does not say so", got.Before)
		}
		if !got.CutAfter && !strings.HasSuffix(sentence, got.Claim+got.After) {
			t.Fatalf("the sentence goes on after %q, and the clip does not say so", got.After)
		}
	})
}
