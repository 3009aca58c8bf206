package extract

import (
	"strings"

	"github.com/claimex/claimex"
)

// Rules of the figures a sentence states without a number of its own.
const (
	// RuleSingleVictim counts one person: "a man was shot dead", "the
	// victim died at the scene", "police arrested a teenager".
	RuleSingleVictim = "count/single-victim"
	// RuleBoth counts two people named before: "two men were shot ...
	// both men were taken to hospital".
	RuleBoth = "count/both"
	// RuleAlso is the second category of a figure two predicates share:
	// "kidnapped and killed 11 people".
	RuleAlso = "count/also"
)

// victims is what the document has said of people counted without a
// number, for the sentences after.
type victims struct {
	// seen are the single victims counted so far, as category and noun
	// and as category: "the man" after "a man was killed" is the same man,
	// and so is "the victim".
	seen map[string]bool
	// pairAt is the sentence of the last figure of two ("two men"), -1
	// when none; sentence counts the sentences read.
	pairAt, sentence int
}

// maxPairGap is how many sentences after "two men" a "both" may refer
// to them.
const maxPairGap = 3

// implicitFigures returns the figures of s that no number states: single
// victims, "both", and the second category of a figure that two joined
// predicates share. figs are the sentence's classified figures.
func (x *Extractor) implicitFigures(s *sentence, figs []*figure, d *discourse) []*figure {
	v := &d.victims
	if v.seen == nil {
		v.seen, v.pairAt = map[string]bool{}, -maxPairGap-1
	}
	var out []*figure
	for _, f := range figs {
		if f.also != "" && f.category != "" {
			out = append(out, x.alsoFigure(s, f))
		}
	}
	covered := func(i int) bool {
		for _, f := range figs {
			if i >= f.qFirst && i <= max(f.postLast, f.npLast, f.evLast) {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(s.words); i++ {
		if covered(i) {
			continue
		}
		f := x.singleVictim(s, i, figs, v)
		if f == nil {
			f = x.both(s, i, figs, v)
		}
		if f != nil {
			out = append(out, f)
			i = max(f.npLast, i)
		}
	}
	if pairAt(figs, len(s.words)) {
		v.pairAt = v.sentence
	}
	v.sentence++
	return out
}

// pairAt reports whether a figure of two ends before token i.
func pairAt(figs []*figure, i int) bool {
	for _, f := range figs {
		if !f.zero && f.vague == "" && !f.num.IsRange && f.num.Value == 2 && f.last < i {
			return true
		}
	}
	return false
}

// alsoFigure is the copy of f for the category of the predicate joined
// to its own: "kidnapped" in "kidnapped and killed 11 people".
func (x *Extractor) alsoFigure(s *sentence, f *figure) *figure {
	g := *f
	g.category, g.also, g.rule = f.also, "", RuleAlso
	if _, st := x.lex.predicates.before(s.words, f.evFirst-1); st >= 0 {
		g.evFirst = st
	}
	return &g
}

// singleVictim reads one person at token i: a determiner ("a", "an",
// "the", "another"; none in a headline that opens with the noun), a noun
// phrase whose head is one of the rules' persons, and a predicate after
// it or just before it. A person governed by a preposition ("named after
// a man who was killed") or by "of" ("the family of a man who died") is
// background, unless a trigger governs it ("the death of a soldier").
func (x *Extractor) singleVictim(s *sentence, i int, figs []*figure, v *victims) *figure {
	lx := x.lex
	det, w := i, s.word(i)
	switch {
	case w == "a" || w == "an" || w == "the" || w == "another":
		i++
	case i == 0 && s.capitalized(0) && lx.persons.has(s.words, 0):
		det = -1 // "Man shot dead in ..."
	default:
		return nil
	}
	first, last := x.nounPhrase(s, i, false)
	if last < first {
		return nil
	}
	// The head comes before "of" ("a resident of the town"); "the family
	// of a woman" is no person.
	for k := first; k <= last; k++ {
		if s.words[k] == "of" {
			last = k - 1
			break
		}
	}
	if last = x.personHead(s, first, last); last < first || hasConjunction(s, first, last) {
		return nil
	}
	// "the man's brother", "a man of 40".
	if next := s.word(last + 1); next == "'s" || next == "'" || next == "of" {
		return nil
	}
	start := first
	if det >= 0 {
		start = det
	}
	f := &figure{first: start, last: start, qFirst: start, postLast: start, npFirst: first, npLast: last,
		num: Number{Value: 1}, qualifier: claimex.Exact, evFirst: -1, evLast: -1}
	switch {
	case det >= 0 && (lx.prepositions.has(s.words, det-1) || x.partOfFigure(s, det, figs)):
		return nil
	case det >= 0 && s.word(det-1) == "of":
		if !x.victimOf(s, det, f) {
			return nil
		}
	case x.predicateAfter(s, f):
	case det >= 0 && x.predicateBefore(s, det, f):
	default:
		return nil
	}
	if !x.lex.singleCategories.has([]string{string(f.category)}, 0) {
		return nil
	}
	f.rule = RuleSingleVictim
	noun := s.words[last]
	if w == "the" && (v.seen[string(f.category)+"/"+noun] || v.seen[string(f.category)] && noun == "victim") {
		return nil // the same person again
	}
	v.seen[string(f.category)+"/"+noun], v.seen[string(f.category)] = true, true
	return f
}

// hasConjunction reports whether tokens i..j-1 hold "and", "or" or a
// comma.
func hasConjunction(s *sentence, i, j int) bool {
	for k := i; k < j && k < len(s.words); k++ {
		if w := s.words[k]; w == "and" || w == "or" || w == "," || w == "&" {
			return true
		}
	}
	return false
}

// personHead returns the last token of the first of the rules' persons
// in the singular that heads the noun phrase at first..last ("a police
// officer", "a teenager" in "a teenager sparked protests", which the
// tagger may read as one phrase), or first-1 when none does: a person
// followed by another noun modifies it ("a student union").
func (x *Extractor) personHead(s *sentence, first, last int) int {
	for k := first; k <= last; k++ {
		_, n := x.lex.persons.at(s.words, k)
		if n == 0 || k+n-1 > last {
			continue
		}
		e := k + n - 1
		if t := s.tag(e); t == "NNS" || t == "NNPS" {
			return first - 1
		}
		if e < last && isNounTag(s.tag(e+1)) {
			continue
		}
		return e
	}
	return first - 1
}

// partOfFigure reports whether a person at det is part of a figure of
// the sentence: "12 people were killed, including a child", "three
// people, a man and two women, died".
func (x *Extractor) partOfFigure(s *sentence, det int, figs []*figure) bool {
	if det < 0 {
		return false
	}
	if _, st := x.lex.partitives.before(s.words, det); st >= 0 {
		return true
	}
	if s.word(det-1) == "," || s.word(det-1) == "(" {
		for _, f := range figs {
			if end := max(f.postLast, f.npLast); end == det-2 {
				return true
			}
		}
	}
	return false
}

// victimOf reads "the death of a soldier", "the killing of a teenager",
// "the arrest of a man": a trigger and "of" before the person.
func (x *Extractor) victimOf(s *sentence, det int, f *figure) bool {
	if s.word(det-1) != "of" {
		return false
	}
	lx := x.lex
	c, st := lx.nouns.before(s.words, det-1)
	if st < 0 {
		c, st = lx.predicates.before(s.words, det-1)
	}
	if st < 0 || lx.negations.has(s.words, st-1) {
		return false
	}
	f.category, f.evFirst, f.evLast = claimex.Category(c), st, det-1
	return true
}

// predicateBefore reads "police arrested a man", "gunmen shot dead a
// guard": a predicate just before the person, not after a preposition.
func (x *Extractor) predicateBefore(s *sentence, det int, f *figure) bool {
	lx := x.lex
	c, st := lx.predicates.before(s.words, det)
	if st < 0 || lx.negations.has(s.words, st-1) || lx.nearMisses.has(s.words, st-1) || lx.prepositions.has(s.words, st) {
		return false
	}
	// "a man injured a woman": the predicate has a subject of its own,
	// counted as the woman.
	f.category, f.evFirst, f.evLast = claimex.Category(c), st, det-1
	return true
}

// both reads "both men were taken to hospital", "both were killed": two
// people, when a figure of two came in the sentences just before.
func (x *Extractor) both(s *sentence, i int, figs []*figure, v *victims) *figure {
	if s.word(i) != "both" || v.sentence-v.pairAt > maxPairGap && !pairAt(figs, i) {
		return nil
	}
	// A clause opens with it: "Both men ...", "..., and both died".
	if p := s.word(i - 1); i > 0 && p != "," && p != "and" && p != ";" && !isQuote(p) {
		return nil
	}
	f := &figure{first: i, last: i, qFirst: i, postLast: i, npFirst: i + 1, npLast: i,
		num: Number{Value: 2}, qualifier: claimex.Exact, evFirst: -1, evLast: -1}
	next := i + 1
	if s.word(next) == "of" && (s.word(next+1) == "them" || s.word(next+1) == "the") {
		next += 2 // "both of them", "both of the victims"
		f.postLast = next - 1
	}
	if first, last := x.nounPhrase(s, next, false); last >= first {
		// "both men and women": not two.
		if !x.personPlural(s.words[last]) || hasConjunction(s, first, last+1) {
			return nil
		}
		f.npFirst, f.npLast = first, last
	} else if s.word(next) == "of" || s.word(i+1) == "and" {
		return nil
	}
	if !x.predicateAfter(s, f) || !x.lex.singleCategories.has([]string{string(f.category)}, 0) {
		return nil
	}
	f.rule = RuleBoth
	return f
}

// personPlural reports whether a folded word is the plural of one of the
// rules' persons ("men", "victims", "children", "people").
func (x *Extractor) personPlural(w string) bool {
	var sing []string
	switch {
	case w == "people":
		sing = []string{"person"}
	case w == "children":
		sing = []string{"child"}
	case strings.HasSuffix(w, "men"):
		sing = []string{strings.TrimSuffix(w, "men") + "man"}
	case strings.HasSuffix(w, "ies"):
		sing = []string{strings.TrimSuffix(w, "ies") + "y"}
	case strings.HasSuffix(w, "es"):
		sing = []string{strings.TrimSuffix(w, "es"), strings.TrimSuffix(w, "s")}
	case strings.HasSuffix(w, "s"):
		sing = []string{strings.TrimSuffix(w, "s")}
	}
	for _, x1 := range sing {
		if x.lex.persons.has([]string{x1}, 0) {
			return true
		}
	}
	return false
}
