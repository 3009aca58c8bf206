package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/claimex/claimex"
)

func TestReplaceEvents(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.WriteEntries(ctx, run, []Entry{entry(t, "a.txt", "One."), entry(t, "b.txt", "Two."),
		entry(t, "c.txt", "Three.")}); err != nil {
		t.Fatal(err)
	}
	evs := []claimex.Event{
		{ID: 4, Title: "Floods", Places: []string{"Garissa", "Kenya"}, First: "2023-04-03", Last: "2023-04-05", Documents: []int64{1, 3}},
		{ID: 5, Title: "Crash", Documents: []int64{2}},
	}
	if err := st.ReplaceEvents(ctx, evs, 1, 6); err != nil {
		t.Fatal(err)
	}
	got, err := st.Events(ctx, 0)
	if err != nil || len(got) != 2 || got[0].ID != 4 || !slices.Equal(got[0].Documents, []int64{1, 3}) ||
		!slices.Equal(got[0].Places, []string{"Garissa", "Kenya"}) || got[0].First != "2023-04-03" || got[1].Places != nil && len(got[1].Places) != 0 {
		t.Fatalf("events %+v (%v)", got, err)
	}
	if len(got[0].Sources) != 2 || got[0].Sources[1] != "c.txt" {
		t.Errorf("sources %v", got[0].Sources)
	}
	member, next, err := st.EventMembership(ctx)
	if err != nil || next != 6 || member[3] != 4 || member[2] != 5 {
		t.Errorf("membership %v next %d (%v)", member, next, err)
	}
	// A grouping older than the one stored is dropped.
	if err := st.ReplaceEvents(ctx, []claimex.Event{{ID: 9, Title: "old", Documents: []int64{1, 2, 3}}}, 0, 10); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Events(ctx, 0); len(got) != 2 {
		t.Errorf("an older grouping replaced the stored one: %+v", got)
	}
	if _, err := st.Events(ctx, 99); !errors.Is(err, ErrNoEvent) {
		t.Errorf("event 99: %v, want ErrNoEvent", err)
	}
	if e, ok, err := st.EventOfDocument(ctx, 3); err != nil || !ok || e != 4 {
		t.Errorf("event of document 3: %d %v %v", e, ok, err)
	}
	// Corrections keep their order, target and reviewer.
	for _, c := range []claimex.EventCorrection{{Kind: claimex.EventMerge, Document: 1, Target: 2, Reviewer: "ana"},
		{Kind: claimex.EventMove, Document: 3, Reviewer: "ben"}} {
		if _, err := st.AddEventCorrection(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	cs, err := st.EventCorrections(ctx)
	if err != nil || len(cs) != 2 || cs[0].Target != 2 || cs[1].Target != 0 || cs[1].Reviewer != "ben" || cs[0].CreatedAt.IsZero() {
		t.Errorf("corrections %+v (%v)", cs, err)
	}
	if _, err := st.AddEventCorrection(ctx, claimex.EventCorrection{Kind: "split", Document: 1, Reviewer: "x"}); err == nil {
		t.Error("a correction of no known kind was stored")
	}
}
