package events

import (
	"math"
	"slices"
	"sort"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
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
	// MaxGap is how many days a document may lie from every document of
	// an event and still join it (default DefaultMaxGap).
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

// doc is a document made ready for grouping: no text is kept, so that
// memory grows with the number of documents, not their length.
type doc struct {
	id    int64
	title string
	when  day
	// places are the places it names and those holding them; keys the
	// ids of their terms and of the names of people and organisations it
	// names, sorted, to tell what two documents share.
	places []placeKey
	keys   []int32
	// counts are its term counts until they are weighed into vec.
	counts vector
	vec    vector
	terms  []int32 // its heaviest terms, to find candidates
	// words are the ids of every word of its text, sorted; named are
	// the words of each place, person and organisation it names, and
	// cities those of its most specific places (cities under a million
	// people, and places the gazetteer lacks: streets, neighbourhoods,
	// villages), so that a name one document's recogniser missed is
	// still found in its text.
	words         []int32
	named, cities [][]int32
	cityKeys      []int32
}

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

// wordIDs are the ids of a name's words ("Rogers Park": rogers, park);
// empty when it has none that count.
func wordIDs(voc *vocabulary, name string) []int32 {
	var out []int32
	for _, w := range words(name) {
		out = append(out, voc.id(w))
	}
	return out
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
		if mentions(d.words, md.cities) || mentions(md.words, d.cities) {
			return true
		}
	}
	return !any
}

// mentions reports whether every word of one of the names is among the
// words.
func mentions(words []int32, names [][]int32) bool {
	for _, n := range names {
		all := len(n) > 0
		for _, w := range n {
			if _, ok := slices.BinarySearch(words, w); !ok {
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
	return sharesKey(a, b) || mentions(a.words, b.named) || mentions(b.words, a.named)
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

// Add reads a document's day, places, names and terms. Documents are
// added before Group is called.
func (g *Grouper) Add(x Doc) {
	voc := g.voc
	pub := parsePublished(x.Published)
	d := doc{id: x.ID, title: x.Title, when: when(pub, textDates(x.Title+"\n"+x.Text, pub))}
	tc := map[int32]float32{}
	for _, w := range words(x.Title) {
		tc[voc.id(w)] += titleWeight
	}
	for _, w := range words(x.Text) {
		tc[voc.id(w)]++
	}
	seen := map[string]bool{}
	within := placesOf(x.Places, g.within)
	have := map[string]bool{}
	for _, p := range x.Places {
		ks := within[p]
		for _, k := range ks {
			id := voc.id("\x00" + k.key)
			tc[id] += placeWeight
			if !have[k.key] {
				have[k.key] = true
				d.places = append(d.places, k)
				d.keys = append(d.keys, id)
			}
		}
		if len(ks) > 0 && !seen[p] {
			seen[p] = true
			ws := wordIDs(voc, p)
			d.named = append(d.named, ws)
			if ks[0].level == levelCity && !ks[0].large {
				d.cityKeys = append(d.cityKeys, voc.id("\x00"+ks[0].key))
				d.cities = append(d.cities, ws)
			}
		}
	}
	for _, n := range x.Names {
		if f := rules.Fold(n); f != "" {
			id := voc.id("\x01" + f)
			tc[id] += nameWeight
			if !seen[n] {
				seen[n] = true
				d.keys = append(d.keys, id)
				d.named = append(d.named, wordIDs(voc, n))
			}
		}
	}
	for _, s := range x.Subjects {
		tc[voc.id("\x02"+s)]++
	}
	d.counts = make(vector, 0, len(tc))
	for t, c := range tc {
		voc.df[t]++
		d.words = append(d.words, t)
		d.counts = append(d.counts, weight{t, c})
	}
	slices.Sort(d.words)
	d.keys = sortedSet(d.keys)
	d.cityKeys = sortedSet(d.cityKeys)
	g.docs = append(g.docs, d)
}

func sortedSet(s []int32) []int32 {
	slices.Sort(s)
	return slices.Compact(s)
}

// weigh turns every document's term counts into its vector, and finds its
// heaviest terms.
func (g *Grouper) weigh() {
	if g.weighed {
		return
	}
	g.weighed = true
	n := len(g.docs)
	// A term most documents hold finds no one event.
	common := int32(max(20, n/10))
	for i := range g.docs {
		d := &g.docs[i]
		d.vec, d.counts = g.voc.weigh(d.counts, n), nil
		for _, t := range top(d.vec, candidateTerms*2) {
			if g.voc.df[t] <= common && len(d.terms) < candidateTerms {
				d.terms = append(d.terms, t)
			}
		}
	}
}

// placesOf finds what holds each place a document names. A name the
// gazetteer places in another country than most of the document's places
// ("Santa Teresa", a town in Venezuela, in a report from Peru) is taken
// for a place the gazetteer lacks.
func placesOf(names []string, cache map[string][]placeKey) map[string][]placeKey {
	out := map[string][]placeKey{}
	votes := map[string]int{}
	for _, n := range names {
		ks, ok := out[n]
		if !ok {
			if ks, ok = cache[n]; !ok {
				ks = containing(n)
				cache[n] = ks
			}
			out[n] = ks
		}
		if len(ks) > 0 && ks[len(ks)-1].level == levelCountry {
			votes[ks[len(ks)-1].key]++
		}
	}
	top, most := "", 0
	for k, v := range votes {
		if v > most || v == most && k < top {
			top, most = k, v
		}
	}
	for n, ks := range out {
		if len(ks) > 1 && most >= 2 && ks[len(ks)-1].key != top {
			if f := rules.Fold(n); f != "" {
				out[n] = []placeKey{{"place:" + f, n, levelCity, false, true}}
			}
		}
	}
	return out
}

// correct applies reviewers' corrections, oldest first, to the events of
// the documents. A correction naming a document that is not there any
// more is passed over.
func correct(docs []doc, of []int, evs *[]*event, corrections []claimex.EventCorrection) {
	at := map[int64]int{}
	for i, d := range docs {
		at[d.id] = i
	}
	for _, c := range corrections {
		i, ok := at[c.Document]
		if !ok {
			continue
		}
		j, hasTarget := at[c.Target]
		if c.Target != 0 && !hasTarget {
			continue
		}
		switch c.Kind {
		case claimex.EventMerge:
			if !hasTarget {
				continue
			}
			from, to := of[j], of[i]
			for k := range of {
				if of[k] == from {
					of[k] = to
				}
			}
		case claimex.EventMove:
			if hasTarget {
				of[i] = of[j]
			} else {
				of[i] = len(*evs)
				*evs = append(*evs, &event{centroid: map[int32]float64{}})
			}
		}
	}
}

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
