package pipeline

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

// grouping is each document's source (its file name) by event, as
// stored.
func grouping(t *testing.T, st *store.Store) map[int64][]int64 {
	t.Helper()
	evs, err := st.Events(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64][]int64{}
	for _, e := range evs {
		out[e.ID] = e.Documents
	}
	return out
}

func eventOfDoc(t *testing.T, st *store.Store, doc int64) int64 {
	t.Helper()
	e, ok, err := st.EventOfDocument(context.Background(), doc)
	if err != nil || !ok {
		t.Fatalf("document %d: no event (%v)", doc, err)
	}
	return e
}

// TestEventCorrectionsSurviveReextraction merges two events and moves a
// document out of its event, then extracts again, with the same rules
// and after cleaning again: the corrections hold.
func TestEventCorrectionsSurviveReextraction(t *testing.T) {
	st, x := setup(t)
	ctx := context.Background()
	if _, err := Ingest(ctx, Config{Store: st, Extractor: x, Paths: []string{seeds, "../testdata/events"}}); err != nil {
		t.Fatal(err)
	}
	docs, err := st.DocumentSummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id := map[string]int64{}
	for _, d := range docs {
		id[d.Source[strings.LastIndex(d.Source, "/")+1:]] = d.ID
	}
	garissa, nyando, sample := id["ke-garissa-1.html"], id["ke-nyando-1.html"], id["000_f98e5ad40a96cb5c.txt"]
	if eventOfDoc(t, st, garissa) == eventOfDoc(t, st, nyando) {
		t.Fatal("the two floods are one event before any correction")
	}
	before := len(grouping(t, st))

	// Merge the floods, then take the first sample out of the samples'
	// event.
	floods, _, err := CorrectEvents(ctx, st, claimex.EventMerge, eventOfDoc(t, st, garissa), eventOfDoc(t, st, nyando), "ana")
	if err != nil {
		t.Fatal(err)
	}
	samples := eventOfDoc(t, st, sample)
	if _, _, err := CorrectEvents(ctx, st, claimex.EventMove, sample, 0, "ana"); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		g := grouping(t, st)
		if e := eventOfDoc(t, st, garissa); e != eventOfDoc(t, st, nyando) || e != floods {
			t.Errorf("%s: the floods are not one event %d", when, floods)
		}
		if e := eventOfDoc(t, st, sample); e == samples || len(g[e]) != 1 {
			t.Errorf("%s: sample %d is in event %d with %v, want an event of its own", when, sample, e, g[e])
		}
		if len(g[samples]) != 4 {
			t.Errorf("%s: the samples' event %d holds %v, want the other four samples", when, samples, g[samples])
		}
		if len(g) != before {
			t.Errorf("%s: %d events, want %d (one merge, one move to a new event)", when, len(g), before)
		}
	}
	check("after the corrections")
	for _, reclean := range []bool{false, true} {
		if _, err := Reextract(ctx, ExtractConfig{Store: st, Extractor: x, Reclean: reclean}); err != nil {
			t.Fatal(err)
		}
		check("after re-extraction")
	}
	// The corrections are stored, with their reviewer.
	cs, err := st.EventCorrections(ctx)
	if err != nil || len(cs) != 2 || cs[0].Reviewer != "ana" || cs[1].Kind != claimex.EventMove || cs[1].Target != 0 {
		t.Errorf("corrections %+v (%v)", cs, err)
	}
}

func TestCorrectEventsRefuses(t *testing.T) {
	st, x := setup(t)
	ctx := context.Background()
	if _, err := Ingest(ctx, Config{Store: st, Extractor: x, Paths: []string{seeds}}); err != nil {
		t.Fatal(err)
	}
	e := eventOfDoc(t, st, 1)
	tests := []struct {
		name, kind string
		a, b       int64
		want       string
	}{
		{"merge with itself", claimex.EventMerge, e, e, "one event already"},
		{"merge with no event", claimex.EventMerge, e, 999, "no event 999"},
		{"move no document", claimex.EventMove, 999, 0, "no document 999"},
		{"move where it is", claimex.EventMove, 1, e, "in event"},
		{"move to no event", claimex.EventMove, 1, 999, "no event 999"},
	}
	for _, tt := range tests {
		_, _, err := CorrectEvents(ctx, st, tt.kind, tt.a, tt.b, "ana")
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: %v, want an invalid request saying %q", tt.name, err, tt.want)
		}
	}
	if cs, _ := st.EventCorrections(ctx); len(cs) != 0 {
		t.Errorf("refused corrections were stored: %+v", cs)
	}
	if got := grouping(t, st); !slices.Equal(got[e], []int64{1, 2, 3, 4, 5}) {
		t.Errorf("the samples' event holds %v", got[e])
	}
}
