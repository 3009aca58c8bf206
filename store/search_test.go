package store

import (
	"context"
	"slices"
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

// TestSearchMentionOwnWords: search finds an entity mention by its own
// words only, a figure by its words and the text either side, whether the
// claims were indexed as they were written or when their run was made
// current, and a claim replaced leaves nothing in the index.
func TestSearchMentionOwnWords(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	text := "Police said 5 were killed in Almaty on Monday."
	claims := func(suffix string) []claimex.Claim {
		dead := count("k-dead", claimex.Killed, 5, 12, 25, 0, 46, "5 were killed")
		dead.Prefix, dead.Suffix = "Police said ", " in Almaty on Monday"+suffix
		place := claimex.Claim{Key: "k-almaty", Kind: claimex.KindEntity, EntityType: claimex.GPE, Canonical: "Almaty",
			Text: "Almaty", Start: 29, End: 35, SentenceStart: 0, SentenceEnd: 46, Prefix: "5 were killed in ",
			Suffix: " on Monday" + suffix, Rule: "test"}
		return []claimex.Claim{dead, place}
	}
	written := ingested(t, st, entry(t, "a.txt", text, claims(".")...))
	search := func(q string) []string {
		t.Helper()
		var keys []string
		if err := st.Claims(ctx, ClaimFilter{Search: q}, func(v ClaimView) error { keys = append(keys, v.Key); return nil }); err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		slices.Sort(keys)
		return keys
	}
	check := func(when string) {
		t.Helper()
		for q, want := range map[string][]string{
			"Almaty": {"k-almaty", "k-dead"}, // the mention's words, the figure's text after it
			"killed": {"k-dead"},             // before the mention: not its words
			"Monday": {"k-dead"},             // after the mention
			"police": {"k-dead"},
		} {
			if got := search(q); !slices.Equal(got, want) {
				t.Errorf("%s: search %q = %v, want %v", when, q, got, want)
			}
		}
		if !st.d.postgres {
			if _, err := st.db.Exec("INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check')"); err != nil {
				t.Errorf("%s: search index out of step with the claims: %v", when, err)
			}
		}
	}
	check("ingested")
	rerun := func(cs []claimex.Claim) {
		t.Helper()
		run, err := st.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "h2"})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.StageDocuments(ctx, run, []Staged{{DocumentID: written[0].ID, Claims: cs}}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CommitRun(ctx, run, 0, nil); err != nil {
			t.Fatal(err)
		}
	}
	rerun(claims("!")) // other claims, indexed in bulk
	check("re-extracted")
	rerun(nil)
	for _, q := range []string{"Almaty", "killed", "Monday"} {
		if got := search(q); len(got) != 0 {
			t.Errorf("claims replaced by none: search %q = %v", q, got)
		}
	}
	if !st.d.postgres {
		var n int
		if err := st.db.QueryRow("SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH 'almaty OR killed OR monday'").Scan(&n); err != nil || n != 0 {
			t.Errorf("the index keeps %d rows of claims gone (%v)", n, err)
		}
	}
}
