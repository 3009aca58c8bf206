package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

const seeds = "../testdata/seeds"

func setup(t *testing.T) (*store.Store, *extract.Extractor) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	x, err := extract.New(rules.Default())
	if err != nil {
		t.Fatal(err)
	}
	return st, x
}

// totals counts what the store holds: documents, current claims, runs.
func totals(t *testing.T, st *store.Store) (docs, claims, runs int) {
	t.Helper()
	ctx := context.Background()
	sums, err := st.DocumentSummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = st.Claims(ctx, store.ClaimFilter{}, func(store.ClaimView) error { claims++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	rs, err := st.Runs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return len(sums), claims, len(rs)
}

func TestIngestTwiceAddsNothing(t *testing.T) {
	st, x := setup(t)
	ctx := context.Background()
	progress := 0
	rep, err := Ingest(ctx, Config{Store: st, Extractor: x, Paths: []string{seeds}, Workers: 3, BatchSize: 2,
		Progress: func() { progress++ }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 5 || rep.Known != 0 || rep.Failed != 0 || rep.Found != 5 || rep.RunID == 0 || progress != 5 {
		t.Fatalf("first ingest: %+v, progress %d", rep, progress)
	}
	if rep.Counts == 0 || rep.Mentions == 0 {
		t.Fatalf("first ingest stored no claims: %+v", rep)
	}
	// Documents are numbered in walk order, whichever worker finished first.
	sums, err := st.DocumentSummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(sums); i++ {
		if sums[i].Source < sums[i-1].Source || sums[i].ID < sums[i-1].ID {
			t.Errorf("document %d %s follows %d %s", sums[i].ID, sums[i].Source, sums[i-1].ID, sums[i-1].Source)
		}
	}
	docs, claims, runs := totals(t, st)
	if docs != 5 || claims != rep.Counts+rep.Mentions || runs != 1 {
		t.Fatalf("after first ingest: %d docs, %d claims, %d runs; report %+v", docs, claims, runs, rep)
	}

	rep2, err := Ingest(ctx, Config{Store: st, Extractor: x, Paths: []string{seeds}})
	if err != nil {
		t.Fatal(err)
	}
	if rep2.New != 0 || rep2.Known != 5 || rep2.RunID != 0 || rep2.Counts != 0 {
		t.Errorf("second ingest: %+v, want nothing new and 5 known", rep2)
	}
	docs2, claims2, runs2 := totals(t, st)
	if docs2 != docs || claims2 != claims || runs2 != runs {
		t.Errorf("second ingest changed the store: %d/%d docs, %d/%d claims, %d/%d runs", docs2, docs, claims2, claims, runs2, runs)
	}
}

func TestIngestBadInputs(t *testing.T) {
	st, x := setup(t)
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join(seeds, "004_371244e6fb34e273.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"good.txt":      good,
		"copy.txt":      good,                                // same bytes: stored once
		"latin1.txt":    []byte("caf\xe9 au lait, 3 killed"), // detected
		"garbled.txt":   []byte("\x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d 3 killed"),
		"image.html":    []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
		"empty.txt":     nil,
		"clutter.txt":   []byte("Leave a Reply\nsee more\n"),
		"notes.pdf":     []byte("%PDF-1.4"),
		".hidden/x.txt": good,
	}
	for name, b := range files {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "dangling.txt"))
	var failed []string
	rep, err := Ingest(context.Background(), Config{Store: st, Extractor: x, Paths: []string{dir, filepath.Join(dir, "missing")},
		OnError: func(source string, err error) {
			if err == nil {
				t.Errorf("OnError(%s) with a nil error", source)
			}
			failed = append(failed, filepath.Base(source))
		}})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(failed)
	want := []string{"clutter.txt", "dangling.txt", "empty.txt", "garbled.txt", "image.html", "missing"}
	if len(failed) != len(want) {
		t.Fatalf("failed = %v, want %v", failed, want)
	}
	for i := range want {
		if failed[i] != want[i] {
			t.Errorf("failed[%d] = %s, want %s", i, failed[i], want[i])
		}
	}
	if rep.New != 2 || rep.Known != 1 || rep.Failed != len(want) || rep.Hidden != 1 || rep.Other != 1 {
		t.Errorf("report = %+v", rep)
	}
	var arrested bool
	st.Claims(context.Background(), store.ClaimFilter{Category: claimex.Arrested}, func(v store.ClaimView) error {
		arrested = arrested || (v.Value != nil && *v.Value == 6044)
		return nil
	})
	if !arrested {
		t.Error("the good file's claims were not stored")
	}
	var latin1 bool
	st.Documents(context.Background(), false, func(d claimex.Document) error {
		latin1 = latin1 || strings.Contains(d.Text, "café au lait")
		return nil
	})
	if !latin1 {
		t.Error("the Latin-1 file was not decoded and stored")
	}
}

func TestIngestInterrupted(t *testing.T) {
	st, x := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := Ingest(ctx, Config{Store: st, Extractor: x, Paths: []string{seeds}})
	if err != nil {
		t.Fatalf("interrupted ingest failed: %v", err)
	}
	if !rep.Interrupted {
		t.Errorf("report = %+v, want interrupted", rep)
	}
	// Whatever was stored is whole: every stored document has its claims.
	docs, claims, _ := totals(t, st)
	if docs > 0 && claims == 0 {
		t.Errorf("%d documents stored without claims", docs)
	}
	// And ingesting again completes the set.
	if _, err := Ingest(context.Background(), Config{Store: st, Extractor: x, Paths: []string{seeds}}); err != nil {
		t.Fatal(err)
	}
	if docs, _, _ := totals(t, st); docs != 5 {
		t.Errorf("after resuming: %d documents, want 5", docs)
	}
}
