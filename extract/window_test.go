package extract

import (
	"fmt"
	"testing"

	"github.com/claimex/claimex"
)

// TestWindowedModel checks that running the entity model only around
// capitalised words the rules leave unexplained finds what running it
// over every token finds, on the samples.
func TestWindowedModel(t *testing.T) {
	x := extractor(t)
	full := *x
	full.fullNER = true
	for _, d := range seedDocs(t) {
		got, want := keys(x.Extract(d)), keys(full.Extract(d))
		for k := range want {
			if !got[k] {
				t.Errorf("%s: the windowed model misses %s", d.Source, k)
			}
		}
		for k := range got {
			if !want[k] {
				t.Errorf("%s: the windowed model adds %s", d.Source, k)
			}
		}
	}
}

func keys(cs []claimex.Claim) map[string]bool {
	out := map[string]bool{}
	for _, c := range cs {
		out[c.Key+" "+string(c.Kind)+" "+c.EntityType+" "+c.Canonical+" "+string(c.Category)] = true
	}
	return out
}

func TestNERWindows(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text string
		want string
	}{
		{"police said on Monday that 225 people died", "[2 5]"}, // one token of context either side
		{"the protest in Almaty was broken up", "[2 5]"},
		{"The protest was broken up", ""},                                     // an everyday opener
		{"Tokayev said the Office of the President would reply", "[0 8]"},     // small words inside a run; touching windows merge
		{"Kassym-Jomart Tokayev spoke to reporters in Almaty", "[0 3] [5 7]"}, // hyphenated names are one token
		{"no capital letters at all", ""},
	}
	for _, tt := range tests {
		toks := x.tokenizer.Tokenize(tt.text)
		got := ""
		for i, w := range nerWindows(toks, nil, func(t string) bool { return x.lex.openers.has([]string{t}, 0) || t == "The" }) {
			if i > 0 {
				got += " "
			}
			got += fmt.Sprintf("[%d %d]", w[0], w[1])
		}
		if got != tt.want {
			t.Errorf("%q: windows %s, want %s", tt.text, got, tt.want)
		}
	}
}
