package extract

import (
	"strings"

	"github.com/claimex/claimex"
)

// classify gives each figure of s its counted noun phrase and category.
// Evidence is weighed in order: the figure's own clause (a predicate after
// it, "of the deaths", a verb or a noun bound to it before) wins; then what
// ties it to another figure (a partitive, "among", an apposition, a frame
// such as "Among the dead"); then the counted noun itself and the topic of
// a "figure of N"; last, a count of something else is "other".
func (x *Extractor) classify(s *sentence, figs []*figure, d *discourse) {
	frameAt, frame := x.frame(s)
	frameBefore := func(f *figure) claimex.Category {
		if f.first > frameAt {
			return frame
		}
		return ""
	}
	weak := make([]claimex.Category, len(figs))
	for k, f := range figs {
		f.evFirst, f.evLast = -1, -1
		f.npFirst, f.npLast = x.nounPhrase(s, f.postLast+1, f.zero || f.vague != "")
		if x.ofTheNoun(s, f) || x.predicateAfter(s, f) || x.evidenceBefore(s, f, &weak[k]) {
			f.strong = true
			continue
		}
		if f.link == linkNone && x.amongNext(s, f) {
			f.link = linkAmong
		}
		if weak[k] == "" {
			weak[k] = x.nounPhraseTrigger(s, f)
		}
	}
	// Each figure is settled in text order, so that a partitive or an
	// apposition inherits the final category of the figure before it;
	// "among" looks ahead, so it is settled last.
	settle := func(k int, f *figure) {
		if f.category != "" && f.category != claimex.Other && x.countsThings(s, f) {
			// "released two reports": not people.
			f.category, f.rule = "", ""
			weak[k] = ""
		}
		if f.category == "" && weak[k] != "" {
			f.category = weak[k]
			if f.rule == "" {
				f.rule = "count/noun"
			}
		}
		if f.category == "" && x.isOther(s, f) {
			f.category, f.rule = claimex.Other, "count/other"
		}
	}
	for k, f := range figs {
		switch {
		case f.strong:
		case (f.link == linkPartitive || f.link == linkApposition) && x.ownNounWins(s, figs[:k], f, weak[k], frameBefore(f), d):
			// "3,248 cases, including 584 deaths": a part of a figure that
			// counts nothing the rules name is counted by its own noun.
		case f.link == linkPartitive:
			f.category, f.rule = x.previousCategory(s, figs[:k], f, frameBefore(f), d), claimex.RulePartitive
		case f.link == linkApposition:
			f.category, f.rule = x.previousCategory(s, figs[:k], f, frameBefore(f), d), claimex.RuleApposition
		case f.link == linkCoordinated && k > 0 && sharesVerb(figs[k-1]):
			f.category, f.rule = figs[k-1].category, "count/coordinated"
		case f.link == linkAmong:
			continue
		case frame != "" && f.first > frameAt:
			f.category, f.rule = frame, "count/frame"
		}
		settle(k, f)
	}
	for k := len(figs) - 1; k >= 0; k-- {
		if f := figs[k]; f.link == linkAmong && !f.strong {
			if k+1 < len(figs) {
				f.category, f.rule = figs[k+1].category, claimex.RuleAmong
			}
			settle(k, f)
		}
	}
	for _, f := range figs {
		if f.category != "" && f.category != claimex.Other {
			d.lastCategory = f.category
		}
	}
}

// sharesVerb reports whether a figure's category came from words before
// it ("killed 19 children", "the deaths of 18 soldiers"), which a figure
// joined to it by "and" shares.
func sharesVerb(f *figure) bool {
	return f.rule == "count/predicate-before" || f.rule == "count/noun-before" || f.rule == "count/coordinated"
}

// ownNounWins reports whether a figure that is part of another one is
// counted by its own noun (own, the trigger of its noun phrase) rather
// than by what the other one counts: when the other counts nothing the
// rules name ("3,248 cases, including 584 deaths").
func (x *Extractor) ownNounWins(s *sentence, before []*figure, f *figure, own, frame claimex.Category, d *discourse) bool {
	if own == "" {
		return false
	}
	prev := x.previousCategory(s, before, f, frame, d)
	return prev == "" || prev == claimex.Other
}

