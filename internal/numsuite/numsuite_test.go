package numsuite

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/claimex/claimex"
)

// testdata/numbers holds small suites written for this test in the
// shapes of the real ones.
const testDir = "testdata/numbers"

func TestLoadFilter(t *testing.T) {
	set, err := Load(testDir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		suite    string
		kept     []string
		excluded string
	}{
		{"duckling", []string{"7", "seven", "4 thousand", `a "quoted" four thousand`, "nine"},
			"duplicate 1, money 1, negative 1, not integer 1, ordinal 1, unit 2"},
		{"number-parser", []string{"Eleven", "twelve", "forty one", "one hundred             and six"},
			"duplicate 1, no value 1, ordinal 1"},
		{"quantulum3", []string{"14"}, "not integer 1, range 1, unit 1"},
	}
	for _, tt := range tests {
		t.Run(tt.suite, func(t *testing.T) {
			var texts []string
			for _, e := range set.Examples {
				if e.Suite == tt.suite {
					texts = append(texts, e.Text)
					if e.Source == "" {
						t.Errorf("%q has no source", e.Text)
					}
				}
			}
			slices.Sort(texts)
			want := slices.Clone(tt.kept)
			slices.Sort(want)
			if !slices.Equal(texts, want) {
				t.Errorf("kept %q, want %q", texts, want)
			}
			kept, excluded := set.Counts(tt.suite)
			if kept != len(tt.kept) || excluded != tt.excluded {
				t.Errorf("Counts = %d, %q; want %d, %q", kept, excluded, len(tt.kept), tt.excluded)
			}
		})
	}
	values := map[string]float64{}
	for _, e := range set.Examples {
		values[e.Text] = e.Value
	}
	if values["4 thousand"] != 4000 || values["one hundred             and six"] != 106 || values["nine"] != 9 {
		t.Errorf("values %v", values)
	}
}

func TestLoadMissing(t *testing.T) {
	if _, err := Load("testdata/none"); !errors.Is(err, ErrNoSuites) {
		t.Errorf("Load of a missing folder: %v, want ErrNoSuites", err)
	}
	if _, err := Load("testdata"); err == nil || errors.Is(err, ErrNoSuites) {
		t.Errorf("Load of a folder without suites: %v, want an error naming what is missing", err)
	}
}

// digitsOnly reads the first word of digits of a sentence as a count of
// the category its verb names: an extractor that knows no number words.
func digitsOnly(text string) []claimex.Claim {
	cat := claimex.Killed
	if strings.Contains(text, "arrested") {
		cat = claimex.Arrested
	}
	for _, w := range strings.Fields(strings.TrimSuffix(text, ".")) {
		if v, err := strconv.ParseFloat(w, 64); err == nil {
			return []claimex.Claim{{Kind: claimex.KindCount, Category: cat, Value: claimex.Float(v)}}
		}
	}
	return nil
}

func TestScore(t *testing.T) {
	set, err := Load(testDir)
	if err != nil {
		t.Fatal(err)
	}
	r := Score(set, digitsOnly)
	// duckling: "7" in three frames; number-parser: none; quantulum3: "14".
	want := "number suites: duckling 3/15 (20.0%) number-parser 0/12 (0.0%) quantulum3 3/3 (100.0%) all 6/30 (20.0%)"
	if got := r.Line(); got != want {
		t.Errorf("Line() = %q\nwant     %q", got, want)
	}
	for _, rd := range r.Readings {
		if !rd.Right && rd.Got == "" {
			t.Errorf("wrong reading of %q says nothing of what was found", rd.Sentence)
		}
	}
}

func TestScoreFrames(t *testing.T) {
	set := &Set{Examples: []Example{{Suite: "duckling", Text: "a couple of", Value: 2}}}
	var seen []string
	Score(set, func(text string) []claimex.Claim { seen = append(seen, text); return nil })
	for _, s := range seen {
		if strings.Contains(s, "of.") {
			t.Errorf("%q: an example ending in \"of\" set where no noun follows", s)
		}
	}
	if len(seen) != 2 {
		t.Errorf("read in %d frames, want the 2 with a noun", len(seen))
	}
}

func TestScoreStrict(t *testing.T) {
	set := &Set{Examples: []Example{{Suite: "duckling", Text: "7", Value: 7}}}
	two := func(string) []claimex.Claim {
		return []claimex.Claim{{Kind: claimex.KindCount, Category: claimex.Killed, Value: claimex.Float(7)},
			{Kind: claimex.KindCount, Category: claimex.Killed, Value: claimex.Float(7)}}
	}
	rangeOf := func(string) []claimex.Claim {
		return []claimex.Claim{{Kind: claimex.KindCount, Category: claimex.Killed, Value: claimex.Float(7), ValueMax: claimex.Float(9)}}
	}
	for name, fn := range map[string]func(string) []claimex.Claim{"two claims": two, "a range": rangeOf} {
		if right, _ := Score(set, fn).Share(""); right != 0 {
			t.Errorf("%s: %d readings right, want 0", name, right)
		}
	}
}

func TestSameValue(t *testing.T) {
	big := 1.2345678909876543e21
	tests := []struct {
		got, want float64
		same      bool
	}{
		{7, 7, true},
		{7, 8, false},
		{9e15 + 2, 9e15, false}, // below 2^53 values must be equal
		{big * (1 + 1e-14), big, true},
		{big * (1 + 1e-9), big, false},
	}
	for _, tt := range tests {
		if got := sameValue(tt.got, tt.want); got != tt.same {
			t.Errorf("sameValue(%g, %g) = %v, want %v", tt.got, tt.want, got, tt.same)
		}
	}
}
