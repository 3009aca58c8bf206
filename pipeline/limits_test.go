package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimex/claimex/store"
)

// variants writes n distinct copies of the sample articles into a new
// folder and returns it.
func variants(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(seeds)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		e := entries[i%len(entries)]
		b, err := os.ReadFile(filepath.Join(seeds, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		b = fmt.Appendf(b, "\nCopy %d of the report.\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestIngestLimits: an input over the text cap or the time budget fails
// at its stage, with a reason, and is recorded; the others are stored.
func TestIngestLimits(t *testing.T) {
	tests := []struct {
		name     string
		cfg      Config
		stored   int
		stage    string
		reason   string
		isBudget bool
	}{
		{"defaults", Config{}, 5, "", "", false},
		{"text cap", Config{MaxText: 3000}, 3, StageClean, "after cleaning, over the 2.9 KB limit", false},
		{"budget", Config{Budget: time.Nanosecond}, 0, StageClean, "over the time budget of 1ns", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, x := setup(t)
			cfg := tc.cfg
			cfg.Store, cfg.Extractor, cfg.Paths = st, x, []string{seeds}
			var errs []error
			cfg.OnError = func(_ string, err error) { errs = append(errs, err) }
			rep, err := Ingest(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if rep.New != tc.stored || rep.Failed != 5-tc.stored {
				t.Errorf("report = %+v, want %d stored", rep, tc.stored)
			}
			for _, err := range errs {
				if errors.Is(err, ErrOverBudget) != tc.isBudget {
					t.Errorf("errors.Is(%v, ErrOverBudget) = %v", err, !tc.isBudget)
				}
			}
			fails, err := st.Failures(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(fails) != 5-tc.stored {
				t.Fatalf("%d failures recorded, want %d", len(fails), 5-tc.stored)
			}
			for _, f := range fails {
				if f.Stage != tc.stage || !strings.Contains(f.Reason, tc.reason) || f.RunID != rep.RunID || f.Attempts != 1 {
					t.Errorf("failure %+v, want stage %s, reason %q, run %d", f, tc.stage, tc.reason, rep.RunID)
				}
			}
		})
	}
}

// TestFailureClearedWhenStored: once an input that failed is stored, it
// is no longer listed as failed.
func TestFailureClearedWhenStored(t *testing.T) {
	st, x := setup(t)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "later.txt")
	if err := os.WriteFile(path, []byte("Leave a Reply\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Ingest(ctx, Config{Store: st, Extractor: x, Paths: []string{dir}}); err != nil {
		t.Fatal(err)
	}
	if fails, _ := st.Failures(ctx); len(fails) != 1 || fails[0].Source != path {
		t.Fatalf("failures = %+v, want %s", fails, path)
	}
	if err := os.WriteFile(path, []byte("Police said 12 people were killed on Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Ingest(ctx, Config{Store: st, Extractor: x, Paths: []string{dir}})
	if err != nil || rep.New != 1 {
		t.Fatalf("second ingest: %+v, %v", rep, err)
	}
	if fails, _ := st.Failures(ctx); len(fails) != 0 {
		t.Errorf("failures after storing = %+v, want none", fails)
	}
}

// TestIngestFilesDeletedMidWalk: files removed after the walk found them
// fail to read, one by one, and the run goes on to the end.
func TestIngestFilesDeletedMidWalk(t *testing.T) {
	st, x := setup(t)
	dir := variants(t, 300)
	var once sync.Once
	var failed []error
	rep, err := Ingest(context.Background(), Config{Store: st, Extractor: x, Paths: []string{dir}, Workers: 2,
		Progress: func() {
			once.Do(func() {
				entries, _ := os.ReadDir(dir)
				for _, e := range entries {
					os.Remove(filepath.Join(dir, e.Name()))
				}
			})
		},
		OnError: func(_ string, err error) { failed = append(failed, err) }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.New+rep.Failed != 300 || rep.Failed == 0 || rep.Failed != len(failed) {
		t.Errorf("report = %+v, want 300 inputs, some failed", rep)
	}
	for _, err := range failed {
		if !errors.Is(err, os.ErrNotExist) || !strings.HasPrefix(err.Error(), "read: ") {
			t.Errorf("failure %v, want a read error for a missing file", err)
		}
	}
	if docs, _, _ := totals(t, st); docs != rep.New {
		t.Errorf("%d documents stored, report says %d", docs, rep.New)
	}
}

// TestConcurrentIngests: two ingests of one folder into one database at
// once, each with its own connection pool as two processes would have,
// both finish; every input is stored once.
func TestConcurrentIngests(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	_, x := setup(t)
	dir := variants(t, 120)
	var wg sync.WaitGroup
	reps := make([]Report, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() {
			st, err := store.Open(context.Background(), db)
			if err != nil {
				errs[i] = err
				return
			}
			defer st.Close()
			reps[i], errs[i] = Ingest(context.Background(), Config{Store: st, Extractor: x, Paths: []string{dir},
				Workers: 2, BatchSize: 8})
		})
	}
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil {
			t.Fatalf("ingest %d: %v", i, errs[i])
		}
		if reps[i].New+reps[i].Known != 120 || reps[i].Failed != 0 {
			t.Errorf("ingest %d: %+v", i, reps[i])
		}
	}
	if reps[0].New+reps[1].New != 120 {
		t.Errorf("new documents %d + %d, want 120 in all", reps[0].New, reps[1].New)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if docs, _, _ := totals(t, st); docs != 120 {
		t.Errorf("%d documents stored, want 120", docs)
	}
	if stale, err := st.EntitiesStale(context.Background()); err != nil || stale {
		t.Errorf("entities stale after both ingests: %v %v", stale, err)
	}
}
