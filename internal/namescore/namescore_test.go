package namescore

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/extract"
)

func TestScore(t *testing.T) {
	gold := map[string]string{"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C"}
	tests := []struct {
		name      string
		predicted map[string]string
		pairP     float64
		pairR     float64
		bP, bR    float64
		merges    int
	}{
		{"perfect", map[string]string{"a1": "x", "a2": "x", "a3": "x", "b1": "y", "b2": "y", "c1": "z"}, 1, 1, 1, 1, 0},
		// Nothing merged: no false merge, and only singletons found.
		{"all apart", map[string]string{}, 1, 0, 1, (1.0/3*3 + 0.5*2 + 1) / 6, 0},
		// Everything merged: 4 gold pairs among 15.
		{"all together", map[string]string{"a1": "x", "a2": "x", "a3": "x", "b1": "x", "b2": "x", "c1": "x"}, 4.0 / 15, 1,
			(3*0.5 + 2*(2.0/6) + 1.0/6) / 6, 1, 11},
		// a3 joins the b's: pairs a1a2 b1b2 right, a3b1 a3b2 wrong.
		{"one misplaced", map[string]string{"a1": "x", "a2": "x", "a3": "y", "b1": "y", "b2": "y", "c1": "z"}, 2.0 / 4, 2.0 / 4,
			(1 + 1 + 1.0/3 + 2.0/3*2 + 1) / 6, (2.0/3*2 + 1.0/3 + 1 + 1 + 1) / 6, 2},
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Score("test", gold, tt.predicted)
			if !near(s.PairP, tt.pairP) || !near(s.PairR, tt.pairR) || !near(s.BP, tt.bP) || !near(s.BR, tt.bR) {
				t.Errorf("pairwise P=%v R=%v bcubed P=%v R=%v; want %v %v %v %v", s.PairP, s.PairR, s.BP, s.BR,
					tt.pairP, tt.pairR, tt.bP, tt.bR)
			}
			if s.FalseMerges != tt.merges || s.Names != 6 || s.Clusters != 3 {
				t.Errorf("false merges %d, names %d, clusters %d", s.FalseMerges, s.Names, s.Clusters)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	gold := map[string]string{"a1": "A", "a2": "A", "b1": "B"}
	merged, apart := Errors(gold, map[string]string{"a1": "x", "a2": "y", "b1": "y"}, 10)
	if len(merged) != 1 || merged[0] != [2]string{"a2", "b1"} || len(apart) != 1 || apart[0] != [2]string{"a1", "a2"} {
		t.Errorf("merged %v, apart %v", merged, apart)
	}
}

func TestLookAlikesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range lookAlikes().Names {
		if seen[n.Text] {
			t.Errorf("%q twice", n.Text)
		}
		seen[n.Text] = true
	}
}

// devDir is the development data folder: $CLAIMEX_DEV, else ../shared/dev
// beside the repository.
func devDir() string {
	if d := os.Getenv("CLAIMEX_DEV"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "dev")
}

// resolve clusters the names of a set as extract.Resolve does the names
// of a corpus: each name a person's, used once.
func resolve(s Set) map[string]string {
	uses := make([]claimex.NameUse, len(s.Names))
	for i, n := range s.Names {
		uses[i] = claimex.NameUse{Name: n.Text, Type: claimex.Person, Mentions: 1}
	}
	out := map[string]string{}
	for _, n := range extract.Resolve(uses, nil, nil) {
		out[n.Name] = n.Canonical
	}
	return out
}

// floors are the least each set must score: merging must stay safe (few
// false merges) and find what the rules are for.
var floors = map[string]struct{ pairP, pairR float64 }{
	"look-alikes":     {1, 0.85},
	"transliteration": {0.99, 0.5},
	"nicknames":       {0.99, 0.2},
}

// TestNameVariants resolves the name-variant sets (see Load) and scores
// the clusters pairwise and by B-cubed. It logs one summary line a set,
// which `make quality` prints, and fails when a set scores under its
// floor.
func TestNameVariants(t *testing.T) {
	sets, err := Load(devDir())
	if errors.Is(err, ErrNoData) {
		t.Skipf("no names data (set CLAIMEX_DEV to the folder holding names/): %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("sets: %s", Filter)
	var all Set
	all.Name = "all"
	for _, s := range sets {
		all.Names = append(all.Names, s.Names...)
		got := resolve(s)
		sc := Score(s.Name, s.Gold(), got)
		t.Log(sc.String())
		merged, apart := Errors(s.Gold(), got, 8)
		t.Logf("%s: %d false merges, e.g. %v; %d pairs apart, e.g. %v", s.Name, sc.FalseMerges, merged, sc.SplitPairs, apart)
		if f := floors[s.Name]; sc.PairP < f.pairP || sc.PairR < f.pairR {
			t.Errorf("%s: pairwise P=%.3f R=%.3f, want P >= %.2f and R >= %.2f", s.Name, sc.PairP, sc.PairR, f.pairP, f.pairR)
		}
	}
	t.Log(Score(all.Name, all.Gold(), resolve(all)).String())
}
