package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/claimex/claimex"
)

// TestTwins: a figure in a document's headline and again in its body is
// one item of the review queue, and a decision on either is a decision on
// both, each under its own key.
func TestTwins(t *testing.T) {
	ctx := context.Background()
	st, id := twinsStore(t)

	tests := []struct {
		claim string
		want  []string
	}{
		{"h225", []string{"b225"}}, // the first of the figure in the body
		{"b225", []string{"h225"}},
		{"b225b", nil}, // a later statement of it is a claim of its own
		{"h4500", []string{"b4500"}},
		{"b19", nil},
	}
	for _, tt := range tests {
		got, err := st.Twins(ctx, id[tt.claim])
		var keys []string
		for _, v := range got {
			keys = append(keys, v.Key)
		}
		if err != nil || len(keys) != len(tt.want) || len(keys) > 0 && keys[0] != tt.want[0] {
			t.Errorf("twins of %s: %v (%v), want %v", tt.claim, keys, err, tt.want)
		}
	}

	// The queue holds the body's claims only.
	var queue []string
	st.Claims(ctx, ClaimFilter{Pending: true}, func(v ClaimView) error { queue = append(queue, v.Key); return nil })
	if len(queue) != 4 || queue[0] != "b225" {
		t.Errorf("queue %v, want the four claims of the body", queue)
	}
	// A decision on the body's claim is one on the headline's, each by
	// its own key.
	if _, err := st.Decide(ctx, Decision{ClaimID: id["b225"], Action: claimex.Rejected, Reviewer: "ana", Note: "a later figure"}); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]claimex.Status{"h225": claimex.Rejected, "b225": claimex.Rejected,
		"b225b": claimex.Unreviewed, "h4500": claimex.Unreviewed} {
		v, err := st.Claim(ctx, id[key])
		if err != nil || v.Status != want || want == claimex.Rejected && v.Note != "a later figure" {
			t.Errorf("%s: %s %q (%v), want %s", key, v.Status, v.Note, err, want)
		}
	}
	if n := countRows(t, st, "SELECT COUNT(*) FROM reviews"); n != 2 {
		t.Errorf("%d reviews, want one for each key", n)
	}
}

// twinsStore is a store with one document whose headline states two of
// the body's figures, and the ids of its claims by key.
func twinsStore(t *testing.T) (*Store, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	st := openTemp(t)
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{})
	if err != nil {
		t.Fatal(err)
	}
	const title = "225 Dead And 4,500 Injured In Almaty"
	text := title + "\n\nA total of 225 people died and 4,500 were injured. Later 225 bodies were counted; 19 were officers."
	at := func(s string) int { return len([]rune(text[:strings.Index(text, s)])) }
	claims := []claimex.Claim{
		count("h225", claimex.Killed, 225, 0, 8, 0, len(title), "225 Dead"),
		count("h4500", claimex.Injured, 4500, 13, 25, 0, len(title), "4,500 Injured"),
		count("b225", claimex.Killed, 225, at("225 people"), at("225 people")+20, at("A total"), at(" Later"), "225 people died"),
		count("b4500", claimex.Injured, 4500, at("4,500 were"), at("4,500 were")+20, at("A total"), at(" Later"), "4,500 were injured"),
		count("b225b", claimex.Killed, 225, at("225 bodies"), at("225 bodies")+10, at("Later"), len([]rune(text)), "225 bodies"),
		count("b19", claimex.Killed, 19, at("19 were"), at("19 were")+7, at("Later"), len([]rune(text)), "19 were"),
	}
	if _, err := st.WriteEntries(ctx, run, []Entry{entry(t, title, text, claims...)}); err != nil {
		t.Fatal(err)
	}
	id := map[string]int64{}
	st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error { id[v.Key] = v.ID; return nil })

	return st, id
}

// TestTwinsUndoneTogether: a decision and its twin's are one entry of the
// history and the feed, and are undone together whichever of the two the
// undo names.
func TestTwinsUndoneTogether(t *testing.T) {
	ctx := context.Background()
	undos := []struct {
		name   string
		decide string
		undo   func(st *Store, id map[string]int64) error
	}{
		{"last", "b225", func(st *Store, id map[string]int64) error { _, err := st.UndoLast(ctx, "ana"); return err }},
		{"the twin", "b225", func(st *Store, id map[string]int64) error { _, err := st.Undo(ctx, id["h225"], "ana"); return err }},
		{"the claim", "b225", func(st *Store, id map[string]int64) error { _, err := st.Undo(ctx, id["b225"], "ana"); return err }},
		{"from the headline", "h225", func(st *Store, id map[string]int64) error { _, err := st.UndoLast(ctx, "ana"); return err }},
		{"an entry of the history", "b225", func(st *Store, id map[string]int64) error {
			h, _, err := st.History(ctx, "ana", 10, 0)
			if err != nil || len(h) == 0 {
				return fmt.Errorf("history: %v (%v)", h, err)
			}
			_, err = st.UndoEvent(ctx, h[0].ID, "ana")
			return err
		}},
	}
	for _, tt := range undos {
		t.Run(tt.name, func(t *testing.T) {
			st, id := twinsStore(t)
			if _, err := st.Decide(ctx, Decision{ClaimID: id[tt.decide], Action: claimex.Accepted, Reviewer: "ana"}); err != nil {
				t.Fatal(err)
			}
			h, total, err := st.History(ctx, "ana", 10, 0)
			if err != nil || total != 1 || len(h) != 1 {
				t.Errorf("history lists %d of %d (%v), want the one decision", len(h), total, err)
			}
			ch, err := st.Changes(ctx, 0, 10)
			if err != nil || len(ch) != 1 {
				t.Errorf("feed %v (%v), want one change", ch, err)
			}
			if err := tt.undo(st, id); err != nil {
				t.Fatal(err)
			}
			for _, key := range []string{"h225", "b225"} {
				if v, err := st.Claim(ctx, id[key]); err != nil || v.Status != claimex.Unreviewed {
					t.Errorf("%s after the undo: %s (%v), want unreviewed", key, v.Status, err)
				}
			}
			if _, err := st.UndoLast(ctx, "ana"); !errors.Is(err, ErrNothingToUndo) {
				t.Errorf("a second undo: %v, want nothing to undo", err)
			}
		})
	}
}

func countRows(t *testing.T, st *Store, q string) int {
	t.Helper()
	var n int
	if err := st.db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
