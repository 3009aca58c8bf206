package extract

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/internal/numsuite"
)

// minSuiteShare is the share of the number suites' English integer
// cardinals that must be read right in a count sentence (issue 14).
const minSuiteShare = 0.95

// devDir is the development data folder: $CLAIMEX_DEV, else
// ../shared/dev beside the module (the repository is /work/main, the data
// /work/shared/dev).
func devDir() string {
	if d := os.Getenv("CLAIMEX_DEV"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "dev")
}

// TestNumberSuites reads the English integer cardinals of three public
// number-expression test suites (see internal/numsuite for the filter) in
// count sentences, and fails when fewer than minSuiteShare are read
// right. It logs the one-line summary `make quality` prints.
func TestNumberSuites(t *testing.T) {
	dir := filepath.Join(devDir(), "numbers")
	set, err := numsuite.Load(dir)
	if errors.Is(err, numsuite.ErrNoSuites) {
		t.Skipf("no number suites in %s (set CLAIMEX_DEV to the folder holding numbers/): %v", dir, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	x := extractor(t)
	report := numsuite.Score(set, func(text string) []claimex.Claim { return x.Extract(docOf(text)) })
	t.Logf("filter: %s", numsuite.Filter)
	for _, s := range numsuite.Suites {
		kept, excluded := set.Counts(s)
		t.Logf("%s: %d examples kept; excluded: %s", s, kept, excluded)
	}
	for _, rd := range report.Readings {
		if !rd.Right {
			t.Logf("wrong: %s %q (want %g): %s", rd.Example.Source, rd.Sentence, rd.Example.Value, rd.Got)
		}
	}
	t.Log(report.Line())
	if right, total := report.Share(""); float64(right) < minSuiteShare*float64(total) {
		t.Errorf("%d of %d number-suite sentences read right (%.1f%%), want at least %.0f%%",
			right, total, 100*float64(right)/float64(total), 100*minSuiteShare)
	}
}
