package eventscore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

const (
	corpus = "../../testdata/events"
	seeds  = "../../testdata/seeds"
)

// ingest stores the documents of the folders in a new database and
// groups them.
func ingest(t *testing.T, folders ...string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	x, err := extract.New(rules.Default())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Ingest(ctx, pipeline.Config{Store: st, Extractor: x, Paths: folders}); err != nil {
		t.Fatal(err)
	}
	return st
}

// eventOf maps each document's source to its event.
func eventOf(t *testing.T, st *store.Store) map[string]int64 {
	t.Helper()
	evs, err := st.Events(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, e := range evs {
		for _, src := range e.Sources {
			out[src] = e.ID
		}
	}
	return out
}

// TestGrouping groups the test corpus — ten happenings told by three to
// five reports each, some over several days, with look-alikes: two
// shootings in Chicago on one day, two floods in Kenya a month apart, an
// earthquake and a bus crash in Peru a day apart — and wants pairwise
// precision and recall of 0.9 or more.
func TestGrouping(t *testing.T) {
	gold, err := ReadGold(filepath.Join(corpus, "gold.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	st := ingest(t, corpus)
	got := eventOf(t, st)
	s := Pairwise(gold, got)
	t.Logf("events grouping: %s", s)
	if s.Documents != len(gold) {
		t.Fatalf("%d documents grouped, want the gold's %d", s.Documents, len(gold))
	}
	if s.Precision < 0.9 || s.Recall < 0.9 {
		evs, _ := st.Events(context.Background(), 0)
		for _, e := range evs {
			t.Logf("event %d %q: %v", e.ID, e.Title, e.Sources)
		}
		t.Errorf("pairwise precision %.3f, recall %.3f; want both >= 0.9", s.Precision, s.Recall)
	}
}

func TestPairwise(t *testing.T) {
	gold := map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
	tests := []struct {
		name    string
		eventOf map[string]int64
		p, r    float64
	}{
		{"perfect", map[string]int64{"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}, 1, 1},
		{"all apart", map[string]int64{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}, 1, 0},
		{"all together", map[string]int64{"a": 1, "b": 1, "c": 1, "d": 1, "e": 1}, 0.4, 1},
		{"one split off", map[string]int64{"dir/a": 1, "dir/b": 1, "dir/c": 3, "dir/d": 2, "dir/e": 2}, 1, 0.5},
		{"not in the gold", map[string]int64{"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "z": 1}, 1, 1},
	}
	for _, tt := range tests {
		s := Pairwise(gold, tt.eventOf)
		if s.Precision != tt.p || s.Recall != tt.r {
			t.Errorf("%s: P=%v R=%v, want %v %v", tt.name, s.Precision, s.Recall, tt.p, tt.r)
		}
	}
}
