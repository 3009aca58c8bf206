package extract

import (
	"math"
	"strings"

	"github.com/claimex/claimex"
)

// figure is a number, vague amount or zero found in a sentence, with
// what the extractor learns about it.
type figure struct {
	// first and last are the token indexes of the amount itself.
	first, last int
	num         Number
	vague       string
	zero        bool
	// ratio is set for "10 out of 17": last then covers the whole ratio.
	ratio bool

	qualifier claimex.Qualifier
	// qFirst is where the figure's words start, qualifier included.
	qFirst int
	// postLast is the last token of a qualifier after the amount, or last.
	postLast int

	// npFirst..npLast is the counted noun phrase, empty when npLast <
	// npFirst.
	npFirst, npLast int

	category claimex.Category
	// evFirst..evLast is the evidence for the category (a trigger), used
	// to draw the claim's span; -1 when there is none in the span.
	evFirst, evLast int
	rule            string
	// strong is set when the category comes from the figure's own clause
	// (a predicate, or a noun bound to it), not from its noun phrase.
	strong bool

	// link is how the figure depends on another one when it has no
	// category of its own.
	link linkKind
	// also is a second category a predicate joined to the first gives
	// ("kidnapped and killed 11 people").
	also claimex.Category
}

type linkKind int

const (
	linkNone        linkKind = iota
	linkPartitive            // "of which 19 were ...", "including three children"
	linkAmong                // "three children among 164 killed"
	linkApposition           // "the majority, 103, ..."
	linkCoordinated          // "killed 19 children and six adults"
)

// figures finds the amounts of a sentence, leaving out numbers that are
// not counts (dates, ages, money, measures, labels, scores).
func (x *Extractor) figures(s *sentence) []*figure {
	var out []*figure
	for i := 0; i < len(s.words); i++ {
		f := x.figureAt(s, i)
		if f == nil {
			continue
		}
		x.qualify(s, f)
		out = append(out, f)
		i = f.postLast
	}
	return out
}

func (x *Extractor) figureAt(s *sentence, i int) *figure {
	lx := x.lex
	// Zero: "no one was killed", "no deaths were reported".
	if _, n := lx.zero.at(s.words, i); n > 0 {
		next := i + n
		if s.word(i+n-1) == "no" {
			// A bare "no" counts only before a noun trigger ("no deaths").
			if c, _ := lx.nouns.at(s.words, next); c == "" {
				return nil
			}
		}
		return &figure{first: i, last: next - 1, zero: true}
	}
	// Vague: "hundreds of people", "thousands protested".
	if _, n := lx.vague.at(s.words, i); n > 0 {
		next := i + n
		w := s.word(next)
		if w == "of" || isNounTag(s.tag(next)) || lx.links.has(s.words, next) || lx.predicates.has(s.words, next) {
			return &figure{first: i, last: next - 1, vague: strings.Join(s.words[i:next], " ")}
		}
		return nil
	}
	n, ok := ParseNumber(s.words[i:])
	if !ok || x.notACount(s, i, n) {
		return nil
	}
	f := &figure{first: i, last: i + n.Words - 1, num: n}
	// "10 out of 17": a ratio, whose second number is not a figure.
	if s.word(f.last+1) == "out" && s.word(f.last+2) == "of" {
		if m, ok := ParseNumber(s.words[f.last+3:]); ok {
			f.ratio = true
			f.last += 2 + m.Words
		}
	}
	return f
}

// qualify finds the words that qualify a figure either side of it.
func (x *Extractor) qualify(s *sentence, f *figure) {
	f.qFirst, f.postLast = f.first, f.last
	switch {
	case f.zero:
		f.qualifier = claimex.Exact
	case f.vague != "":
		f.qualifier = claimex.Approximately
	case f.num.IsRange:
		f.qualifier = claimex.Range
	case f.num.Plus:
		f.qualifier = claimex.AtLeast
	default:
		f.qualifier = claimex.Exact
	}
	if f.zero || f.vague != "" || f.num.IsRange {
		return
	}
	if q, start := x.lex.before.before(s.words, f.first); start >= 0 {
		f.qualifier, f.qFirst = claimex.Qualifier(q), start
	}
	if q, n := x.lex.after.at(s.words, f.last+1); n > 0 {
		f.qualifier, f.postLast = claimex.Qualifier(q), f.last+n
	}
}