// previousCategory is what a figure that is part of another one counts:
// the category of the nearest figure before it in the sentence (a part
// of "546 criminal cases" is other too), else of the sentence's frame,
// else of the trigger the sentence opened with ("The toll included 19
// officers", "Of those killed, 12 were children"), else of the last figure
// of the document.
func (x *Extractor) previousCategory(s *sentence, before []*figure, f *figure, frame claimex.Category, d *discourse) claimex.Category {
	if len(before) > 0 {
		// The figure before may count nothing the rules know ("a fleet of
		// 270 aircraft, including 12 freight"); then neither does this one.
		return before[len(before)-1].category
	}
	if frame != "" {
		return frame
	}
	if c := x.topic(s, f.qFirst); c != "" {
		return c
	}
	return d.lastCategory
}

// ofTheNoun reads "103 of the deaths", and "12 of them" (a partitive).
func (x *Extractor) ofTheNoun(s *sentence, f *figure) bool {
	i := f.postLast + 1
	if _, n := x.lex.partitives.at(s.words, i); n > 0 {
		f.link = linkPartitive
		return false
	}
	if s.word(i) != "of" {
		return false
	}
	j := i + 1
	if _, n := x.lex.determiners.at(s.words, j); n > 0 {
		j += n
	}
	// "103 of the deaths", "40 of the injured".
	c, n := x.lex.trigger(s.words, j)
	if c == "" {
		return false
	}
	f.category, f.evFirst, f.evLast, f.rule = c, i, j+n-1, claimex.RuleNounOf
	f.npFirst, f.npLast = j, j+n-1
	return true
}

// predicateAfter reads "225 people dead", "26 demonstrators were
// killed", "4,500 have been injured", "672 suspects are in temporary
// detention": a predicate after the figure's noun phrase, past links.
func (x *Extractor) predicateAfter(s *sentence, f *figure) bool {
	lx := x.lex
	// A figure inside a place phrase ("106 protesters in 21 cities have
	// been killed") is not the subject of the verb after it; only a
	// modifier of its own ("200,000 children in federal custody") counts.
	object := x.objectOfPlace(s, f)
	j := f.postLast + 1
	if _, n := lx.partitives.at(s.words, j); n > 0 {
		j += n // "12 of them were killed"
	}
	if f.npLast >= f.npFirst {
		j = f.npLast + 1
	}
	j = x.stepAside(s, j)
	pps, linked, relative := 0, false, false
	for steps := 0; j < len(s.words) && steps < 10; steps++ {
		if lx.negations.has(s.words, j) || lx.nearMisses.has(s.words, j) {
			return false
		}
		if object && !lx.placePreps.has(s.words, j) {
			return false
		}
		if c, n := lx.predicates.at(s.words, j); n > 0 {
			// "Two gunmen killed three people": the figure acts, what it
			// acts on is counted.
			if !linked && (x.objectFollows(s, j+n) || relative && x.anyObjectFollows(s, j+n)) {
				return false
			}
			f.category, f.evFirst, f.evLast, f.rule = claimex.Category(c), j, j+n-1, "count/predicate-after"
			return true
		}
		// "Three children were among the dead".
		if _, n := lx.frames.at(s.words, j); n > 0 {
			if c, m := lx.trigger(s.words, j+n); c != "" {
				f.category, f.evFirst, f.evLast, f.rule = c, j, j+n+m-1, "count/predicate-after"
				return true
			}
		}
		if _, n := lx.links.at(s.words, j); n > 0 {
			// "who killed the child" is active; "who were killed" not.
			if w := s.word(j); w == "who" || w == "that" {
				relative = true
			} else {
				linked = true
			}
			j += n
			continue
		}
		// "were newly displaced", "were critically injured", "[3] were
		// killed".
		if x.isAdverb(s, j) || isCitation(s.word(j)) {
			j++
			continue
		}
		// "are living in besieged areas", "are being housed in shelters".
		if lx.dwellVerbs.has(s.words, j) && (lx.placePreps.has(s.words, j+1) || lx.predicates.has(s.words, j+1)) {
			j, linked = j+1, true
			continue
		}
		// A verb shared with the next figure: "21 students and four
		// teachers died", "120 soldiers and a general killed", "10
		// marines and an unknown number of soldiers died".
		if w := s.word(j); (w == "and" || w == "or") && pps < 3 {
			if end := x.figurePhrase(s, j+1); end > j {
				j, pps = end+1, pps+1
				continue
			}
			if _, n := lx.determiners.at(s.words, j+1); n > 0 {
				if first, last := x.nounPhrase(s, j+1+n, false); last >= first {
					j, pps = last+1, pps+1
					continue
				}
			}
		}
		if lx.placePreps.has(s.words, j) || s.word(j) == "under" || s.word(j) == "behind" || s.word(j) == "into" {
			// "in (temporary) detention", "under arrest", "into custody".
			for k := j + 1; k <= j+3 && k < len(s.words); k++ {
				if c, n := lx.trigger(s.words, k); c != "" {
					f.category, f.evFirst, f.evLast, f.rule = c, j, k+n-1, "count/predicate-after"
					return true
				}
				if isBreak(s.words[k]) || s.words[k] == "," {
					break
				}
			}
			// Step over a place: "106 protesters in 21 cities have been
			// killed".
			if end := x.prepPhrase(s, j); end > j && pps < 2 && !object {
				j, pps = end+1, pps+1
				continue
			}
		}
		return false
	}
	return false
}

