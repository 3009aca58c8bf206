package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/claimex/claimex"
)

func TestFailures(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	st.SetClock(func() time.Time { return time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC) })
	run, _ := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h"})
	if err := st.RecordFailures(ctx, run, []Failure{
		{Source: "a.html", Stage: "clean", Reason: "no article text found"},
		{Source: "b.txt", Stage: "read", Reason: "empty file"},
	}); err != nil {
		t.Fatal(err)
	}
	// A second attempt at a.html fails otherwise: the latest reason, two
	// attempts, and no run (the ingest stored nothing).
	if err := st.RecordFailures(ctx, 0, []Failure{{Source: "a.html", Stage: "extract", Reason: "over the time budget"}}); err != nil {
		t.Fatal(err)
	}
	fails, err := st.Failures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []Failure{
		{Source: "a.html", Stage: "extract", Reason: "over the time budget", Attempts: 2},
		{Source: "b.txt", Stage: "read", Reason: "empty file", RunID: run, Attempts: 1},
	}
	if len(fails) != len(want) {
		t.Fatalf("failures = %+v", fails)
	}
	for i, w := range want {
		w.At = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
		if fails[i] != w {
			t.Errorf("failure %d = %+v, want %+v", i, fails[i], w)
		}
	}
	// Storing b.txt clears its failure, in the same transaction.
	if _, err := st.WriteEntries(ctx, run, []Entry{entry(t, "b.txt", "225 people dead.")}); err != nil {
		t.Fatal(err)
	}
	if fails, _ := st.Failures(ctx); len(fails) != 1 || fails[0].Source != "a.html" {
		t.Errorf("after storing b.txt: %+v", fails)
	}
}

// TestEntitiesStale: writing claims makes the stored entity resolution
// stale until one computed from them (or later) is stored; an older
// resolution arriving late does not replace a newer one.
func TestEntitiesStale(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	stale := func() bool {
		t.Helper()
		s, err := st.EntitiesStale(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if stale() {
		t.Error("a new database is stale")
	}
	run, _ := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h"})
	old, _ := st.ClaimsVersion(ctx)
	st.WriteEntries(ctx, run, []Entry{entry(t, "a.txt", "Serik Shalabayev spoke.",
		mentionClaim("m1", "PERSON", "Serik Shalabayev", "Serik Shalabayev", "", 0))})
	if !stale() {
		t.Error("not stale after writing claims")
	}
	v, _ := st.ClaimsVersion(ctx)
	if v != old+1 {
		t.Errorf("claims version %d after one write from %d", v, old)
	}
	names := []claimex.EntityName{{Name: "Serik Shalabayev", Canonical: "Serik Shalabayev", Type: claimex.Person}}
	if err := st.ReplaceEntityNames(ctx, names, v); err != nil {
		t.Fatal(err)
	}
	if stale() {
		t.Error("stale after resolving")
	}
	if err := st.ReplaceEntityNames(ctx, nil, old); err != nil {
		t.Fatal(err)
	}
	var n int
	st.db.QueryRow("SELECT COUNT(*) FROM entity_names").Scan(&n)
	if n != 1 || stale() {
		t.Errorf("an older resolution replaced a newer one: %d names", n)
	}
}

// TestOverlappingReextractions: two re-extractions staged at once (two
// processes) commit one after the other; the last committed is current
// and whole.
func TestOverlappingReextractions(t *testing.T) {
	ctx := context.Background()
	st, docID, _ := rerunFixture(t)
	stage := func(hash string, v float64) int64 {
		run, _ := st.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: hash})
		if err := st.StageDocuments(ctx, run, []Staged{{DocumentID: docID, Claims: []claimex.Claim{
			count("k-dead", claimex.Killed, v, 0, 15, 0, 34, "225 people dead"),
			count("k-hurt", claimex.Injured, 4500, 20, 33, 0, 34, "4,500 injured"),
		}}}); err != nil {
			t.Fatal(err)
		}
		return run
	}
	a, b := stage("a", 1), stage("b", 2)
	for _, run := range []int64{a, b} {
		if _, err := st.CommitRun(ctx, run, 0, nil); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error {
		got = append(got, v.Key)
		if v.Key == "k-dead" && *v.Value != 2 {
			t.Errorf("k-dead = %v, want the last run's 2", *v.Value)
		}
		return nil
	})
	if len(got) != 2 {
		t.Errorf("current claims %v, want k-dead and k-hurt once each", got)
	}
	var all int
	st.db.QueryRow("SELECT COUNT(*) FROM claims").Scan(&all)
	if all != 2 {
		t.Errorf("%d claim rows left, want 2", all)
	}
}

// TestDecideOnReplacedClaim: a decision on a claim a re-extraction has
// replaced since it was shown is refused, and nothing is recorded.
func TestDecideOnReplacedClaim(t *testing.T) {
	ctx := context.Background()
	st, docID, ids := rerunFixture(t)
	run, _ := st.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "h2"})
	st.StageDocuments(ctx, run, []Staged{{DocumentID: docID, Claims: []claimex.Claim{
		count("k-dead", claimex.Killed, 225, 0, 15, 0, 34, "225 people dead")}}})
	if _, err := st.CommitRun(ctx, run, 0, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: claimex.Accepted, Reviewer: "ana"}); !errors.Is(err, ErrNoClaim) {
		t.Errorf("decision on a replaced claim: %v, want ErrNoClaim", err)
	}
	var n int
	st.db.QueryRow("SELECT (SELECT COUNT(*) FROM reviews) + (SELECT COUNT(*) FROM review_events)").Scan(&n)
	if n != 0 {
		t.Errorf("%d review rows recorded for a replaced claim", n)
	}
}
