package extract

import (
	"sort"
	"strings"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
)

// matcher finds the phrases of one word list in folded words, longest
// first. Phrases are indexed by their first and last words, so a lookup
// costs a map access and a few comparisons whatever the list's length.
type matcher struct {
	byFirst, byLast       map[string][]entry
	prefixOne, prefixLast []entry // phrases whose first or last word is a "*" prefix
}

// entry is a phrase and what it stands for (a category or a qualifier).
type entry struct {
	phrase rules.Phrase
	value  string
}

func newMatcher(phrases []rules.Phrase, value func(int) string) matcher {
	m := matcher{byFirst: map[string][]entry{}, byLast: map[string][]entry{}}
	for i, p := range phrases {
		e := entry{phrase: p, value: value(i)}
		n := len(p.Words)
		if p.Prefix && n == 1 {
			m.prefixOne = append(m.prefixOne, e)
		} else {
			m.byFirst[p.Words[0]] = append(m.byFirst[p.Words[0]], e)
		}
		if p.Prefix {
			m.prefixLast = append(m.prefixLast, e)
		} else {
			m.byLast[p.Words[n-1]] = append(m.byLast[p.Words[n-1]], e)
		}
	}
	longest := func(es []entry) {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].phrase.Words) > len(es[j].phrase.Words) })
	}
	for _, es := range m.byFirst {
		longest(es)
	}
	for _, es := range m.byLast {
		longest(es)
	}
	longest(m.prefixOne)
	longest(m.prefixLast)
	return m
}

func plain(phrases []rules.Phrase) matcher {
	return newMatcher(phrases, func(int) string { return "" })
}

// at returns the longest phrase starting at words[i]: its value and its
// length in words (0 when none matches).
func (m *matcher) at(words []string, i int) (string, int) {
	if i < 0 || i >= len(words) {
		return "", 0
	}
	best, n := "", 0
	for _, e := range m.byFirst[words[i]] {
		if len(e.phrase.Words) > n && e.phrase.MatchAt(words[i:]) {
			best, n = e.value, len(e.phrase.Words)
			break
		}
	}
	for _, e := range m.prefixOne {
		if n == 0 && strings.HasPrefix(words[i], e.phrase.Words[0]) {
			best, n = e.value, 1
		}
	}
	return best, n
}

// has reports whether a phrase starts at words[i].
func (m *matcher) has(words []string, i int) bool {
	_, n := m.at(words, i)
	return n > 0
}

// before returns the longest phrase ending just before words[end]: its
// value and the index where it starts (-1 when none matches).
func (m *matcher) before(words []string, end int) (string, int) {
	if end <= 0 || end > len(words) {
		return "", -1
	}
	best, start := "", -1
	try := func(es []entry) {
		for _, e := range es {
			k := len(e.phrase.Words)
			if k > end || (start >= 0 && end-k >= start) {
				continue
			}
			if e.phrase.MatchAt(words[end-k : end]) {
				best, start = e.value, end-k
			}
		}
	}
	try(m.byLast[words[end-1]])
	try(m.prefixLast)
	return best, start
}

// lexicon is the rules' word lists arranged for matching.
type lexicon struct {
	predicates, nouns matcher // value: category
	before, after     matcher // value: qualifier
	vague, zero       matcher

	links, negations, partitives, frames, appositions, countNouns, connectors     matcher
	placePreps, prepositions, determiners, additives, timeWords, english, openers matcher
	people, changes                                                               matcher

	attrVerbs, attrBefore matcher

	adverbs, nearMisses, persons, singleCategories, dwellVerbs matcher

	units, things, currencies, labels, operators, streets, months, scores, scoreVerbs matcher
	attributive                                                                       matcher

	honorifics, titles, roles, orgHeads, orgNouns, bodies, organisations, places, notAcronyms,
	particles, clutter matcher
}

func newLexicon(r *rules.Rules) *lexicon {
	var preds, nouns []rules.Phrase
	var predCat, nounCat []string
	for _, c := range r.Categories {
		for _, p := range c.Predicates {
			preds, predCat = append(preds, p), append(predCat, string(c.Name))
		}
		for _, p := range c.Nouns {
			nouns, nounCat = append(nouns, p), append(nounCat, string(c.Name))
		}
	}
	quals := func(qs []rules.Qualifier) matcher {
		var ps []rules.Phrase
		var names []string
		for _, q := range qs {
			for _, p := range q.Phrases {
				ps, names = append(ps, p), append(names, string(q.Name))
			}
		}
		return newMatcher(ps, func(i int) string { return names[i] })
	}
	g, a, nc, e := r.Grammar, r.Attribution, r.NotCounts, r.Entities
	return &lexicon{
		honorifics:       plain(e.Honorifics),
		titles:           plain(e.Titles),
		roles:            plain(e.Roles),
		orgHeads:         plain(e.OrgHeads),
		orgNouns:         plain(e.OrgNouns),
		bodies:           plain(e.Bodies),
		organisations:    plain(e.Organisations),
		places:           plain(e.Places),
		notAcronyms:      plain(e.NotAcronyms),
		particles:        plain(e.NameParticles),
		clutter:          plain(e.Clutter),
		predicates:       newMatcher(preds, func(i int) string { return predCat[i] }),
		nouns:            newMatcher(nouns, func(i int) string { return nounCat[i] }),
		before:           quals(r.Before),
		after:            quals(r.After),
		vague:            plain(r.Vague),
		zero:             plain(r.Zero),
		links:            plain(g.Links),
		negations:        plain(g.Negations),
		partitives:       plain(g.Partitives),
		frames:           plain(g.Frames),
		appositions:      plain(g.Appositions),
		countNouns:       plain(g.CountNouns),
		connectors:       plain(g.Connectors),
		placePreps:       plain(g.PlacePrepositions),
		prepositions:     plain(g.Prepositions),
		determiners:      plain(g.Determiners),
		additives:        plain(g.Additives),
		timeWords:        plain(g.TimeWords),
		english:          plain(g.English),
		openers:          plain(g.Openers),
		people:           plain(g.People),
		changes:          plain(g.Changes),
		adverbs:          plain(g.Adverbs),
		nearMisses:       plain(g.NearMisses),
		persons:          plain(g.Persons),
		singleCategories: plain(g.SingleVictimCategories),
		dwellVerbs:       plain(g.DwellVerbs),
		attrVerbs:        plain(a.Verbs),
		attrBefore:       plain(a.BeforeSource),
		units:            plain(nc.Units),
		things:           plain(nc.Things),
		currencies:       plain(nc.Currencies),
		labels:           plain(nc.Labels),
		operators:        plain(nc.Operators),
		streets:          plain(nc.Streets),
		months:           plain(nc.Months),
		scores:           plain(nc.Scores),
		scoreVerbs:       plain(nc.ScoreVerbs),
		attributive:      plain(nc.Attributive),
	}
}

// trigger returns the category of a predicate or noun starting at
// words[i], preferring the longer phrase, and its length.
func (lx *lexicon) trigger(words []string, i int) (claimex.Category, int) {
	p, np := lx.predicates.at(words, i)
	n, nn := lx.nouns.at(words, i)
	if nn > np {
		return claimex.Category(n), nn
	}
	return claimex.Category(p), np
}
