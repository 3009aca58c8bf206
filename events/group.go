package events

import (
	"sort"
	"time"

	"github.com/claimex/claimex"
)

// Doc is a document as grouping sees it.
type Doc struct {
	ID                     int64
	Title, Text, Published string
	// Places are the names of the places its claims name (entity
	// mentions of places, the locations of its figures), once a mention.
	Places []string
	// Names are the canonical names of the people and organisations it
	// names, once a mention.
	Names []string
	// Subjects are what its figures count, as "category/subject".
	Subjects []string
}

// Options tune grouping; the zero value takes the defaults.
type Options struct {
	// MaxGap is how many days at most a document may lie from the
	// nearest dated document of an event it joins (default
	// DefaultMaxGap).
	MaxGap int
	// Threshold is the least similarity of a document to an event that
	// it joins (default DefaultThreshold).
	Threshold float64
}

const (
	// DefaultMaxGap lets a story followed over a week stay one event,
	// while a flood a month after another is another.
	DefaultMaxGap = 7
	// DefaultThreshold is the similarity, between 0 and 1, from which a
	// document joins an event.
	DefaultThreshold = 0.22
	// candidateTerms is how many of a document's heaviest terms find the
	// events it is compared with.
	candidateTerms = 30
	// recentMembers is how many of an event's latest documents a new one
	// is compared with one by one, besides the event as a whole.
	recentMembers = 8
	// titleWeight counts a headline's words more than the body's.
	titleWeight = 3
	// nameWeight counts a person's or organisation's name, and placeWeight
	// a place's, as that many words.
	nameWeight  = 2
	placeWeight = 1
	// cityPenalty is taken off the similarity of a document that names
	// none of the most specific places an event's documents name, when
	// both name some.
	cityPenalty = 0.1
)

// event is a group in the making.
type event struct {
	members  []int
	centroid map[int32]float64
	sq       float64 // the centroid's squared norm
	// first and last are its documents' days with a year, yearless set
	// when one has a day without: to pass over an event far in time at
	// once.
	first, last time.Time
	yearless    bool
}

// maxCandidates is how many events, those sharing the most of its
// heaviest terms, a document is compared with.
const maxCandidates = 12

// Group puts documents into events and applies the corrections, oldest
// first, over the result. The events it returns have no ids (see
// AssignIDs); they come in the order of their first documents.
func Group(in []Doc, corrections []claimex.EventCorrection, opt Options) []claimex.Event {
	g := NewGrouper()
	for _, x := range in {
		g.Add(x)
	}
	return g.Group(corrections, opt)
}

// Grouper reads documents one at a time, keeping what grouping needs of
// each and none of its text, then groups them.
type Grouper struct {
	voc  *vocabulary
	docs []doc
	// within caches what holds each place name.
	within  map[string][]placeKey
	weighed bool
}

// NewGrouper returns a Grouper holding no documents.
func NewGrouper() *Grouper {
	return &Grouper{voc: &vocabulary{ids: map[string]int32{}}, within: map[string][]placeKey{}}
}

// Group groups the documents added, in id order, and applies the
// corrections, oldest first, over the result (see the package comment).
func (g *Grouper) Group(corrections []claimex.EventCorrection, opt Options) []claimex.Event {
	if opt.MaxGap <= 0 {
		opt.MaxGap = DefaultMaxGap
	}
	if opt.Threshold <= 0 {
		opt.Threshold = DefaultThreshold
	}
	docs := g.docs
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].id < docs[j].id })
	g.weigh()

	var evs []*event
	of := make([]int, len(docs)) // the event of each document
	byTerm := map[int32][]int{}  // term → events holding a document with it among its heaviest terms
	hits := map[int]int{}
	var cands []int
	for i := range docs {
		d := &docs[i]
		clear(hits)
		for _, t := range d.terms {
			for _, e := range byTerm[t] {
				hits[e]++
			}
		}
		cands = cands[:0]
		for e := range hits {
			cands = append(cands, e)
		}
		sort.Slice(cands, func(a, b int) bool {
			if hits[cands[a]] != hits[cands[b]] {
				return hits[cands[a]] > hits[cands[b]]
			}
			return cands[a] < cands[b]
		})
		best, bestScore := -1, opt.Threshold
		for _, e := range cands[:min(len(cands), maxCandidates)] {
			if s := score(docs, d, evs[e], opt); s >= bestScore && (s > bestScore || best < 0 || e < best) {
				best, bestScore = e, s
			}
		}
		if best < 0 {
			best = len(evs)
			evs = append(evs, &event{centroid: map[int32]float64{}})
		}
		evs[best].add(i, d)
		of[i] = best
		for _, t := range d.terms {
			if l := byTerm[t]; len(l) == 0 || l[len(l)-1] != best {
				byTerm[t] = append(l, best)
			}
		}
	}
	correct(docs, of, &evs, corrections)
	return summarise(docs, of, len(evs))
}

func (e *event) add(i int, d *doc) {
	e.members = append(e.members, i)
	for _, w := range d.vec {
		c := e.centroid[w.term]
		e.sq += 2*c*float64(w.w) + float64(w.w)*float64(w.w)
		e.centroid[w.term] = c + float64(w.w)
	}
	switch {
	case d.when.zero():
	case d.when.yearless:
		e.yearless = true
	default:
		if e.first.IsZero() || d.when.t.Before(e.first) {
			e.first = d.when.t
		}
		if d.when.t.After(e.last) {
			e.last = d.when.t
		}
	}
}