// objectFollows reports whether what follows a predicate at i is its
// object and counts people: a figure or a person ("killed three people",
// "killed the driver", "shot dead a guard"). "fled the city" and "killed
// in clashes" have none.
func (x *Extractor) objectFollows(s *sentence, i int) bool {
	lx := x.lex
	if i >= len(s.words) {
		return false
	}
	if _, ok := ParseNumber(s.words[i:]); ok || lx.vague.has(s.words, i) {
		return true
	}
	if _, n := lx.determiners.at(s.words, i); n > 0 {
		i += n
	}
	first, last := x.nounPhrase(s, i, false)
	if last < first {
		return false
	}
	return x.personHead(s, first, last) >= first || x.personPlural(s.words[last])
}

// anyObjectFollows reports whether a noun phrase follows a predicate at
// i: in a relative clause ("a neighbour who killed a dog") it is the
// object, and the one the clause is said of acts.
func (x *Extractor) anyObjectFollows(s *sentence, i int) bool {
	if _, n := x.lex.determiners.at(s.words, i); n > 0 {
		return true
	}
	first, last := x.nounPhrase(s, i, false)
	return last >= first
}

// prepPhrase returns the last token of a prepositional phrase opening at
// j ("in 21 cities", "in the capital"), or j when none opens there.
func (x *Extractor) prepPhrase(s *sentence, j int) int {
	k := j + 1
	if _, n := x.lex.determiners.at(s.words, k); n > 0 {
		k += n
	}
	if n, ok := ParseNumber(s.words[k:]); ok {
		k += n.Words
	}
	first, last := x.nounPhrase(s, k, false)
	if last < first {
		return j
	}
	return last
}

// stepAside returns the token after an aside that stands between a
// figure's noun phrase at j and its predicate: "25 people (including 3
// children) were killed", "25 people, most of them women, were killed",
// "12 people, police said, were injured". j itself when there is none.
func (x *Extractor) stepAside(s *sentence, j int) int {
	closer := ""
	switch s.word(j) {
	case "(":
		closer = ")"
	case ",", "—", "–", "-":
		closer = s.word(j)
	default:
		return j
	}
	for k := j + 1; k < len(s.words) && k < j+16; k++ {
		w := s.words[k]
		if w == closer || closer == "," && (w == "—" || w == "–") {
			if closer == ")" || x.clauseGoesOn(s, k+1) {
				return k + 1
			}
			return j
		}
		if isBreak(w) || w == "(" || w == ")" && closer != ")" {
			return j
		}
	}
	return j
}

// clauseGoesOn reports whether a figure's clause goes on at token i past
// an aside: a link, an adverb or a predicate follows.
func (x *Extractor) clauseGoesOn(s *sentence, i int) bool {
	lx := x.lex
	return lx.links.has(s.words, i) && s.word(i) != "that" && s.word(i) != "who" ||
		x.isAdverb(s, i) || lx.predicates.has(s.words, i)
}

// isAdverb reports whether token i is an adverb that may stand between a
// link and a predicate: one of the rules' adverbs, or a word in -ly tagged
// as an adverb or followed by a predicate ("were briefly detained", which
// the tagger may read as a noun) that is no qualifier ("nearly") or near
// miss ("narrowly").
func (x *Extractor) isAdverb(s *sentence, i int) bool {
	lx := x.lex
	if lx.adverbs.has(s.words, i) {
		return true
	}
	w := s.word(i)
	if !strings.HasSuffix(w, "ly") || len(w) < 5 || !strings.HasPrefix(s.tag(i), "RB") && !lx.predicates.has(s.words, i+1) {
		return false
	}
	return !lx.nearMisses.has(s.words, i) && !lx.before.has(s.words, i) && !lx.negations.has(s.words, i)
}

// figurePhrase returns the last token of a figure and its noun phrase
// starting at j ("four teachers", "at least 12 children"), or j-1 when no
// figure starts there.
func (x *Extractor) figurePhrase(s *sentence, j int) int {
	k := j
	if _, n := x.lex.before.at(s.words, k); n > 0 {
		k += n
	}
	n, ok := ParseNumber(s.words[k:])
	if !ok {
		return j - 1
	}
	k += n.Words
	if first, last := x.nounPhrase(s, k, false); last >= first {
		return last
	}
	return k - 1
}

