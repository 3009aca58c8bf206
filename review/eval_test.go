package review

import (
	"math"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

func f(v float64) *float64 { return &v }

func count(cat claimex.Category, v float64) store.Snapshot {
	return store.Snapshot{Kind: claimex.KindCount, Category: cat, Value: f(v), Text: "x"}
}

func TestEvaluate(t *testing.T) {
	rv := func(status claimex.Status, state store.ReviewState, snap, cur store.Snapshot) store.ReviewView {
		v := store.ReviewView{Snapshot: snap, State: state, Current: cur}
		v.Status = status
		if state == store.ReviewOrphaned {
			v.Current = store.Snapshot{}
		}
		return v
	}
	edited := func(state store.ReviewState, snap, cur store.Snapshot, cat claimex.Category, value *float64) store.ReviewView {
		v := rv(claimex.Edited, state, snap, cur)
		v.Category, v.Value = cat, value
		return v
	}
	killed225, injured4500 := count(claimex.Killed, 225), count(claimex.Injured, 4500)
	person := store.Snapshot{Kind: claimex.KindEntity, EntityType: claimex.Person}
	tests := []struct {
		name  string
		in    store.ReviewView
		label string
		want  Outcome
	}{
		{"accepted, carried", rv(claimex.Accepted, store.ReviewCarried, killed225, killed225), "killed", Found},
		{"accepted, value moved", rv(claimex.Accepted, store.ReviewChanged, killed225, count(claimex.Killed, 22)), "killed", Wrong},
		{"accepted, attribution moved", rv(claimex.Accepted, store.ReviewChanged, killed225, killed225), "killed", Found},
		{"accepted, gone", rv(claimex.Accepted, store.ReviewOrphaned, killed225, killed225), "killed", Missed},
		{"rejected, still produced", rv(claimex.Rejected, store.ReviewCarried, injured4500, injured4500), "injured", Spurious},
		{"rejected, gone", rv(claimex.Rejected, store.ReviewOrphaned, injured4500, injured4500), "injured", Dropped},
		{"edited, rules still wrong", edited(store.ReviewCarried, killed225, killed225, "", f(226)), "killed", Wrong},
		{"edited, rules now right", edited(store.ReviewChanged, killed225, count(claimex.Killed, 226), "", f(226)), "killed", Found},
		{"edited category counts in the new category", edited(store.ReviewChanged, killed225, count(claimex.Injured, 225), claimex.Injured, nil), "injured", Found},
		{"mention, type kept", rv(claimex.Accepted, store.ReviewCarried, person, person), "entity:PERSON", Found},
		{"mention, type changed", rv(claimex.Accepted, store.ReviewChanged, person, store.Snapshot{Kind: claimex.KindEntity, EntityType: claimex.Org}), "entity:PERSON", Wrong},
	}
	var all []store.ReviewView
	for _, tt := range tests {
		j := judge(tt.in)
		if j.Outcome != tt.want || j.Label != tt.label {
			t.Errorf("%s: %s in %q, want %s in %q", tt.name, j.Outcome, j.Label, tt.want, tt.label)
		}
		all = append(all, tt.in)
	}

	rep := Evaluate(all, rules.Default())
	// killed: found 3 (carried, attribution moved, edited now right), wrong 2, missed 1.
	var killed Row
	for _, r := range rep.Rows {
		if r.Label == "killed" {
			killed = r
		}
	}
	if killed.Found != 3 || killed.Wrong != 2 || killed.Missed != 1 || killed.Spurious != 0 {
		t.Errorf("killed row = %+v", killed)
	}
	if p, r := killed.Precision(), killed.Recall(); math.Abs(p-0.6) > 1e-9 || math.Abs(r-0.5) > 1e-9 {
		t.Errorf("killed P=%v R=%v, want 0.6 and 0.5", p, r)
	}
	if rep.Total.Found+rep.Total.Wrong+rep.Total.Missed+rep.Total.Spurious+rep.Total.Dropped != len(all) {
		t.Errorf("total %+v does not add up to %d reviews", rep.Total, len(all))
	}
	if n, w := len(rep.Regressions()), len(rep.Wrongs()); n != 1 || w != 3 {
		t.Errorf("%d regressions and %d wrong, want 1 and 3", n, w)
	}
	if (Row{}).Precision() != 0 || (Row{}).F1() != 0 {
		t.Error("an empty row must measure 0, not NaN")
	}
}
