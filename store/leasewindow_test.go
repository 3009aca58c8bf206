package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/claimex/claimex"
)

// TestLeaseWindows: looking for the queue's next claims a window of
// documents at a time, whatever the window, finds the claims one look at
// every document finds, in the same order: past documents wholly
// reviewed, a flagged claim, a claim another reviewer holds and one this
// reviewer skipped, for as many as asked, and none past the last.
func TestLeaseWindows(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	var batch []Entry
	for d := range 7 {
		text := fmt.Sprintf("Report %d: 3 dead, 4 hurt.", d)
		batch = append(batch, entry(t, fmt.Sprintf("%d.txt", d), text,
			count(fmt.Sprintf("d%d-dead", d), claimex.Killed, 3, 10, 16, 0, len(text), "3 dead"),
			count(fmt.Sprintf("d%d-hurt", d), claimex.Injured, 4, 18, 24, 0, len(text), "4 hurt")))
	}
	ingested(t, st, batch...)
	ids := map[string]int64{}
	key := map[int64]string{}
	st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error { ids[v.Key], key[v.ID] = v.ID, v.Key; return nil })
	for d := range 3 {
		for _, k := range []string{"dead", "hurt"} {
			if _, err := st.Decide(ctx, Decision{ClaimID: ids[fmt.Sprintf("d%d-%s", d, k)], Action: claimex.Accepted, Reviewer: "ana"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := st.SetFlag(ctx, ids["d3-dead"], true, "ana", "ask", "ana-browser"); err != nil {
		t.Fatal(err)
	}
	req := LeaseRequest{Holder: "me", Reviewer: "me", Kind: claimex.KindCount, Queue: QueueReview, TTL: 5 * time.Minute}
	other := req
	other.Holder, other.Reviewer = "them", "them"
	if k, _ := lease(t, st, other); k != "d3-hurt" {
		t.Fatalf("the other reviewer was leased %q, want d3-hurt", k)
	}
	if err := st.Skip(ctx, "me", ids["d4-dead"]); err != nil {
		t.Fatal(err)
	}
	notSkipped := "NOT EXISTS (SELECT 1 FROM skips s WHERE s.holder = :holder AND s.item = c.key)"
	look := func(n int, window int64) []string {
		tx, err := st.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		got, err := nextCandidates(ctx, tx, "", req, st.now(), notSkipped, n, window)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, id := range got {
			keys = append(keys, key[id])
		}
		return keys
	}
	if got, want := look(8, 0), []string{"d4-hurt", "d5-dead", "d5-hurt", "d6-dead", "d6-hurt"}; !slices.Equal(got, want) {
		t.Fatalf("one look at every document: %v, want %v", got, want)
	}
	for _, n := range []int{1, 2, 8} {
		whole := look(n, 0)
		for _, w := range []int64{1, 2, 3, 5, 100} {
			if got := look(n, w); !slices.Equal(got, whole) {
				t.Errorf("%d claims, window of %d documents: %v, want %v", n, w, got, whole)
			}
		}
	}
	if k, _ := lease(t, st, req); k != "d4-hurt" {
		t.Errorf("leased %q, want d4-hurt", k)
	}
}