// objectOfPlace reports whether the figure is governed by a place
// preposition ("in 21 cities"): what follows its noun phrase is said of
// the phrase before it, not of the figure.
func (x *Extractor) objectOfPlace(s *sentence, f *figure) bool {
	i := f.qFirst
	if _, st := x.lex.determiners.before(s.words, i); st >= 0 {
		i = st
	}
	_, st := x.lex.placePreps.before(s.words, i)
	return st >= 0 || s.word(i-1) == "from" || s.word(i-1) == "on"
}

// evidenceBefore reads what stands before the figure: a predicate
// ("killed 26", "arrested approximately 2,000"), a noun with a connector
// ("the deaths of 18", "the death toll rose to 164", "a force numbering
// 2,500"), a partitive ("including three"), an apposition ("the
// majority, 103"), or a count noun ("the latest figure of 5,800", whose
// category, from the sentence's topic, is weak evidence).
func (x *Extractor) evidenceBefore(s *sentence, f *figure, weak *claimex.Category) bool {
	lx := x.lex
	j := f.qFirst
	for j > 0 && isQuote(s.words[j-1]) {
		j--
	}
	if _, st := lx.additives.before(s.words, j); st >= 0 {
		j = st
	}
	if _, st := lx.partitives.before(s.words, j); st >= 0 {
		f.link, f.evFirst = linkPartitive, st
		return false
	}
	// "killed 19 children and six adults": the verb of the figure before.
	if w := s.word(j - 1); w == "and" || w == "or" {
		f.link = linkCoordinated
	}
	after := f.postLast + 1
	for lx.links.has(s.words, after) {
		_, n := lx.links.at(s.words, after)
		after += n
	}
	if s.word(j-1) == "," && s.word(after) == "," {
		// "the majority, 103, ...": part of the figure before.
		if _, st := lx.appositions.before(s.words, j-1); st >= 0 {
			f.link, f.evFirst = linkApposition, st
			return false
		}
		// "those arrested, 1,200, ...": the trigger before the comma.
		if c, st := lx.predicates.before(s.words, j-1); st >= 0 {
			f.category, f.evFirst, f.evLast, f.rule = claimex.Category(c), st, j-1, claimex.RuleApposition
			return true
		}
	}
	// "Of the 225 dead, 19 were police officers", "Of those killed, 12
	// were children": a figure after the comma of a sentence opening with
	// "Of the" is part of what the sentence opened with.
	if s.word(0) == "of" && lx.determiners.has(s.words, 1) && s.word(j-1) == "," && j-1 > 2 {
		f.link = linkPartitive
		return false
	}
	if c, st := lx.predicates.before(s.words, j); st >= 0 && !lx.negations.has(s.words, st-1) {
		f.category, f.evFirst, f.evLast, f.rule = claimex.Category(c), st, j-1, "count/predicate-before"
		// "kidnapped and killed 11 people": 11 kidnapped, 11 killed.
		if s.word(st-1) == "and" {
			if c2, st2 := lx.predicates.before(s.words, st-1); st2 >= 0 && c2 != c && isVerbTag(s.tag(st2)) && !lx.negations.has(s.words, st2-1) {
				f.also = claimex.Category(c2)
			}
		}
		return true
	}
	// A noun right before: "death toll 164", "a force numbering 2,500".
	if c, st := lx.nouns.before(s.words, j); st >= 0 {
		f.category, f.evFirst, f.evLast, f.rule = claimex.Category(c), st, j-1, "count/noun-before"
		return true
	}
	_, c0 := lx.connectors.before(s.words, j)
	if c0 < 0 {
		// "the number of displaced people is estimated to be 20,000".
		if c0 = x.copulaBefore(s, j); c0 < 0 {
			return false
		}
	}
	// A noun some words before the connector: "the death toll in Almaty
	// has risen to 164", "The death toll from an earthquake which rocked
	// Central America rose early today to at least 138".
	for k := c0; k > 0 && k >= c0-maxConnectorGap; k-- {
		if c, st := lx.nouns.before(s.words, k); st >= 0 {
			f.category, f.evFirst, f.evLast, f.rule = claimex.Category(c), st, j-1, "count/noun-before"
			return true
		}
		if _, st := lx.countNouns.before(s.words, k); st >= 0 {
			// "the number of dead rose to 45": the trigger between the
			// count noun and the figure, else the sentence's topic before.
			c := x.triggerBetween(s, k, c0)
			if c == "" {
				c = x.topic(s, st)
			}
			if c != "" {
				*weak = c
				f.evFirst, f.evLast, f.rule = st, j-1, "count/count-noun"
			}
			return false
		}
		if w := s.word(k - 1); isBreak(w) || w == "," {
			return false
		}
		if _, ok := ParseNumber(s.words[k-1:]); ok {
			return false
		}
	}
	return false
}

