package extract

import (
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
		x.joinBounds(s, f)
		out = append(out, f)
		i = f.postLast
	}
	return out
}

// joinBounds makes one range of two bounds joined by "and" or "but":
// "more than 10 and less than 40" is the range 10 to 40. The range keeps
// the bounds' numbers and drops whether each was strict: "at least 10
// and at most 40" is the same range.
func (x *Extractor) joinBounds(s *sentence, f *figure) {
	if f.zero || f.vague != "" || f.num.IsRange || f.qualifier == claimex.Exact {
		return
	}
	j := f.postLast + 1
	if w := s.word(j); w != "and" && w != "but" {
		return
	}
	q, n := x.lex.before.at(s.words, j+1)
	if n == 0 {
		return
	}
	g := x.figureAt(s, j+1+n)
	if g == nil || g.zero || g.vague != "" || g.num.IsRange || g.num.Plus || g.ratio {
		return
	}
	lo, hi := f.num.Value, g.num.Value
	switch {
	case lowerBound(f.qualifier) && upperBound(claimex.Qualifier(q)) && hi > lo:
	case upperBound(f.qualifier) && lowerBound(claimex.Qualifier(q)) && lo > hi:
		lo, hi = hi, lo
	default:
		return
	}
	f.num = Number{Value: lo, Max: hi, IsRange: true, Words: g.last - f.first + 1}
	f.qualifier, f.last, f.postLast = claimex.Range, g.last, g.last
}

func lowerBound(q claimex.Qualifier) bool { return q == claimex.MoreThan || q == claimex.AtLeast }

func upperBound(q claimex.Qualifier) bool {
	return q == claimex.LessThan || q == claimex.AtMost || q == claimex.UpTo
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
	if s.word(i) == "from" {
		if _, st := lx.changes.before(s.words, i); st >= 0 {
			if f := x.changedTo(s, i); f != nil {
				return f
			}
		}
	}
	n, ok := ParseNumber(s.words[i:])
	if ok && n.spaced && !x.spacedThousands(s, i, n) {
		n, ok = ParseNumber(s.words[i : i+1])
	}
	if !ok || x.notACount(s, i, n) {
		return nil
	}
	f := &figure{first: i, last: i + n.Words - 1, num: n}
	// "a couple of people", "a dozen of them": "of" belongs to the
	// figure, unless a determiner follows ("a dozen of the injured").
	if k := f.last; s.word(k+1) == "of" && (s.word(k) == "couple" || s.word(k) == "pair" || s.word(k) == "dozen") &&
		!lx.determiners.has(s.words, k+2) && !lx.partitives.has(s.words, k+1) {
		f.last++
	}
	// "10 out of 17": a ratio, whose second number is not a figure.
	if s.word(f.last+1) == "out" && s.word(f.last+2) == "of" {
		if m, ok := ParseNumber(s.words[f.last+3:]); ok {
			f.ratio = true
			f.last += 2 + m.Words
		}
	}
	return f
}

// spacedThousands reports whether the digit groups of n at token i
// group thousands ("40 000", "158\u202f000"): a no-break space between them
// says so; a plain space does unless a capitalised word follows, as after
// a count and a model number ("400 737 Max jets").
func (x *Extractor) spacedThousands(s *sentence, i int, n Number) bool {
	end := i + n.Words
	for k := i + 1; k < end; k++ {
		gap := s.text[s.toks[k-1].End()-s.start : s.toks[k].Start-s.start]
		if gap != " " {
			return strings.Trim(gap, "\u00a0\u202f\u2009") == ""
		}
	}
	return !s.capitalized(end)
}

// changedTo reads "from 200 to 300" after a verb of change ("the toll
// rose from 200 to 300", "fell from 300 to 200") at token i: a figure of
// the second number, spanning both.
func (x *Extractor) changedTo(s *sentence, i int) *figure {
	from, ok := cardinal(s.words[i+1:], false)
	k := i + 1 + from.Words
	if !ok || from.IsRange || s.word(k) != "to" {
		return nil
	}
	to, ok := cardinal(s.words[k+1:], false)
	if !ok || to.IsRange || x.notACount(s, k+1, to) {
		return nil
	}
	to.Words += k + 1 - i
	return &figure{first: i, last: i + to.Words - 1, num: to}
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
	case f.num.Approx:
		f.qualifier = claimex.Approximately
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
