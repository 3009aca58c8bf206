package eventscore

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/review"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// TestMixedCorpus ingests the five sample articles (the unrest in
// Kazakhstan in January 2022) with the test corpus's reports of other
// happenings, many of them counting people killed, and compares figures
// within events.
func TestMixedCorpus(t *testing.T) {
	ctx := context.Background()
	st := ingest(t, seeds, corpus)
	groups, evs, err := review.LoadConflicts(ctx, st, rules.Default(), review.ConflictFilter{})
	if err != nil {
		t.Fatal(err)
	}
	sample := func(src string) bool { return strings.Contains(src, "testdata/seeds/") }

	// Every group holding a sample holds only samples.
	var kazakh *review.Group
	for i, g := range groups {
		var srcs []string
		for _, f := range g.Figures {
			for _, s := range f.Statements {
				srcs = append(srcs, s.Source)
			}
		}
		if !slices.ContainsFunc(srcs, sample) {
			continue
		}
		for _, s := range srcs {
			if !sample(s) {
				t.Errorf("event %d, %s — %s: a sample's group holds %s", g.Event, g.Category, g.Subject, s)
			}
		}
		if g.Category == claimex.Killed && g.Subject == rules.DefaultSubject {
			kazakh = &groups[i]
		}
	}
	if kazakh == nil {
		t.Fatal("no group of the samples' people killed")
	}
	// It shows 225, 164 and 26, each with the samples that give it.
	want := map[float64][]string{
		225: {"000_f98e5ad40a96cb5c.txt", "001_c3d0c4f10a557457.txt"},
		164: {"001_c3d0c4f10a557457.txt", "003_877156c012e558aa.txt", "004_371244e6fb34e273.txt"},
		26:  {"002_47e49d6628047b86.txt"},
	}
	for _, f := range kazakh.Figures {
		if f.Value == nil {
			continue
		}
		srcs, ok := want[*f.Value]
		if !ok {
			continue
		}
		delete(want, *f.Value)
		var got []string
		for _, s := range f.Statements {
			got = append(got, filepath.Base(s.Source))
		}
		if !slices.Equal(got, srcs) || !f.Disagrees {
			t.Errorf("killed %v: sources %v (disagrees %v), want %v and disagreeing", *f.Value, got, f.Disagrees, srcs)
		}
	}
	if len(want) > 0 {
		t.Errorf("the samples' killed group lacks %v", want)
	}
	// The samples are one event of their own.
	ev := evs[kazakh.Event]
	if len(ev.Documents) != 5 || !slices.ContainsFunc(ev.Places, func(p string) bool { return p == "Kazakhstan" }) {
		t.Errorf("the samples' event: %+v, want its 5 documents, in Kazakhstan", ev)
	}
	checkShared(t, st, evs)
}

// checkShared fails for an event holding two documents that share no
// place (a place of one, or one holding it, named in the other) and no
// person or organisation: each document's claims name the places, people
// and organisations, and a name one document's claims give is also
// found in the other's text, whole words in any case.
func checkShared(t *testing.T, st *store.Store, evs map[int64]store.EventSummary) {
	t.Helper()
	type named struct {
		places map[string]bool // the places named and those holding them
		names  []string        // the names of places, people and organisations, as written
		text   string
	}
	docs := map[int64]*named{}
	err := st.EventSources(context.Background(), func(s store.EventSource) error {
		n := &named{places: map[string]bool{}, text: strings.ToLower(s.Title + "\n" + s.Text)}
		for _, c := range s.Claims {
			if c.Kind != claimex.KindEntity {
				continue
			}
			n.names = append(n.names, c.Canonical)
			if c.EntityType == claimex.GPE || c.EntityType == claimex.Loc {
				n.places[c.Canonical] = true
				if p, ok := extract.LookupPlace(c.Canonical); ok {
					n.places[p.Region], n.places[p.Country] = p.Region != "", p.Country != ""
				}
			}
		}
		delete(n.places, "")
		docs[s.ID] = n
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	inText := func(name, text string) bool {
		re, err := regexp.Compile(`\b` + regexp.QuoteMeta(strings.ToLower(name)) + `\b`)
		return err == nil && name != "" && re.MatchString(text)
	}
	share := func(a, b *named) bool {
		for p := range a.places {
			if b.places[p] {
				return true
			}
		}
		for _, n := range a.names {
			if inText(n, b.text) {
				return true
			}
		}
		for _, n := range b.names {
			if inText(n, a.text) {
				return true
			}
		}
		return false
	}
	for _, e := range evs {
		for i, a := range e.Documents {
			for _, b := range e.Documents[i+1:] {
				if !share(docs[a], docs[b]) {
					t.Errorf("event %d %q holds documents %d and %d, which share no place, person or organisation", e.ID, e.Title, a, b)
				}
			}
		}
	}
}
