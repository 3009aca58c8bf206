package extract

import (
	"math"
	"strconv"
	"strings"
)

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
}

var unitWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tensWords = map[string]float64{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90,
}

var scaleWords = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"mn": 1e6, "bn": 1e9, "m": 1e6, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}

// ParseNumber reads a figure at the start of words (folded: lower case,
// plain dashes). It knows digits with thousands separators ("4,500"),
// decimals with scale words ("1.2 million", "2m", "50 lakh"), number words ("three",
// "twenty-six", "a hundred", "two thousand", "a dozen"), ranges ("between
// 20 and 30", "20-30", "20 to 30", "two or three") and "1,000-plus".
func ParseNumber(words []string) (Number, bool) {
	if len(words) == 0 {
		return Number{}, false
	}
	if words[0] == "between" {
		lo, ok := cardinal(words[1:])
		if !ok || 1+lo.Words >= len(words) || words[1+lo.Words] != "and" {
			return Number{}, false
		}
		hi, ok := cardinal(words[2+lo.Words:])
		if !ok || hi.Value <= lo.Value {
			return Number{}, false
		}
		return Number{Value: lo.Value, Max: hi.Value, IsRange: true, Words: 2 + lo.Words + hi.Words}, true
	}
	n, ok := cardinal(words)
	if !ok {
		return Number{}, false
	}
	rest := words[n.Words:]
	if len(rest) >= 2 && (rest[0] == "to" || rest[0] == "-" || rest[0] == "or") {
		if hi, ok := cardinal(rest[1:]); ok && hi.Value > n.Value && !hi.IsRange {
			return Number{Value: n.Value, Max: hi.Value, IsRange: true, Words: n.Words + 1 + hi.Words}, true
		}
	}
	if len(rest) >= 2 && rest[0] == "or" && (rest[1] == "more" || rest[1] == "over") {
		n.Plus = true
		n.Words += 2
	}
	return n, true
}

// cardinal reads one number, or a dash range written as one word.
func cardinal(words []string) (Number, bool) {
	if len(words) == 0 {
		return Number{}, false
	}
	w := words[0]
	if w != "" && isDigit(w[0]) {
		return digitNumber(words)
	}
	return wordNumber(words)
}

// digitNumber reads "4,500", "1.2", "2m", "1.5bn", "20-30", "1,000-plus",
// optionally followed by a scale word ("1.2 million").
func digitNumber(words []string) (Number, bool) {
	w := words[0]
	var n Number
	if base, ok := strings.CutSuffix(w, "-plus"); ok {
		w = base
		n.Plus = true
	}
	if lo, hi, ok := strings.Cut(w, "-"); ok && !n.Plus {
		a, okA := digits(lo)
		b, okB := digits(hi)
		if !okA || !okB || b <= a {
			return Number{}, false
		}
		return Number{Value: a, Max: b, IsRange: true, Words: 1}, true
	}
	scale := 1.0
	for _, suffix := range []string{"bn", "mn", "m"} {
		if base, ok := strings.CutSuffix(w, suffix); ok && base != "" && isDigit(base[len(base)-1]) {
			w = base
			scale = scaleWords[suffix]
			break
		}
	}
	v, ok := digits(w)
	if !ok {
		return Number{}, false
	}
	n.Value = v * scale
	n.Words = 1
	if scale == 1 && len(words) > 1 && !n.Plus {
		if s, ok := scaleWords[words[1]]; ok && s >= 1e3 && len(words[1]) > 2 {
			n.Value = v * s
			n.Words = 2
		}
	}
	if math.IsInf(n.Value, 0) || math.IsNaN(n.Value) {
		return Number{}, false
	}
	return n, true
}

// digits parses "4,500", "4500", "1.2"; separators must group by three.
func digits(s string) (float64, bool) {
	if s == "" || len(s) > 24 || !isDigit(s[0]) {
		return 0, false
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if hasFrac && (frac == "" || strings.ContainsAny(frac, ",.")) {
		return 0, false
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		if len(groups[0]) == 0 || len(groups[0]) > 3 {
			return 0, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, false
			}
		}
		intPart = strings.Join(groups, "")
	}
	for i := 0; i < len(intPart); i++ {
		if !isDigit(intPart[i]) {
			return 0, false
		}
	}
	for i := 0; i < len(frac); i++ {
		if !isDigit(frac[i]) {
			return 0, false
		}
	}
	num := intPart
	if hasFrac {
		num += "." + frac
	}
	v, err := strconv.ParseFloat(num, 64)
	return v, err == nil
}

// wordNumber reads spelled-out numbers: "three", "twenty-six", "a
// hundred", "two thousand five hundred", "three hundred and fifty", "a
// dozen", "half a million".
func wordNumber(words []string) (Number, bool) {
	var total, current float64
	i := 0
	seen := false
	for i < len(words) {
		w := words[i]
		switch {
		case (w == "a" || w == "an") && i+1 < len(words) && (words[i+1] == "hundred" || words[i+1] == "thousand" ||
			words[i+1] == "million" || words[i+1] == "billion" || words[i+1] == "dozen") && !seen:
			current = 1
			seen = true
		case w == "half" && i+2 < len(words) && words[i+1] == "a" && scaleWords[words[i+2]] >= 1e3 && !seen:
			total = scaleWords[words[i+2]] / 2
			i += 3
			return Number{Value: total, Words: i}, true
		case w == "dozen" && seen:
			current *= 12
		case w == "hundred" && seen:
			current *= 100
		case (w == "thousand" || w == "million" || w == "billion" || w == "trillion") && seen:
			total += current * scaleWords[w]
			current = 0
		case w == "and" && seen && i+1 < len(words) && isNumberWord(words[i+1]) && current >= 100:
			// "three hundred and fifty"
		default:
			v, ok := numberWordValue(w)
			if !ok || (seen && current != 0 && math.Mod(current, 100) != 0) {
				if !seen {
					return Number{}, false
				}
				return Number{Value: total + current, Words: i}, true
			}
			current += v
			seen = true
		}
		i++
	}
	if !seen {
		return Number{}, false
	}
	return Number{Value: total + current, Words: i}, true
}

// numberWordValue reads "three", "twenty", "twenty-six".
func numberWordValue(w string) (float64, bool) {
	if v, ok := unitWords[w]; ok {
		return v, true
	}
	if v, ok := tensWords[w]; ok {
		return v, true
	}
	if tens, unit, ok := strings.Cut(w, "-"); ok {
		t, okT := tensWords[tens]
		u, okU := unitWords[unit]
		if okT && okU && u > 0 && u < 10 {
			return t + u, true
		}
	}
	return 0, false
}

func isNumberWord(w string) bool {
	_, ok := numberWordValue(w)
	return ok
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
