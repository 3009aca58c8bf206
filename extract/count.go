package extract

import (
	"strings"

	"github.com/claimex/claimex"
)

// Windows, in words, in which a figure looks for its trigger.
const (
	lookAhead  = 7
	lookBehind = 5
)

// counts finds the count claims of one sentence: every figure with a
// category trigger in its clause.
func (x *Extractor) counts(s *sentence) []claimex.Claim {
	var out []claimex.Claim
	for i := 0; i < len(s.words); i++ {
		f, ok := x.figureAt(s, i)
		if !ok {
			continue
		}
		if c, ok := x.countClaim(s, f); ok {
			out = append(out, c)
		}
		i = f.last
	}
	return out
}

// figure is a number or vague amount found in a sentence.
type figure struct {
	first, last int // token indexes
	num         Number
	vague       string
}

func (x *Extractor) figureAt(s *sentence, i int) (figure, bool) {
	if p, ok := x.lex.vagueAt(s.words, i); ok {
		return figure{first: i, last: i + len(p.Words) - 1, vague: p.String()}, true
	}
	n, ok := ParseNumber(s.words[i:])
	if !ok || notACount(s, i, n) {
		return figure{}, false
	}
	return figure{first: i, last: i + n.Words - 1, num: n}, true
}

// notACount rules out figures that are dates, years, ages, durations,
// money, percentages or parts of names.
func notACount(s *sentence, i int, n Number) bool {
	w := s.words[i]
	next := func(k int) string {
		if i+n.Words+k < len(s.words) {
			return s.words[i+n.Words+k]
		}
		return ""
	}
	prev := ""
	if i > 0 {
		prev = s.words[i-1]
	}
	switch {
	case strings.HasSuffix(w, "%"), next(0) == "%", next(0) == "percent", next(0) == "per" && next(1) == "cent":
		return true
	case strings.ContainsAny(w, "$€£¥"), prev == "$" || prev == "€" || prev == "£" || prev == "¥" || currencyWords[prev],
		currencyWords[next(0)]:
		return true
	case timeUnits[next(0)], strings.Contains(w, "-year"), strings.Contains(w, "-month"), strings.Contains(w, "-day"),
		strings.Contains(w, "-hour"), strings.Contains(w, "-week"):
		return true
	case months[prev] || months[next(0)]:
		return true
	case !n.IsRange && n.Words == 1 && len(w) == 4 && n.Value >= 1800 && n.Value <= 2100 && !isNoun(tagAt(s, i+1)):
		return true // a year
	case w == "one" && (next(0) == "of" || next(0) == "another"):
		return true
	}
	return false
}

func tagAt(s *sentence, i int) string {
	if i < len(s.toks) {
		return s.toks[i].Tag
	}
	return ""
}

func isNoun(tag string) bool {
	return strings.HasPrefix(tag, "NN")
}

// countClaim builds the claim of figure f if a trigger in its clause gives
// it a category.
func (x *Extractor) countClaim(s *sentence, f figure) (claimex.Claim, bool) {
	cat, tFirst, tLast := x.findTrigger(s, f)
	if cat == "" {
		return claimex.Claim{}, false
	}
	c := claimex.Claim{Kind: claimex.KindCount, Category: cat, Qualifier: claimex.Exact}
	first, last := f.first, f.last
	switch {
	case f.vague != "":
		c.Vague = f.vague
	case f.num.IsRange:
		c.Value, c.ValueMax = claimex.Float(f.num.Value), claimex.Float(f.num.Max)
		c.Qualifier = claimex.Range
	default:
		c.Value = claimex.Float(f.num.Value)
		if f.num.Plus {
			c.Qualifier = claimex.AtLeast
		}
	}
	if q, start := x.lex.qualifierBefore(s.words, f.first); q != "" && c.Vague == "" {
		c.Qualifier = q
		first = start
	}
	subjFirst, subjLast := x.subject(s, f.last+1)
	if subjLast >= subjFirst {
		c.Subject = joinTokens(s, subjFirst, subjLast)
		last = max(last, subjLast)
	}
	first, last = min(first, tFirst), max(last, tLast)
	c.Start, c.End = s.span(first, last)
	c.Text = s.text[c.Start-s.start : c.End-s.start]
	c.Sentence = s.text
	c.SentenceStart, c.SentenceEnd = s.start, s.start+len(s.text)
	if tFirst > f.last {
		c.Rule = "count/trigger-after"
	} else {
		c.Rule = "count/trigger-before"
	}
	return c, true
}

// findTrigger looks for the nearest category trigger after the figure
// (within lookAhead words) or before it (within lookBehind), without
// crossing clause punctuation or another figure.
func (x *Extractor) findTrigger(s *sentence, f figure) (claimex.Category, int, int) {
	for d := 1; d <= lookAhead; d++ {
		i := f.last + d
		if i >= len(s.words) || isClauseBreak(s.words[i]) {
			break
		}
		if cat, n := x.lex.triggerAt(s.words, i); cat != "" {
			return cat, i, i + n - 1
		}
		if _, ok := ParseNumber(s.words[i:]); ok && s.words[i] != "one" {
			break
		}
	}
	for d := 1; d <= lookBehind; d++ {
		i := f.first - d
		if i < 0 || isClauseBreak(s.words[i]) || s.words[i] == "," {
			break
		}
		if cat, n := x.lex.triggerAt(s.words, i); cat != "" && i+n <= f.first {
			return cat, i, i + n - 1
		}
	}
	return "", 0, 0
}

func isClauseBreak(w string) bool {
	switch w {
	case ".", ";", ":", "!", "?", "(", ")", "-", "--", "\"":
		return true
	}
	return false
}

// subject returns the token range of the counted noun phrase starting at
// i ("people", "police and army officers"), or an empty range.
func (x *Extractor) subject(s *sentence, i int) (int, int) {
	first, last := i, i-1
	for j := i; j < len(s.toks) && j < i+6; j++ {
		tag := s.toks[j].Tag
		if cat, _ := x.lex.triggerAt(s.words, j); cat != "" && j > first {
			break
		}
		switch {
		case isNoun(tag) || tag == "JJ" || tag == "VBN" && j == i:
			if tag != "JJ" && tag != "VBN" {
				last = j
			}
		case s.words[j] == "and" && last == j-1:
		default:
			return first, last
		}
	}
	return first, last
}

func joinTokens(s *sentence, i, j int) string {
	a, b := s.span(i, j)
	return s.text[a-s.start : b-s.start]
}

var currencyWords = map[string]bool{
	"dollars": true, "dollar": true, "euros": true, "euro": true, "pounds": true, "yuan": true,
	"rubles": true, "roubles": true, "tenge": true, "usd": true, "eur": true, "gbp": true, "yen": true,
	"rupees": true, "francs": true, "us$": true,
}

var timeUnits = map[string]bool{
	"year": true, "years": true, "month": true, "months": true, "week": true, "weeks": true,
	"day": true, "days": true, "hour": true, "hours": true, "minute": true, "minutes": true,
	"second": true, "seconds": true, "decade": true, "decades": true, "century": true, "centuries": true,
	"km": true, "kilometres": true, "kilometers": true, "miles": true, "metres": true, "meters": true,
	"a.m.": true, "p.m.": true, "am": true, "pm": true,
}

var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"jan.": true, "feb.": true, "mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true,
	"sep.": true, "sept.": true, "oct.": true, "nov.": true, "dec.": true,
}