// copulaBefore returns where a run of links and participles ending just
// before token j starts ("is estimated to be", "was thought to be"), or
// -1: it ties the figure to the noun before it as a connector does.
func (x *Extractor) copulaBefore(s *sentence, j int) int {
	lx := x.lex
	k := j - 1
	if !lx.links.has(s.words, k) {
		return -1
	}
	for k >= 0 && (lx.links.has(s.words, k) || x.isAdverb(s, k) || s.tag(k) == "VBN" || s.tag(k) == "VBD") &&
		!lx.predicates.has(s.words, k) && s.words[k] != "that" && s.words[k] != "who" {
		k--
	}
	if k < 0 || k+1 >= j {
		return -1
	}
	return k + 1
}

// maxConnectorGap is how many words may stand between a noun and the
// connector that ties it to a figure.
const maxConnectorGap = 12

// topic is the category of the nearest trigger before token i in the
// sentence: what "the latest figure" is a figure of.
func (x *Extractor) topic(s *sentence, i int) claimex.Category {
	for k := i - 1; k >= 0; k-- {
		if c, _ := x.lex.trigger(s.words, k); c != "" {
			return c
		}
	}
	return ""
}

// triggerBetween is the category of the first trigger in tokens i..j-1.
func (x *Extractor) triggerBetween(s *sentence, i, j int) claimex.Category {
	for k := i; k < j; k++ {
		if c, _ := x.lex.trigger(s.words, k); c != "" {
			return c
		}
	}
	return ""
}

// frame finds "Among the dead" in s: the figures after it, with no
// category of their own, count the dead.
func (x *Extractor) frame(s *sentence) (int, claimex.Category) {
	for k := range s.words {
		if _, n := x.lex.frames.at(s.words, k); n > 0 {
			if c, _ := x.lex.trigger(s.words, k+n); c != "" {
				return k, c
			}
		}
	}
	return len(s.words), ""
}

// amongNext reads "three children among 164 killed": the figure is part
// of the next one.
func (x *Extractor) amongNext(s *sentence, f *figure) bool {
	j := f.postLast + 1
	if f.npLast >= f.npFirst {
		j = f.npLast + 1
	}
	if s.word(j) != "among" && s.word(j) != "amongst" {
		return false
	}
	if _, n := x.lex.before.at(s.words, j+1); n > 0 {
		j += n
	}
	_, ok := ParseNumber(s.words[j+1:])
	return ok
}

// nounPhraseTrigger is the category named in the first part of the
// figure's noun phrase ("164 deaths", "more than 10,000 detainees", "300
// displaced people"); later parts ("members of the security forces and
// bodies") do not count.
func (x *Extractor) nounPhraseTrigger(s *sentence, f *figure) claimex.Category {
	for k := f.npFirst; k <= f.npLast; k++ {
		w := s.words[k]
		if w == "of" || w == "and" || w == "or" || w == "," {
			break
		}
		if c, n := x.lex.trigger(s.words, k); c != "" {
			f.evFirst, f.evLast = k, k+n-1
			return c
		}
	}
	return ""
}

// countsThings reports whether the first part of the figure's noun phrase
// names things that are never people ("two highly critical reports").
func (x *Extractor) countsThings(s *sentence, f *figure) bool {
	for k := f.npFirst; k <= f.npLast; k++ {
		w := s.words[k]
		if w == "of" || w == "and" || w == "or" || w == "," {
			break
		}
		if x.lex.things.has(s.words, k) {
			return true
		}
	}
	return false
}

// minOther is the smallest count of something else worth a reviewer's
// time: "546 criminal cases" is, "two leaders" is not.
const minOther = 10

// isOther reports whether a figure with no category still counts
// something worth review: a ratio, or minOther or more of a plural noun.
func (x *Extractor) isOther(s *sentence, f *figure) bool {
	if f.ratio {
		return true
	}
	if f.zero || f.vague != "" || f.num.Value < minOther || f.npLast < f.npFirst {
		return false
	}
	for k := f.npFirst; k <= f.npLast; k++ {
		if t := s.tag(k); t == "NNS" || t == "NNPS" {
			return true
		}
	}
	return false
}
