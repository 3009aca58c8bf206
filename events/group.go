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
	DefaultThreshold = 0.25
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

// doc is a document made ready for grouping.
type doc struct {
	id     int64
	title  string
	when   day
	places map[string]placeKey
	names  map[string]bool
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
	cityKeys      map[string]bool
}

// event is a group in the making.
type event struct {
	members  []int
	centroid map[int32]float64
	norm     float64
}

// Group puts documents into events and applies the corrections, oldest
// first, over the result. The events it returns have no ids (see
// AssignIDs); they come in the order of their first documents.
func Group(in []Doc, corrections []claimex.EventCorrection, opt Options) []claimex.Event {
	if opt.MaxGap <= 0 {
		opt.MaxGap = DefaultMaxGap
	}
	if opt.Threshold <= 0 {
		opt.Threshold = DefaultThreshold
	}
	sorted := append([]Doc(nil), in...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	docs := prepare(sorted)

	var evs []*event
	of := make([]int, len(docs)) // the event of each document
	byTerm := map[int32][]int{}  // term → events holding a document with it among its heaviest terms
	seen := map[int]bool{}
	for i := range docs {
		d := &docs[i]
		clear(seen)
		best, bestScore := -1, opt.Threshold
		for _, t := range d.terms {
			for _, e := range byTerm[t] {
				if seen[e] {
					continue
				}
				seen[e] = true
				if s := score(docs, d, evs[e], opt); s >= bestScore && (s > bestScore || best < 0 || e < best) {
					best, bestScore = e, s
				}
			}
		}
		if best < 0 {
			best = len(evs)
			evs = append(evs, &event{centroid: map[int32]float64{}})
		}
		evs[best].add(i, d.vec)
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
	if e.norm > 0 {
		for _, w := range d.vec {
			whole += float64(w.w) * e.centroid[w.term]
		}
		whole /= e.norm
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
		for k := range d.cityKeys {
			if md.cityKeys[k] {
				return true
			}
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

func sharesKey(a, b *doc) bool {
	if len(a.places)+len(a.names) > len(b.places)+len(b.names) {
		a, b = b, a
	}
	for k := range a.places {
		if _, ok := b.places[k]; ok {
			return true
		}
	}
	for n := range a.names {
		if b.names[n] {
			return true
		}
	}
	return false
}

func (e *event) add(i int, v vector) {
	e.members = append(e.members, i)
	for _, w := range v {
		e.centroid[w.term] += float64(w.w)
	}
	var sq float64
	for _, x := range e.centroid {
		sq += x * x
	}
	e.norm = math.Sqrt(sq)
}

// prepare reads each document's day, places, names and terms.
func prepare(in []Doc) []doc {
	voc := &vocabulary{ids: map[string]int32{}}
	docs := make([]doc, len(in))
	tcs := make([]counts, len(in))
	for i, x := range in {
		pub := parsePublished(x.Published)
		d := doc{id: x.ID, title: x.Title, when: when(pub, textDates(x.Title+"\n"+x.Text, pub)),
			places: map[string]placeKey{}, names: map[string]bool{}}
		tc := counts{}
		for _, w := range words(x.Title) {
			tc[voc.id(w)] += titleWeight
		}
		for _, w := range words(x.Text) {
			tc[voc.id(w)]++
		}
		d.cityKeys = map[string]bool{}
		seen := map[string]bool{}
		within := placesOf(x.Places)
		for _, p := range x.Places {
			ks := within[p]
			for _, k := range ks {
				d.places[k.key] = k
				tc[voc.id("\x00"+k.key)] += placeWeight
			}
			if len(ks) > 0 && !seen[p] {
				seen[p] = true
				ws := wordIDs(voc, p)
				d.named = append(d.named, ws)
				if ks[0].level == levelCity && !ks[0].large {
					d.cityKeys[ks[0].key] = true
					d.cities = append(d.cities, ws)
				}
			}
		}
		for _, n := range x.Names {
			if f := rules.Fold(n); f != "" {
				d.names[f] = true
				tc[voc.id("\x01"+f)] += nameWeight
				if !seen[n] {
					seen[n] = true
					d.named = append(d.named, wordIDs(voc, n))
				}
			}
		}
		for _, s := range x.Subjects {
			tc[voc.id("\x02"+s)]++
		}
		for t := range tc {
			voc.df[t]++
			d.words = append(d.words, t)
		}
		slices.Sort(d.words)
		docs[i], tcs[i] = d, tc
	}
	// A term most documents hold finds no one event.
	common := int32(max(20, len(in)/10))
	for i := range docs {
		docs[i].vec = voc.weigh(tcs[i], len(in))
		for _, t := range top(docs[i].vec, candidateTerms*2) {
			if voc.df[t] <= common && len(docs[i].terms) < candidateTerms {
				docs[i].terms = append(docs[i].terms, t)
			}
		}
	}
	return docs
}

// placesOf finds what holds each place a document names. A name the
// gazetteer places in another country than most of the document's places
// ("Santa Teresa", a town in Venezuela, in a report from Peru) is taken
// for a place the gazetteer lacks.
func placesOf(names []string) map[string][]placeKey {
	out := map[string][]placeKey{}
	votes := map[string]int{}
	for _, n := range names {
		ks, ok := out[n]
		if !ok {
			ks = containing(n)
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
		for k, p := range docs[m].places {
			// The places named, and the countries that hold them; not
			// the regions of cities, which a reader has not been told.
			if p.named || p.level == levelCountry {
				n[k]++
				keys[k] = p
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
