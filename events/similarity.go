package events

import (
	"math"
	"slices"
)

// score is how alike a document is to an event, from 0 to 1, or -1 when
// it may not join it: it shares neither a place nor a named person or
// organisation with one of the event's documents, or its day lies more
// than MaxGap days from every dated document of the event.
func score(docs []doc, d *doc, e *event, opt Options) float64 {
	if !d.when.zero() && !d.when.yearless && !e.yearless && !e.first.IsZero() &&
		(d.when.t.Before(e.first.AddDate(0, 0, -opt.MaxGap)) || d.when.t.After(e.last.AddDate(0, 0, opt.MaxGap))) {
		return -1
	}
	dated, near := false, false
	for _, m := range e.members {
		md := &docs[m]
		if !shares(d, md) {
			return -1
		}
		if !d.when.zero() && !md.when.zero() {
			dated = true
			if daysApart(d.when, md.when) <= opt.MaxGap {
				near = true
			}
		}
	}
	if dated && !near {
		return -1
	}
	penalty := 0.0
	if len(d.cities) > 0 && !nearPlace(docs, d, e) {
		penalty = cityPenalty
	}
	whole := 0.0
	if e.sq > 0 {
		for _, w := range d.vec {
			whole += float64(w.w) * e.centroid[w.term]
		}
		whole /= math.Sqrt(e.sq)
	}
	closest := 0.0
	for _, m := range e.members[max(0, len(e.members)-recentMembers):] {
		closest = math.Max(closest, dot(d.vec, docs[m].vec))
	}
	return (whole+closest)/2 - penalty
}

// nearPlace reports whether a document names one of the most specific
// places an event's documents name, or none of them names one: two
// shootings in one city, in two of its neighbourhoods, are two events.
func nearPlace(docs []doc, d *doc, e *event) bool {
	any := false
	for _, m := range e.members {
		md := &docs[m]
		if len(md.cities) == 0 {
			continue
		}
		any = true
		if intersect(d.cityKeys, md.cityKeys) {
			return true
		}
		if mentions(d.vec, md.cities) || mentions(md.vec, d.cities) {
			return true
		}
	}
	return !any
}

// mentions reports whether every word of one of the names is among a
// document's words.
func mentions(words vector, names [][]int32) bool {
	for _, n := range names {
		all := len(n) > 0
		for _, w := range n {
			if _, ok := slices.BinarySearchFunc(words, w, func(x weight, t int32) int { return int(x.term - t) }); !ok {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// shares reports whether two documents name a place in common (a place
// or one that holds it) or a person or organisation, or one of them
// names one the other's text holds.
func shares(a, b *doc) bool {
	return sharesKey(a, b) || mentions(a.vec, b.named) || mentions(b.vec, a.named)
}

func sharesKey(a, b *doc) bool { return intersect(a.keys, b.keys) }

// intersect reports whether two sorted lists have an element in common.
func intersect(a, b []int32) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			return true
		}
	}
	return false
}
