package pipeline

import (
	"context"
	"testing"

	"github.com/claimex/claimex/store"
)

// TestReextractSameRules re-runs extraction, from the stored text and
// from the raw bytes, with unchanged rules: every claim is unchanged.
func TestReextractSameRules(t *testing.T) {
	st, x := setup(t)
	ctx := context.Background()
	rep, err := Ingest(ctx, Config{Store: st, Extractor: x, Paths: []string{seeds}})
	if err != nil {
		t.Fatal(err)
	}
	total := rep.Counts + rep.Mentions
	for _, reclean := range []bool{false, true} {
		staged := 0
		er, err := Reextract(ctx, ExtractConfig{Store: st, Extractor: x, Reclean: reclean, BatchSize: 2,
			AfterBatch: func(n int) { staged = n }})
		if err != nil {
			t.Fatal(err)
		}
		var unchanged, other int
		for _, r := range er.Diff.Rows {
			unchanged += r.Unchanged
			other += r.New + r.Gone + r.Changed
		}
		if er.Diff.Documents != 5 || staged != 5 || unchanged != total || other != 0 || er.Failed != 0 || er.Entities == 0 {
			t.Errorf("reclean=%v: %+v (staged %d); want %d claims unchanged", reclean, er, staged, total)
		}
	}
	_, claims, runs := totals(t, st)
	if claims != total || runs != 3 {
		t.Errorf("%d claims and %d runs, want %d and 3", claims, runs, total)
	}
}

// TestReextractInterrupted cancels a run: nothing of it is current.
func TestReextractInterrupted(t *testing.T) {
	st, x := setup(t)
	ctx := context.Background()
	if _, err := Ingest(ctx, Config{Store: st, Extractor: x, Paths: []string{seeds}}); err != nil {
		t.Fatal(err)
	}
	_, before, _ := totals(t, st)
	cctx, cancel := context.WithCancel(ctx)
	er, err := Reextract(cctx, ExtractConfig{Store: st, Extractor: x, BatchSize: 1, AfterBatch: func(int) { cancel() }})
	if err != nil || !er.Interrupted {
		t.Fatalf("interrupted run: %+v, %v", er, err)
	}
	docs, after, _ := totals(t, st)
	if docs != 5 || after != before {
		t.Errorf("after an interrupted run: %d documents, %d claims (was %d)", docs, after, before)
	}
	runs, _ := st.Runs(ctx)
	if last := runs[len(runs)-1]; last.Status != "failed" {
		t.Errorf("interrupted run recorded as %s", last.Status)
	}
	var orphans int
	st.Claims(ctx, store.ClaimFilter{}, func(v store.ClaimView) error {
		if v.RunID != 1 {
			orphans++
		}
		return nil
	})
	if orphans != 0 {
		t.Errorf("%d current claims from the interrupted run", orphans)
	}
}
