package store

import (
	"context"
	"testing"

	"github.com/claimex/claimex"
)

func TestSearch(t *testing.T) {
	ctx := context.Background()
	st, docID, _ := rerunFixture(t)
	search := func(q string) []string {
		t.Helper()
		var keys []string
		if err := st.Claims(ctx, ClaimFilter{Search: q}, func(v ClaimView) error { keys = append(keys, v.Key); return nil }); err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		return keys
	}
	tests := map[string]int{
		"injured":        1,
		"INJURED":        1,
		"injur*":         1,
		"people dead":    1,
		`"people dead"`:  1,
		`"dead people"`:  0,
		"4,500":          1,
		`AND OR ( "NEAR`: 0, // operators typed by a person mean nothing
		"":               2,
	}
	for q, want := range tests {
		if got := search(q); len(got) != want {
			t.Errorf("search %q: %v, want %d claims", q, got, want)
		}
	}
	// A new run replaces the claims: the index follows.
	run, _ := st.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "h2"})
	st.StageDocuments(ctx, run, []Staged{{DocumentID: docID, Claims: []claimex.Claim{
		count("k-arr", claimex.Arrested, 6044, 0, 5, 0, 34, "6,044 arrested")}}})
	if got := search("arrested"); len(got) != 0 {
		t.Errorf("a staged claim is found before its run is current: %v", got)
	}
	if _, err := st.CommitRun(ctx, run, 0, nil); err != nil {
		t.Fatal(err)
	}
	if !st.d.postgres {
		if _, err := st.db.Exec("INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check')"); err != nil {
			t.Errorf("search index out of step with the claims: %v", err)
		}
	}
	if got := search("injured"); len(got) != 0 {
		t.Errorf("a replaced claim is still found: %v", got)
	}
	if got := search("arrested"); len(got) != 1 {
		t.Errorf("the new claim is not found: %v", got)
	}
}
