package extract

import "math"

// Number is a figure read from words: a value, a range, or a vague amount
// (set by the caller from the rules' vague list).
type Number struct {
	Value float64
	// Max is the upper bound of a range; zero otherwise.
	Max     float64
	IsRange bool
	// Words is how many words the figure spans.
	Words int
	// Plus is set for "1,000-plus" and "1,000 or more".
	Plus bool
	// Approx is set for "~20".
	Approx bool
	// From is set for a range opened by "from" ("from 200 to 300"), which
	// after a verb of change ("rose from 200 to 300") is no range.
	From bool

	// base and scale are set when the figure is a count of a scale word
	// ("30 million", "5k": base 30, scale 1e6), so that the lower bound of
	// a range can take its upper bound's scale ("20 to 30 million").
	base, scale float64
	// bare is set for a scale word read alone ("hundred people"), which
	// after "several" or "a few" is no number.
	bare bool
	// spaced is set for thousands grouped by spaces ("40 000"), which a
	// model number may fake ("400 737 Max jets"); letter for a one-letter
	// suffix ("3k", "1.2b"), which may name a resolution ("4K").
	spaced, letter bool
	// pair is set for "a couple" and "a pair", which count things as often
	// as people ("a couple of factors").
	pair bool
}

// ParseNumber reads a figure at the start of words (folded: lower case,
// plain dashes). It knows digits with thousands separators ("4,500"),
// thousands grouped by spaces ("40 000") or split after the comma ("61,
// 000"), decimals with scale words ("1.2 million", "2m", "3k", "10 bln",
// "50 lakh"), number words ("three", "twenty-six", "twenty six", "fifty -
// two", "a hundred", "hundred thousand", "two thousand and nineteen", "a
// dozen", "half a dozen", "3 dozens", "3 hundred", "two point two
// million"), a figure restated in brackets ("twenty (20)"), ranges
// ("between 20 and 30", "from 200 to 300", "20-30", "5k-20k", "20 to 30",
// "20 through 100", "20~100", "two or three"), "~20" and "1,000-plus".
func ParseNumber(words []string) (Number, bool) {
	if len(words) == 0 {
		return Number{}, false
	}
	switch words[0] {
	case "between":
		return boundedRange(words, func(w string) bool { return w == "and" })
	case "from":
		n, ok := boundedRange(words, func(w string) bool { return fromRangeWords[w] })
		n.From = ok
		return n, ok
	}
	n, ok := cardinal(words, false)
	if !ok {
		return Number{}, false
	}
	rest := words[n.Words:]
	if len(rest) >= 2 && rangeWords[rest[0]] && !n.IsRange {
		if hi, ok := cardinal(rest[1:], false); ok && !hi.IsRange {
			if r, ok := joinRange(n, hi); ok {
				r.Words = n.Words + 1 + hi.Words
				return r, true
			}
		}
	}
	if len(rest) >= 2 && rest[0] == "or" && (rest[1] == "more" || rest[1] == "over") {
		n.Plus = true
		n.Words += 2
	}
	return n, true
}

// boundedRange reads "between 20 and 30" or "from 200 to 300": the word
// opening it, a bound, a word sep accepts, a bound. The lower bound is
// first read without "and", so that "between two thousand and three
// thousand" is not "two thousand and three".
func boundedRange(words []string, sep func(string) bool) (Number, bool) {
	for _, noAnd := range []bool{true, false} {
		lo, ok := cardinal(words[1:], noAnd)
		if !ok || lo.IsRange || 1+lo.Words >= len(words) || !sep(words[1+lo.Words]) {
			continue
		}
		hi, ok := cardinal(words[2+lo.Words:], false)
		if !ok || hi.IsRange {
			continue
		}
		if r, ok := joinRange(lo, hi); ok {
			r.Words = 2 + lo.Words + hi.Words
			return r, true
		}
	}
	return Number{}, false
}

// joinRange makes the range lo to hi, giving lo the scale of hi when it
// has none of its own ("20 to 30 million", "5-20k").
func joinRange(lo, hi Number) (Number, bool) {
	if lo.scale == 0 && hi.scale > 0 && lo.Value < hi.base {
		lo.Value *= hi.scale
	}
	if !(hi.Value > lo.Value) || math.IsInf(hi.Value, 0) {
		return Number{}, false
	}
	return Number{Value: lo.Value, Max: hi.Value, IsRange: true, Approx: lo.Approx}, true
}

// cardinal reads one number, or a dash range written as one word, and a
// restatement in brackets after it ("forty-five (45)").
func cardinal(words []string, noAnd bool) (Number, bool) {
	if len(words) == 0 || words[0] == "" {
		return Number{}, false
	}
	var n Number
	var ok bool
	if w := words[0]; isDigit(w[0]) || w[0] == '~' && len(w) > 1 && isDigit(w[1]) {
		n, ok = digitNumber(words)
	} else {
		n, ok = readNumber(words, 0, false, noAnd)
	}
	if !ok {
		return Number{}, false
	}
	// "forty-five (45)", "45 (forty-five)".
	if k := n.Words; k+2 < len(words) && words[k] == "(" && !n.IsRange {
		if m, ok := cardinal(words[k+1:], false); ok && m.Value == n.Value && !m.IsRange &&
			k+1+m.Words < len(words) && words[k+1+m.Words] == ")" {
			n.Words += m.Words + 2
		}
	}
	return n, true
}
