package extract

import (
	"math"
	"strings"
	"testing"

	"github.com/claimex/claimex/rules"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in      string
		value   float64
		max     float64 // range upper bound, 0 if none
		words   int
		plus    bool
		invalid bool
	}{
		{in: "225 people", value: 225, words: 1},
		{in: "4,500 injured", value: 4500, words: 1},
		{in: "6,044", value: 6044, words: 1},
		{in: "1,000,000", value: 1e6, words: 1},
		{in: "4500", value: 4500, words: 1},
		{in: "1.2 million people", value: 1.2e6, words: 2},
		{in: "2 million", value: 2e6, words: 2},
		{in: "3 billion", value: 3e9, words: 2},
		{in: "2m people", value: 2e6, words: 1},
		{in: "1.5bn", value: 1.5e9, words: 1},
		{in: "10k", invalid: true}, // "4K" is a screen, "10k" a race
		{in: "50 lakh people", value: 5e6, words: 2},
		{in: "2 crore", value: 2e7, words: 2},
		{in: "4 hundred", value: 4, words: 1}, // "hundred" only scales words
		{in: "three children", value: 3, words: 1},
		{in: "twenty-six people", value: 26, words: 1},
		{in: "ninety-nine", value: 99, words: 1},
		{in: "a hundred people", value: 100, words: 2},
		{in: "an estimated", invalid: true},
		{in: "two thousand", value: 2000, words: 2},
		{in: "two thousand five hundred", value: 2500, words: 4},
		{in: "three hundred and fifty", value: 350, words: 4},
		{in: "three hundred and counting", value: 300, words: 2},
		{in: "one hundred thousand", value: 100000, words: 3},
		{in: "a dozen", value: 12, words: 2},
		{in: "two dozen", value: 24, words: 2},
		{in: "half a million", value: 500000, words: 3},
		{in: "a thousand", value: 1000, words: 2},
		{in: "zero", value: 0, words: 1},
		{in: "one two", value: 1, words: 1},
		{in: "twenty six", value: 20, words: 1},
		{in: "between 20 and 30 people", value: 20, max: 30, words: 4},
		{in: "between twenty and thirty", value: 20, max: 30, words: 4},
		{in: "between 30 and 20", invalid: true},
		{in: "between friends", invalid: true},
		{in: "20-30 dead", value: 20, max: 30, words: 1},
		{in: "30-20", invalid: true},
		{in: "20 to 30", value: 20, max: 30, words: 3},
		{in: "two or three", value: 2, max: 3, words: 3},
		{in: "20 - 30", value: 20, max: 30, words: 3},
		{in: "1,000-plus", value: 1000, words: 1, plus: true},
		{in: "1,000 or more", value: 1000, words: 3, plus: true},
		{in: "4,50", invalid: true},
		{in: "45,00,000", invalid: true},
		{in: ",500", invalid: true},
		{in: "1.", invalid: true},
		{in: "1.2.3", invalid: true},
		{in: "3rd", invalid: true},
		{in: "10:30", invalid: true},
		{in: "people", invalid: true},
		{in: "a", invalid: true},
		{in: "", invalid: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, ok := ParseNumber(strings.Fields(rules.Fold(tt.in)))
			if ok == tt.invalid {
				t.Fatalf("ParseNumber(%q) ok = %v, want %v (%+v)", tt.in, ok, !tt.invalid, n)
			}
			if tt.invalid {
				return
			}
			if n.Value != tt.value || n.Max != tt.max || n.IsRange != (tt.max != 0) || n.Words != tt.words || n.Plus != tt.plus {
				t.Errorf("ParseNumber(%q) = %+v, want value %v max %v words %d plus %v", tt.in, n, tt.value, tt.max, tt.words, tt.plus)
			}
		})
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"4,500", "1.2 million", "twenty-six", "between 20 and 30", "20-30", "a hundred",
		"two thousand five hundred", "1,000-plus", "half a million", "9999999999999999999999 billion", "1e308"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(rules.Fold(s))
		n, ok := ParseNumber(words)
		if !ok {
			return
		}
		if n.Words < 1 || n.Words > len(words) {
			t.Fatalf("ParseNumber(%q) spans %d of %d words", s, n.Words, len(words))
		}
		if math.IsNaN(n.Value) || math.IsInf(n.Value, 0) || n.Value < 0 {
			t.Fatalf("ParseNumber(%q) value %v", s, n.Value)
		}
		if n.IsRange && !(n.Max > n.Value) {
			t.Fatalf("ParseNumber(%q) range %v-%v", s, n.Value, n.Max)
		}
		// The words it spans parse alone to the same figure.
		again, ok := ParseNumber(words[:n.Words])
		if !ok || again.Value != n.Value || again.Max != n.Max {
			t.Fatalf("ParseNumber(%q) = %+v, but its own words give %+v (%v)", s, n, again, ok)
		}
	})
}
