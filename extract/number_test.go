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
		{in: "10k", value: 1e4, words: 1},
		{in: "50 lakh people", value: 5e6, words: 2},
		{in: "2 crore", value: 2e7, words: 2},
		{in: "4 hundred", value: 400, words: 2},
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
		{in: "twenty six", value: 26, words: 2},
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
		// Since issue 14: suffixes, words, restatements, thousands grouped
		// by spaces or split after the comma, ranges.
		{in: "3k", value: 3e3, words: 1},
		{in: "24K", value: 24e3, words: 1},
		{in: "1.2b", value: 1.2e9, words: 1},
		{in: "2mil", value: 2e6, words: 1},
		{in: "10bln", value: 1e10, words: 1},
		{in: "5mln", value: 5e6, words: 1},
		{in: "1.5tn", value: 1.5e12, words: 1},
		{in: "10 bln people", value: 1e10, words: 2},
		{in: "5 mln", value: 5e6, words: 2},
		{in: "2 mil", value: 2e6, words: 2},
		{in: "3 bn", value: 3e9, words: 2},
		{in: "155mm", invalid: true},
		{in: "10km", invalid: true},
		{in: "5kg", invalid: true},
		{in: "3 m", value: 3, words: 1}, // metres, not millions
		{in: "~20", value: 20, words: 1},
		// Words.
		{in: "half a dozen", value: 6, words: 3},
		{in: "half a hundred", value: 50, words: 3},
		{in: "half a dozens", invalid: true},
		{in: "3 dozens", value: 36, words: 2},
		{in: "2 dozen", value: 24, words: 2},
		{in: "200 dozens", value: 2400, words: 2},
		{in: "two hundred dozens", value: 2400, words: 3},
		{in: "3 hundred", value: 300, words: 2},
		{in: "3 hundred thousand", value: 3e5, words: 3},
		{in: "300 hundred", value: 300, words: 1},
		{in: "hundred thousand", value: 1e5, words: 2},
		{in: "hundred", value: 100, words: 1},
		{in: "thousand people", value: 1000, words: 1},
		{in: "million", value: 1e6, words: 1},
		{in: "thousands", invalid: true},
		{in: "twenty five", value: 25, words: 2},
		{in: "twenty - five", value: 25, words: 3},
		{in: "fifty - two people", value: 52, words: 3},
		{in: "twenty - thirty", value: 20, max: 30, words: 3},
		{in: "twenty-five six", value: 25, words: 1},
		{in: "twenty thirty", value: 20, words: 1},
		{in: "five twelve", value: 5, words: 1},
		{in: "one twenty two", value: 122, words: 3},
		{in: "two thousand and nineteen", value: 2019, words: 4},
		{in: "two thousand & nineteen", value: 2019, words: 4},
		{in: "nineteen billion and nineteen", value: 19000000019, words: 4},
		{in: "three hundred and fifty thousand", value: 350000, words: 5},
		{in: "a hundred and two", value: 102, words: 4},
		{in: "two thousand and counting", value: 2000, words: 2},
		{in: "two hundred and", value: 200, words: 2},
		{in: "twenty-five hundred", value: 2500, words: 2},
		{in: "nineteen hundred", value: 1900, words: 2},
		{in: "two hundred hundred", value: 200, words: 2},
		{in: "two thousand thousand", value: 2000, words: 2},
		{in: "three thousand millions", value: 3e9, words: 3},
		{in: "three billions", value: 3e9, words: 2},
		{in: "two million three thousand and nineteen", value: 2003019, words: 6},
		{in: "seven hundred twenty-one thousand and twelve", value: 721012, words: 6},
		{in: "three crore twelve lakh fifty-six thousand seven hundred twenty-one", value: 31256721, words: 9},
		{in: "three hundred crores", value: 3e9, words: 3},
		{in: "twelve lakhs", value: 1.2e6, words: 2},
		{in: "two quadrillion", value: 2e15, words: 2},
		{in: "two point two million", value: 2.2e6, words: 4},
		{in: "two point five", value: 2.5, words: 3},
		{in: "two point guards", value: 2, words: 1},
		{in: "three million , two hundred & forty", value: 3000240, words: 7},
		{in: "two thousand , two million", value: 2000, words: 2},
		{in: "a thousand , ten", value: 1000, words: 2},
		{in: "three hundred , forty", value: 300, words: 2},
		{in: "a couple", value: 2, words: 2},
		{in: "a pair of", value: 2, words: 2},
		{in: "a couple hundred", value: 200, words: 3},
		{in: "a few", invalid: true},
		{in: "nought", value: 0, words: 1},
		{in: "zero hundred", value: 0, words: 1},
		{in: "a", invalid: true},
		{in: "a million", value: 1e6, words: 2},
		{in: "a lakh", value: 1e5, words: 2},
		{in: "bn", invalid: true},
		{in: "ten.", value: 10, words: 1},
		{in: "ten. people", invalid: true},
		// Restatements.
		{in: "forty-five ( 45 ) people", value: 45, words: 4},
		{in: "45 ( forty five )", value: 45, words: 5},
		{in: "45 ( 46 )", value: 45, words: 1},
		// Thousands grouped by spaces or split after the comma.
		{in: "40 000 people", value: 40000, words: 2},
		{in: "158 000", value: 158000, words: 2},
		{in: "1 200 000", value: 1.2e6, words: 3},
		{in: "61 , 000", value: 61000, words: 3},
		{in: "1 , 000 , 000", value: 1e6, words: 5},
		{in: "61 , 500", value: 61, words: 1},
		{in: "2019 , 2020", value: 2019, words: 1},
		{in: "2019 000", value: 2019, words: 1},
		{in: "12 3456", value: 12, words: 1},
		// Ranges.
		{in: "from 200 to 300", value: 200, max: 300, words: 4},
		{in: "from 200 through 300", value: 200, max: 300, words: 4},
		{in: "from 300 to 200", invalid: true},
		{in: "from home", invalid: true},
		{in: "5k-20k", value: 5e3, max: 2e4, words: 1},
		{in: "5-20k", value: 5e3, max: 2e4, words: 1},
		{in: "20~100", value: 20, max: 100, words: 1},
		{in: "20 ~ 100", value: 20, max: 100, words: 3},
		{in: "20 through 100", value: 20, max: 100, words: 3},
		{in: "20 thru 100", value: 20, max: 100, words: 3},
		{in: "1-2 million", value: 1e6, max: 2e6, words: 2},
		{in: "20 to 30 million", value: 2e7, max: 3e7, words: 4},
		{in: "200 to 3 million", value: 200, max: 3e6, words: 4},
		{in: "two to three hundred", value: 200, max: 300, words: 4},
		{in: "between 2 and 3 million", value: 2e6, max: 3e6, words: 5},
		{in: "between two thousand and three thousand", value: 2000, max: 3000, words: 6},
		{in: "between one hundred and fifty and two hundred", value: 150, max: 200, words: 8},
		{in: "1998-99", invalid: true},
		{in: "5k-2k", invalid: true},
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
		"two thousand five hundred", "1,000-plus", "half a million", "9999999999999999999999 billion", "1e308",
		"3k", "1.2b", "2mil", "10 bln", "5 mln", "24K", "half a dozen", "3 dozens", "3 hundred", "hundred thousand",
		"twenty five", "fifty - two", "40 000", "61 , 000", "from 200 to 300", "5k-20k", "20 through 100", "20~100",
		"~20", "forty-five ( 45 )", "two thousand and nineteen", "three million , two hundred & forty",
		"two point two million", "one twenty two", "three crore twelve lakh", "a couple of", "20 to 30 million",
		"between two thousand and three thousand", "ten.", "999 999 999 999 999 999 999 999 999 999 999"} {
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
