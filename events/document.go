package events

import (
	"slices"

	"github.com/claimex/claimex/rules"
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
	// counts are its term counts until they are weighed into vec, which
	// holds every word of its text (sorted by term).
	counts vector
	vec    vector
	terms  []int32 // its heaviest terms, to find candidates
	// named are the words of each place, person and organisation it
	// names, and cities those of its most specific places (cities under a
	// million people, and places the gazetteer lacks: streets,
	// neighbourhoods, villages), so that a name one document's recogniser
	// missed is still found in another's text.
	named, cities [][]int32
	cityKeys      []int32
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
		d.counts = append(d.counts, weight{t, c})
	}
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

// wordIDs are the ids of a name's words ("Rogers Park": rogers, park);
// empty when it has none that count.
func wordIDs(voc *vocabulary, name string) []int32 {
	var out []int32
	for _, w := range words(name) {
		out = append(out, voc.id(w))
	}
	return out
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
