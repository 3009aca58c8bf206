package extract

import (
	"math"
	"strings"
)

// notACount reports whether the number at token i, spanning n.Words
// words, is a date, year, age, duration, measure, amount of money,
// percentage, label, score, phone number, model number or part of a
// name.
func (x *Extractor) notACount(s *sentence, i int, n Number) bool {
	lx := x.lex
	w, end := s.words[i], i+n.Words
	if strings.ContainsAny(w, "%$€£¥₽₸") {
		return true
	}
	if !n.IsRange && n.Value != math.Trunc(n.Value) {
		return true // people come whole: "1.5" is a measure or a version
	}
	// "3k people", "rose to 10k"; but "4K streaming", "a 10k race".
	if n.letter && !x.peopleAfter(s, end, anyPredicate) && !x.countEvidenceBefore(s, i) {
		return true
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
	// Dates: "January 2", "2 January", "between 21 and 23 February",
	// "21-23 February", "from 3 to 5 March".
	if day := n.Value <= 31 && (!n.IsRange || n.Max <= 31); day && (x.isMonth(s, i-1) || x.isMonth(s, end)) {
		return true
	}
	// Years and spans of years: "in 2019", "from 1991 to 2019", "the 2001
	// attacks", "1998-99" (which reads as no number).
	if yearLike(s.words[i:end], n) && !x.yearCounts(s, i, end, n) {
		return true
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
	if isDigitWord(s.word(end)) || isDigitWord(s.word(i-1)) && isDigitWord(w) {
		return true
	}
	// A number modifying a noun for no people: a kind, a model or a year,
	// not how many ("a 911 call", "the 737 crash").
	if _, st := lx.attributive.before(s.words, i); st >= 0 && x.modifiesThing(s, end, s.word(st) == "a" || s.word(st) == "an") {
		return true
	}
	// After a word of quantity, a figure in digits is a kind: "several
	// 911 calls", "two 747 jets" (but "several 100s" reads as no number).
	if _, st := lx.quantifiers.before(s.words, i); st >= 0 && isDigit(w[0]) && x.modifiesThing(s, end, true) {
		return true
	}
	// "a couple of factors": "a couple" and "a pair" count people only
	// when no noun for something else follows.
	if n.pair && x.countsOther(s, end) {
		return true
	}
	// A number inside a name: "Khabar 24", "Article 5 of", "Channel 4
	// reported", "Boeing 737 jets". A capitalised word before it (not a
	// sentence's opening word), and nothing counted after: for digits, no
	// people; for words, no noun. Headlines In Title Case capitalise every
	// word, so the test is left to sentences.
	if i > 0 && !s.titleCase && s.capitalized(i-1) && !isQuote(s.word(i-1)) && !x.isTriggerish(s, i-1) &&
		!(i == 1 && lx.openers.has(s.words, 0)) && !lx.additives.has(s.words, i-1) && !lx.timeWords.has(s.words, i-1) &&
		!x.isMonth(s, i-1) {
		if isDigit(w[0]) && !x.peopleAfter(s, end, directOnly) || !isDigit(w[0]) && !x.countedAfter(s, end) {
			return true
		}
	}
	// A number word capitalised inside a sentence, beside another
	// capitalised word, is part of a name: "our One Home Depot
	// investments", "Formula One"; not "said that Two dozen people".
	if i > 0 && !s.titleCase && s.capitalized(i) && !isDigit(w[0]) && !isQuote(s.word(i-1)) && !isBreak(s.word(i-1)) &&
		(s.capitalized(end) || i > 1 && s.capitalized(i-1)) {
		return true
	}
	// A scale word alone after a quantifier is no number: "several
	// hundred", "many thousand" (the rules' vague amounts hold the usual
	// ones).
	if n.bare && isAdjTag(s.tag(i-1)) {
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

// yearCounts reports whether a number that could be a year (1000 to
// 2100, tokens i to end) is a count: context decides, not the value. It
// is when a qualifier comes before ("some 1500 people"), when people, a
// trigger or a predicate follow ("1998 people", "the 1500 civilians",
// "that 1500 were killed"; but "In 2015 protesters marched" opens with a
// time), or when a count's evidence comes before ("the death toll rose
// to 1500", "killed 1500"). Else it is a year: "in 1998", "the 2019
// protests", "from 1991 to 2019", "2001 attacks".
func (x *Extractor) yearCounts(s *sentence, i, end int, n Number) bool {
	lx := x.lex
	if _, st := lx.before.before(s.words, i); st >= 0 {
		return true
	}
	opens := lx.prepositions.has(s.words, i-1) || lx.determiners.has(s.words, i-1)
	after := anyPredicate
	if opens {
		after = predicates{linked: true} // "the 2019 protest" is no count
	}
	if x.peopleAfter(s, end, after) {
		fronted := lx.prepositions.has(s.words, i-1) && (i == 1 || s.word(i-2) == ",")
		return !fronted
	}
	if n.IsRange {
		return false
	}
	return x.countEvidenceBefore(s, i)
}

// countEvidenceBefore reports whether what stands before token i makes
// the number there a count: a predicate ("killed 1500"), a trigger noun
// ("death toll 1500"), or a connector after one ("the death toll rose to
// 1500", "a total of 2000").
func (x *Extractor) countEvidenceBefore(s *sentence, i int) bool {
	lx := x.lex
	if _, st := lx.additives.before(s.words, i); st >= 0 {
		i = st
	}
	if _, st := lx.predicates.before(s.words, i); st >= 0 {
		return true
	}
	if _, st := lx.nouns.before(s.words, i); st >= 0 {
		return true
	}
	_, c0 := lx.connectors.before(s.words, i)
	for k := c0; k > 0 && k >= c0-maxConnectorGap/2; k-- {
		if _, st := lx.nouns.before(s.words, k); st >= 0 {
			return true
		}
		if _, st := lx.countNouns.before(s.words, k); st >= 0 {
			return true
		}
		if w := s.word(k - 1); isBreak(w) || w == "," {
			return false
		}
	}
	return false
}

// peopleAfter reports whether the words from token end say that a figure
// before them counts people: a noun for people or a trigger's noun, past
// adjectives ("1500 Syrian refugees"); with after.direct, a predicate
// right after ("1500 dead"); with after.linked, a predicate past links
// ("1500 were killed").
func (x *Extractor) peopleAfter(s *sentence, end int, after predicates) bool {
	lx := x.lex
	k := end
	for n := 0; n < 2 && isAdjTag(s.tag(k)) && !x.isPeople(s, k) && !lx.predicates.has(s.words, k); n++ {
		k++
	}
	if x.isPeople(s, k) {
		// "the 2015-2016 women's range": whose, not how many.
		return s.word(k+1) != "'s" && s.word(k+1) != "'"
	}
	if after.direct && lx.predicates.has(s.words, end) && !isNounTag(s.tag(end)) {
		return true
	}
	if !after.linked {
		return false
	}
	j := end
	for j < len(s.words) {
		_, n := lx.links.at(s.words, j)
		if n == 0 {
			break
		}
		j += n
	}
	return j > end && lx.predicates.has(s.words, j)
}

// predicates says which predicates after a figure peopleAfter takes for
// people.
type predicates struct{ direct, linked bool }

var (
	directOnly   = predicates{direct: true}
	anyPredicate = predicates{direct: true, linked: true}
)

// isPeople reports whether token k is a noun for people or a trigger's
// noun ("civilians", "deaths").
func (x *Extractor) isPeople(s *sentence, k int) bool {
	if x.lex.people.has(s.words, k) {
		return true
	}
	c, _ := x.lex.nouns.at(s.words, k)
	return c != ""
}

// modifiesThing reports whether token end, after a figure, is a
// lower-case noun for no people that the figure modifies: "a 911 call"
// (after "a", any such noun), "the 737 crash" (after "the", a singular
// one: "the 12 cities" is a count). A capitalised noun may be a people's
// name ("the 12 Americans").
func (x *Extractor) modifiesThing(s *sentence, end int, article bool) bool {
	if !isNounTag(s.tag(end)) || s.capitalized(end) || x.lex.timeWords.has(s.words, end) {
		return false
	}
	// The head of a compound is its last noun: "the 192 opposition
	// lawmakers" counts lawmakers.
	head := end
	for head-end < 3 && isNounTag(s.tag(head+1)) && !s.capitalized(head+1) {
		head++
	}
	if !article && s.tag(head) != "NN" {
		return false
	}
	for k := end; k <= head; k++ {
		if x.peopleAfter(s, k, directOnly) {
			return false
		}
	}
	return true
}

// countsOther reports whether the words from token end, past "of" and
// adjectives, name something other than people ("of social factors").
func (x *Extractor) countsOther(s *sentence, end int) bool {
	k := end
	if s.word(k) == "of" {
		k++
	}
	for n := 0; n < 2 && isAdjTag(s.tag(k)) && !x.isPeople(s, k); n++ {
		k++
	}
	return isNounTag(s.tag(k)) && !x.isPeople(s, k)
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
