package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// TestKnownBodiesOfTheRun: resolution joins the names the run's rules
// give one body, after an ingest, a re-extraction and a correction, and
// keeps them apart under rules that do not.
func TestKnownBodiesOfTheRun(t *testing.T) {
	group := []byte("[united nations, un, u.n.],")
	text := bytes.Replace(rules.Default().Text, group, append(append([]byte(nil), group...),
		[]byte(" [harbour relief board, tessaly aid council],")...), 1)
	own, err := rules.Parse("bodies.yaml", text)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.txt": "The Harbour Relief Board said 40 people were injured in the floods on Monday.\n",
		"b.txt": "The Tessaly Aid Council said 12 people died in the floods on Tuesday.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	// joined reports whether the two names are one entity now.
	joined := func(t *testing.T, st *store.Store) bool {
		t.Helper()
		ents, err := st.Entities(ctx, store.EntityFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if slices.Contains(e.Variants, "Harbour Relief Board") {
				return slices.Contains(e.Variants, "Tessaly Aid Council")
			}
		}
		t.Fatalf("no entity of Harbour Relief Board in %v", ents)
		return false
	}
	for _, tc := range []struct {
		name  string
		rules *rules.Rules
		want  bool
	}{
		{"the run's rules name the body", own, true},
		{"the built-in rules do not", rules.Default(), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := store.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			x, err := extract.New(tc.rules)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Ingest(ctx, Config{Store: st, Extractor: x, Paths: []string{dir}}); err != nil {
				t.Fatal(err)
			}
			if got := joined(t, st); got != tc.want {
				t.Errorf("after ingest: joined %v, want %v", got, tc.want)
			}
			if _, err := Reextract(ctx, ExtractConfig{Store: st, Extractor: x}); err != nil {
				t.Fatal(err)
			}
			if got := joined(t, st); got != tc.want {
				t.Errorf("after re-extraction: joined %v, want %v", got, tc.want)
			}
			// Resolution for a correction reads the current run's rules.
			if _, err := ResolveEntities(ctx, st, nil); err != nil {
				t.Fatal(err)
			}
			if got := joined(t, st); got != tc.want {
				t.Errorf("resolved with the current run's rules: joined %v, want %v", got, tc.want)
			}
		})
	}
}