// notACount reports whether the number at token i, spanning n.Words
// words, is a date, year, age, duration, measure, amount of money,
// percentage, label, score, phone number or part of a name.
func (x *Extractor) notACount(s *sentence, i int, n Number) bool {
	lx := x.lex
	w, end := s.words[i], i+n.Words
	if strings.ContainsAny(w, "%$€£¥₽₸") {
		return true
	}
	if !n.IsRange && n.Value != math.Trunc(n.Value) {
		return true // people come whole: "1.5" is a measure or a version
	}
	// Words after: units, money, arithmetic.
	if lx.units.has(s.words, end) || lx.currencies.has(s.words, end) || lx.operators.has(s.words, end) {
		return true
	}
	// Words before: money, labels, arithmetic.
	if _, st := lx.currencies.before(s.words, i); st >= 0 {
		return true
	}
	if _, st := lx.labels.before(s.words, i); st >= 0 {
		return true
	}
	if _, st := lx.operators.before(s.words, i); st >= 0 {
		return true
	}
	// Dates: "January 2", "2 January".
	if n.Value <= 31 && !n.IsRange && (x.isMonth(s, i-1) || x.isMonth(s, end)) {
		return true
	}
	// Years and spans of years: "in 2019", "from 1991 to 2019", "between
	// 2010 and 2015". A year-like number is a count only when something
	// counted follows and no preposition comes before ("1500 people").
	if yearLike(s.words[i:end], n) {
		_, qualified := x.lex.before.before(s.words, i)
		if qualified < 0 && (n.IsRange || !x.countedAfter(s, end) || x.lex.prepositions.has(s.words, i-1) ||
			x.lex.determiners.has(s.words, i-1)) {
			return true // "in 2019", "the 2019 protests"; but "some 1500 people"
		}
	}
	// Scores: "a 3-2 win", "beat them 3-2".
	if n.IsRange {
		if lx.scores.has(s.words, end) {
			return true
		}
		if _, st := lx.scoreVerbs.before(s.words, i); st >= 0 {
			return true
		}
		// Phone numbers: "555-1234".
		if lo, hi, ok := strings.Cut(w, "-"); ok && len(lo) == 3 && len(hi) == 4 && !strings.Contains(w, ",") {
			return true
		}
	}
	// Addresses: "10 Downing Street".
	for k := end; k < end+3 && s.capitalized(k); k++ {
		if x.lex.streets.has(s.words, k+1) {
			return true
		}
	}
	// Runs of digit groups: phone numbers, codes ("020 7946 0958").
	if isDigitWord(s.word(end)) || isDigitWord(s.word(i-1)) {
		return true
	}
	// A number inside a name: "Khabar 24", "Article 5 of", "Channel 4
	// reported". A capitalised word before it, and nothing counted after.
	// Headlines In Title Case capitalise every word, so the test is left
	// to sentences.
	if i > 0 && !s.titleCase && s.capitalized(i-1) && !isQuote(s.word(i-1)) && !x.isTriggerish(s, i-1) && !x.countedAfter(s, end) {
		return true
	}
	// A number word capitalised inside a sentence is part of a name: "our
	// One Home Depot investments".
	if i > 0 && !s.titleCase && s.capitalized(i) && !isDigit(w[0]) && !isQuote(s.word(i-1)) && !isBreak(s.word(i-1)) {
		return true
	}
	// An age after a name: "Nursultan Nazarbayev, 81, ...".
	if s.word(i-1) == "," && s.word(end) == "," && s.capitalized(i-2) && (s.entAt[max(i-2, 0)] >= 0 || s.tag(i-2) == "NNP") {
		return true
	}
	// "one" as a pronoun: "one of the", "one another".
	if w == "one" && (s.word(end) == "of" || s.word(end) == "another" || s.word(end) == "by") {
		return true
	}
	return false
}

// isMonth reports whether token i names a month. "May" and "March" count
// only capitalised, so that "12 may have died" stays a count.
func (x *Extractor) isMonth(s *sentence, i int) bool {
	if !x.lex.months.has(s.words, i) {
		return false
	}
	w := s.word(i)
	if w == "may" || w == "march" {
		return s.capitalized(i)
	}
	return true
}

// countedAfter reports whether what follows token end makes the figure
// before it a count: a noun, a trigger or a link to a predicate.
func (x *Extractor) countedAfter(s *sentence, end int) bool {
	w := s.word(end)
	if w == "" || isBreak(w) || w == "," {
		return false
	}
	if x.isTriggerish(s, end) || x.lex.links.has(s.words, end) || w == "of" {
		return true
	}
	return isNounTag(s.tag(end)) && (!s.capitalized(end) || s.titleCase) || isAdjTag(s.tag(end)) && isNounTag(s.tag(end+1))
}

// isTriggerish reports whether token i is a trigger or a qualifier: words
// that make a capitalised headline word not part of a name.
func (x *Extractor) isTriggerish(s *sentence, i int) bool {
	lx := x.lex
	if c, _ := lx.trigger(s.words, i); c != "" {
		return true
	}
	if _, st := lx.predicates.before(s.words, i+1); st >= 0 {
		return true
	}
	if _, st := lx.before.before(s.words, i+1); st >= 0 {
		return true
	}
	_, st := lx.attrVerbs.before(s.words, i+1)
	return st >= 0 || lx.partitives.has(s.words, i)
}

// yearLike reports whether a figure could be a year or a span of years:
// whole numbers from 1000 to 2100 written without a thousands separator.
func yearLike(words []string, n Number) bool {
	for _, w := range words {
		if strings.Contains(w, ",") {
			return false
		}
	}
	year := func(v float64) bool { return v >= 1000 && v <= 2100 && v == math.Trunc(v) }
	if n.IsRange {
		return year(n.Value) && year(n.Max)
	}
	return year(n.Value) && len(words) == 1 && isDigitWord(words[0])
}

func isDigitWord(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			return false
		}
	}
	return true
}
