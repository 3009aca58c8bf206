package events

import (
	"fmt"
	"slices"
	"testing"

	"github.com/claimex/claimex"
)

// report writes a short report of a flood in a town on a day.
func flood(id int64, town, river, official, published string, dead int) Doc {
	return Doc{ID: id, Published: published, Title: fmt.Sprintf("Floods in %s: %d dead as the %s rises", town, dead, river),
		Text: fmt.Sprintf("The %s burst its banks near %s, flooding homes and farms. %s said %d people had died "+
			"and rescue teams were using boats to reach families on rooftops.", river, town, official, dead),
		Places: []string{town, "Kenya"}, Names: []string{official}, Subjects: []string{"killed/people"}}
}

func groups(evs []claimex.Event) [][]int64 {
	var out [][]int64
	for _, e := range evs {
		out = append(out, e.Documents)
	}
	return out
}

func TestGroup(t *testing.T) {
	tests := []struct {
		name string
		docs []Doc
		want [][]int64
	}{
		{"a story over a week is one event", []Doc{
			flood(1, "Garissa", "Tana River", "Governor Nathif Jama", "2023-04-03", 2),
			flood(2, "Garissa", "Tana River", "Governor Nathif Jama", "2023-04-05", 6),
			flood(3, "Garissa", "Tana River", "Governor Nathif Jama", "2023-04-09", 9),
		}, [][]int64{{1, 2, 3}}},
		{"a flood a month later is another", []Doc{
			flood(1, "Garissa", "Tana River", "Governor Nathif Jama", "2023-04-03", 2),
			flood(2, "Garissa", "Tana River", "Governor Nathif Jama", "2023-05-06", 2),
		}, [][]int64{{1}, {2}}},
		{"undated reports join by their texts", []Doc{
			flood(1, "Garissa", "Tana River", "Governor Nathif Jama", "", 2),
			flood(2, "Garissa", "Tana River", "Governor Nathif Jama", "", 6),
		}, [][]int64{{1, 2}}},
		{"the same words with no place or name in common", []Doc{
			{ID: 1, Title: "Storm damage", Text: "The storm tore roofs off houses and felled trees across the valley overnight."},
			{ID: 2, Title: "Storm damage", Text: "The storm tore roofs off houses and felled trees across the valley overnight."},
		}, [][]int64{{1}, {2}}},
	}
	for _, tt := range tests {
		if got := groups(Group(tt.docs, nil, Options{})); !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestGroupCorrections(t *testing.T) {
	docs := []Doc{
		flood(1, "Garissa", "Tana River", "Governor Nathif Jama", "2023-04-03", 2),
		flood(2, "Garissa", "Tana River", "Governor Nathif Jama", "2023-04-04", 3),
		flood(3, "Kisumu", "Nyando River", "Governor Anyang' Nyong'o", "2023-05-06", 2),
		flood(4, "Kisumu", "Nyando River", "Governor Anyang' Nyong'o", "2023-05-07", 3),
	}
	c := func(kind string, doc, target int64) claimex.EventCorrection {
		return claimex.EventCorrection{Kind: kind, Document: doc, Target: target}
	}
	tests := []struct {
		name        string
		corrections []claimex.EventCorrection
		want        [][]int64
	}{
		{"none", nil, [][]int64{{1, 2}, {3, 4}}},
		{"merge", []claimex.EventCorrection{c(claimex.EventMerge, 3, 1)}, [][]int64{{1, 2, 3, 4}}},
		{"move to another event", []claimex.EventCorrection{c(claimex.EventMove, 2, 4)}, [][]int64{{1}, {2, 3, 4}}},
		{"move to an event of its own", []claimex.EventCorrection{c(claimex.EventMove, 4, 0)}, [][]int64{{1, 2}, {3}, {4}}},
		{"in order: merge, then move one out", []claimex.EventCorrection{c(claimex.EventMerge, 1, 3), c(claimex.EventMove, 4, 0)},
			[][]int64{{1, 2, 3}, {4}}},
		{"documents no longer there", []claimex.EventCorrection{c(claimex.EventMerge, 1, 99), c(claimex.EventMove, 98, 0)},
			[][]int64{{1, 2}, {3, 4}}},
	}
	for _, tt := range tests {
		if got := groups(Group(docs, tt.corrections, Options{})); !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestGroupJoins: documents added later join the events of those before,
// which keep their ids.
func TestGroupJoins(t *testing.T) {
	docs := []Doc{
		flood(1, "Garissa", "Tana River", "Governor Nathif Jama", "2023-04-03", 2),
		flood(2, "Kisumu", "Nyando River", "Governor Anyang' Nyong'o", "2023-05-06", 2),
		flood(3, "Garissa", "Tana River", "Governor Nathif Jama", "2023-04-05", 6),
		flood(4, "Kisumu", "Nyando River", "Governor Anyang' Nyong'o", "2023-05-08", 5),
	}
	before := Group(docs[:2], nil, Options{})
	next := AssignIDs(before, nil, 1)
	old := map[int64]int64{}
	for _, e := range before {
		for _, d := range e.Documents {
			old[d] = e.ID
		}
	}
	after := Group(docs, nil, Options{})
	AssignIDs(after, old, next)
	if len(after) != 2 || after[0].ID != old[1] || after[1].ID != old[2] ||
		!slices.Equal(after[0].Documents, []int64{1, 3}) || !slices.Equal(after[1].Documents, []int64{2, 4}) {
		t.Errorf("after the ingest: %+v; want documents 3 and 4 in the events of 1 and 2, with their ids %v", after, old)
	}
	if after[0].First != "2023-04-03" || after[0].Last != "2023-04-05" || after[0].Places[0] != "Garissa" {
		t.Errorf("event %+v: want 2023-04-03 to 2023-04-05, in Garissa first", after[0])
	}
}

func TestAssignIDs(t *testing.T) {
	ev := func(docs ...int64) claimex.Event { return claimex.Event{Documents: docs} }
	tests := []struct {
		name     string
		evs      []claimex.Event
		old      map[int64]int64
		next     int64
		want     []int64
		wantNext int64
	}{
		{"fresh", []claimex.Event{ev(1, 2), ev(3)}, nil, 1, []int64{1, 2}, 3},
		{"kept", []claimex.Event{ev(1, 2, 5), ev(3, 4)}, map[int64]int64{1: 7, 2: 7, 3: 9}, 10, []int64{7, 9}, 10},
		{"a split keeps the id with the larger part", []claimex.Event{ev(1), ev(2, 3)}, map[int64]int64{1: 4, 2: 4, 3: 4}, 5,
			[]int64{5, 4}, 6},
		{"a merge keeps the id of the most documents", []claimex.Event{ev(1, 2, 3)}, map[int64]int64{1: 4, 2: 6, 3: 6}, 7,
			[]int64{6}, 7},
		{"ids are never given again", []claimex.Event{ev(8)}, map[int64]int64{1: 4}, 2, []int64{5}, 6},
	}
	for _, tt := range tests {
		next := AssignIDs(tt.evs, tt.old, tt.next)
		var got []int64
		for _, e := range tt.evs {
			got = append(got, e.ID)
		}
		if !slices.Equal(got, tt.want) || next != tt.wantNext {
			t.Errorf("%s: ids %v next %d, want %v next %d", tt.name, got, next, tt.want, tt.wantNext)
		}
	}
}

func TestWords(t *testing.T) {
	got := words("The floods in Garissa: 3,000 families fled, Police said on Monday.")
	want := []string{"flood", "garissa", "familie", "fled", "police"}
	if !slices.Equal(got, want) {
		t.Errorf("words = %v, want %v", got, want)
	}
}
