package store

import (
	"context"
	"strings"
	"testing"

	"github.com/claimex/claimex"
)

// TestTwins: a figure in a document's headline and again in its body is
// one item of the review queue, and a decision on either is a decision on
// both, each under its own key.
func TestTwins(t *testing.T) {
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

func countRows(t *testing.T, st *Store, q string) int {
	t.Helper()
	var n int
	if err := st.db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
