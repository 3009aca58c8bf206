package events

import (
	"sort"
	"time"

	"github.com/claimex/claimex"
)

// summarise makes the events of the grouping: documents, title, places
// and days.
func summarise(docs []doc, of []int, n int) []claimex.Event {
	members := make([][]int, n)
	for i, e := range of {
		members[e] = append(members[e], i)
	}
	var out []claimex.Event
	for _, ms := range members {
		if len(ms) == 0 {
			continue
		}
		var ev claimex.Event
		centroid := map[int32]float64{}
		var first, last time.Time
		for _, m := range ms {
			d := &docs[m]
			ev.Documents = append(ev.Documents, d.id)
			for _, w := range d.vec {
				centroid[w.term] += float64(w.w)
			}
			if !d.when.zero() && !d.when.yearless {
				if first.IsZero() || d.when.t.Before(first) {
					first = d.when.t
				}
				if d.when.t.After(last) {
					last = d.when.t
				}
			}
		}
		// Its title is the headline of the document most like the whole.
		best := -1.0
		for _, m := range ms {
			s := 0.0
			for _, w := range docs[m].vec {
				s += float64(w.w) * centroid[w.term]
			}
			if s > best && docs[m].title != "" || ev.Title == "" {
				best, ev.Title = s, docs[m].title
			}
		}
		ev.Places = mainPlaces(docs, ms)
		if !first.IsZero() {
			ev.First, ev.Last = first.Format(time.DateOnly), last.Format(time.DateOnly)
		}
		out = append(out, ev)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Documents[0] < out[j].Documents[0] })
	return out
}

// mainPlaces names the places half the event's documents or more name
// (at least the one most name), the most specific first, at most three.
func mainPlaces(docs []doc, ms []int) []string {
	n := map[string]int{}
	keys := map[string]placeKey{}
	for _, m := range ms {
		for _, p := range docs[m].places {
			// The places named, and the countries that hold them; not
			// the regions of cities, which a reader has not been told.
			if p.named || p.level == levelCountry {
				n[p.key]++
				keys[p.key] = p
			}
		}
	}
	most := 0
	for _, c := range n {
		most = max(most, c)
	}
	var list []placeKey
	for k, p := range keys {
		if 2*n[k] >= len(ms) || n[k] == most {
			list = append(list, p)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.level != b.level {
			return a.level > b.level
		}
		if n[a.key] != n[b.key] {
			return n[a.key] > n[b.key]
		}
		return a.key < b.key
	})
	var out []string
	seen := map[string]bool{}
	for _, p := range list {
		if !seen[p.name] && len(out) < 3 {
			seen[p.name] = true
			out = append(out, p.name)
		}
	}
	return out
}
