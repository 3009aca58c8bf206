package store

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/internal/pgtest"
)

// TestClaimsOneSnapshot: a listing reads one snapshot however long it
// takes. A re-extraction made current while it is half read (here: from
// its callback, at its first claim) changes neither which claims the rest
// of it gives nor the sentences cut for them, which come from the text
// the claims were found in, not the text that replaced it.
func TestClaimsOneSnapshot(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	textA, textB := "One. 3 dead.", "Old: 5 injured here."
	written := ingested(t, st,
		entry(t, "a.txt", textA, count("k-a", claimex.Killed, 3, 5, 11, 5, 12, "3 dead")),
		entry(t, "b.txt", textB, count("k-b", claimex.Injured, 5, 5, 14, 0, 20, "5 injured")))
	docB := written[1].ID
	var got []string
	err := st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error {
		got = append(got, v.Key+": "+v.Sentence)
		if len(got) > 1 {
			return nil
		}
		rerun, err := st.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "h2"})
		if err != nil {
			return err
		}
		newer := claimex.Document{Text: "Rewritten from the start: 7 arrested.", Title: "b"}
		if err := st.StageDocuments(ctx, rerun, []Staged{{DocumentID: docB, Recleaned: &newer,
			Claims: []claimex.Claim{count("k-b2", claimex.Arrested, 7, 26, 36, 0, 37, "7 arrested")}}}); err != nil {
			return err
		}
		_, err = st.CommitRun(ctx, rerun, 0, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"k-a: 3 dead.", "k-b: Old: 5 injured here."}
	if !slices.Equal(got, want) {
		t.Errorf("listing across a re-extraction: %q, want %q", got, want)
	}
	// The next listing sees the re-extraction.
	got = got[:0]
	st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error { got = append(got, v.Key+": "+v.Sentence); return nil })
	if want := []string{"k-a: 3 dead.", "k-b2: Rewritten from the start: 7 arrested."}; !slices.Equal(got, want) {
		t.Errorf("listing after the re-extraction: %q, want %q", got, want)
	}
}

// TestClaimsCursorPages: on PostgreSQL a listing fetched a page at a
// time gives the claims a single read gives, in the same order, with the
// same sentences, whether the pages split a document's claims or end
// exactly where the claims do.
func TestClaimsCursorPages(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("PostgreSQL only")
	}
	ctx := context.Background()
	st := openTemp(t)
	var batch []Entry
	for d := range 3 {
		text := fmt.Sprintf("Doc %d. 1 dead. 2 dead. 3 dead.", d)
		var claims []claimex.Claim
		for k := range 3 {
			start := 7 + 8*k
			claims = append(claims, count(fmt.Sprintf("k%d-%d", d, k), claimex.Killed, float64(k+1),
				start, start+6, start, start+7, fmt.Sprintf("%d dead", k+1)))
		}
		batch = append(batch, entry(t, fmt.Sprintf("%d.txt", d), text, claims...))
	}
	ingested(t, st, batch...)
	read := func(page int) []string {
		var out []string
		fn := func(v ClaimView) error { out = append(out, v.Key+"|"+v.Sentence); return nil }
		if page == 0 { // one statement, the texts in its rows
			if err := readClaims(ctx, st.db, st.d, ClaimFilter{Limit: 100}, fn); err != nil {
				t.Fatal(err)
			}
			return out
		}
		tx, err := st.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if err := readClaimsCursor(ctx, tx, st.d, ClaimFilter{}, page, fn); err != nil {
			t.Fatal(err)
		}
		return out
	}
	whole := read(0)
	if len(whole) != 9 || whole[4] != "k1-1|2 dead." {
		t.Fatalf("single read: %q", whole)
	}
	for _, page := range []int{1, 2, 3, 4, 9, 10} {
		if got := read(page); !slices.Equal(got, whole) {
			t.Errorf("pages of %d: %q, want %q", page, got, whole)
		}
	}
}
