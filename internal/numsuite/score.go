package numsuite

import (
	"fmt"
	"math"
	"strings"

	"github.com/claimex/claimex"
)

// Frame is a count sentence an example is set in, at %s.
type Frame struct {
	Text     string
	Category claimex.Category
	// Noun is set when a noun follows the example, so that an example
	// ending in "of" ("a couple of") reads as English.
	Noun bool
}

// Frames are the count sentences every example is read in.
var Frames = []Frame{
	{Text: "Officials said that %s people were killed.", Category: claimex.Killed, Noun: true},
	{Text: "The death toll rose to %s.", Category: claimex.Killed},
	{Text: "Police arrested %s protesters.", Category: claimex.Arrested, Noun: true},
}

// Reading is one example read in one frame.
type Reading struct {
	Example  Example
	Sentence string
	Right    bool
	// Got describes the count claims found, for a wrong reading.
	Got string
}

// Report is the score of an extractor on a Set.
type Report struct {
	Readings []Reading
}

// Score reads every example of set in every frame that suits it with
// extract, which returns the claims of a text. A reading is right when
// the sentence gives exactly one count claim, of the frame's category,
// whose value is the example's (to float64 precision: no range, no vague
// amount).
func Score(set *Set, extract func(text string) []claimex.Claim) Report {
	var r Report
	for _, e := range set.Examples {
		for _, f := range Frames {
			if !f.Noun && endsWithOf(e.Text) {
				continue
			}
			sentence := fmt.Sprintf(f.Text, e.Text)
			var counts []claimex.Claim
			for _, c := range extract(sentence) {
				if c.Kind == claimex.KindCount {
					counts = append(counts, c)
				}
			}
			rd := Reading{Example: e, Sentence: sentence}
			rd.Right = len(counts) == 1 && counts[0].Category == f.Category && counts[0].ValueMax == nil &&
				counts[0].Vague == "" && counts[0].Value != nil && sameValue(*counts[0].Value, e.Value)
			if !rd.Right {
				rd.Got = describe(counts)
			}
			r.Readings = append(r.Readings, rd)
		}
	}
	return r
}

func endsWithOf(text string) bool {
	f := strings.Fields(strings.ToLower(text))
	return len(f) > 0 && f[len(f)-1] == "of"
}

// sameValue compares a value read with the one expected. Claims hold
// float64 values, which are exact up to 2^53; above that, values equal to
// twelve significant digits are the same.
func sameValue(got, want float64) bool {
	if got == want {
		return true
	}
	if want <= 1<<53 {
		return false
	}
	return math.Abs(got-want) <= want*1e-12
}

func describe(cs []claimex.Claim) string {
	if len(cs) == 0 {
		return "no count claim"
	}
	var parts []string
	for _, c := range cs {
		v := "null"
		switch {
		case c.Vague != "":
			v = "~" + c.Vague
		case c.Value != nil && c.ValueMax != nil:
			v = fmt.Sprintf("%g-%g", *c.Value, *c.ValueMax)
		case c.Value != nil:
			v = fmt.Sprintf("%g", *c.Value)
		}
		parts = append(parts, fmt.Sprintf("%s %s (%s)", c.Category, v, c.Rule))
	}
	return strings.Join(parts, "; ")
}

// Share returns how many readings of a suite ("" for all) were right, of
// how many.
func (r Report) Share(suite string) (right, total int) {
	for _, rd := range r.Readings {
		if suite == "" || rd.Example.Suite == suite {
			total++
			if rd.Right {
				right++
			}
		}
	}
	return right, total
}

// Line is the one-line summary `make quality` prints:
// "number suites: duckling 80/95 (84.2%) number-parser ... all 500/520 (96.2%)".
func (r Report) Line() string {
	var b strings.Builder
	b.WriteString("number suites:")
	for _, s := range append(append([]string(nil), Suites...), "") {
		right, total := r.Share(s)
		name := s
		if s == "" {
			name = "all"
		}
		fmt.Fprintf(&b, " %s %d/%d (%.1f%%)", name, right, total, percent(right, total))
	}
	return b.String()
}

func percent(right, total int) float64 {
	if total == 0 {
		return 0
	}
	return 100 * float64(right) / float64(total)
}
