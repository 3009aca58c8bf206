package extract

import (
	"bytes"
	"testing"

	"github.com/claimex/claimex/rules"
)

// TestAnalysisReuse extracts each sample with no analysis, then with the
// one that run returned: the claims are the same and the analysis comes
// back unchanged. An analysis of another text, or a damaged one, is not
// used.
func TestAnalysisReuse(t *testing.T) {
	x := extractor(t)
	for _, d := range seedDocs(t) {
		first, an := x.ExtractAnalyzed(d)
		if len(an) == 0 {
			t.Fatalf("%s: no analysis", d.Source)
		}
		d.Analysis = an
		again, an2 := x.ExtractAnalyzed(d)
		if !bytes.Equal(an, an2) {
			t.Errorf("%s: the analysis changed on reuse", d.Source)
		}
		if a, b := keys(first), keys(again); len(a) != len(b) {
			t.Errorf("%s: %d claims, %d with the analysis", d.Source, len(a), len(b))
		} else {
			for k := range a {
				if !b[k] {
					t.Errorf("%s: with the analysis, %s is lost", d.Source, k)
				}
			}
		}
		if _, err := decodeAnalysis(an, d.Text+" "); err == nil {
			t.Errorf("%s: an analysis of another text was accepted", d.Source)
		}
		for _, cut := range []int{0, 3, 10, len(an) / 2, len(an) - 1} {
			if _, err := decodeAnalysis(an[:cut], d.Text); err == nil {
				t.Errorf("%s: an analysis cut at %d bytes was accepted", d.Source, cut)
			}
		}
	}
}

// TestAnalysisUnderOtherRules: an analysis made under the default rules
// serves other rules too; windows they need that it lacks are labelled
// afresh, and the claims are those a fresh run finds.
func TestAnalysisUnderOtherRules(t *testing.T) {
	def := extractor(t)
	text := string(rules.DefaultText())
	other, err := rules.Parse("other.yaml", []byte(text+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	// No organisations known: their words become windows for the model.
	other.Entities.Organisations = nil
	x, err := New(other)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range seedDocs(t) {
		_, an := def.ExtractAnalyzed(d)
		fresh := keys(x.Extract(d))
		d.Analysis = an
		cached, _ := x.ExtractAnalyzed(d)
		got := keys(cached)
		if len(got) != len(fresh) {
			t.Errorf("%s: %d claims with the analysis, %d fresh", d.Source, len(got), len(fresh))
		}
		for k := range fresh {
			if !got[k] {
				t.Errorf("%s: with the analysis, %s is lost", d.Source, k)
			}
		}
	}
}

func FuzzDecodeAnalysis(f *testing.F) {
	f.Add([]byte(analysisMagic), "text")
	f.Add([]byte("CXA1\x05v1.0.0\x00\x00\x00\x00\x00\x00\x00\x00\x01"), "")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		decodeAnalysis(data, text) // must not panic or allocate without bound
	})
}
