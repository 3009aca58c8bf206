package extract

import (
	"math"
	"strconv"
	"strings"
)

// digitNumber reads "4,500", "1.2", "2m", "3k", "1.5bn", "20-30",
// "5k-20k", "~20", "1,000-plus", "40 000", "61, 000", optionally
// followed by number words that scale it ("1.2 million", "3 hundred", "2
// dozens", "10 bln").
func digitNumber(words []string) (Number, bool) {
	w := words[0]
	var n Number
	if base, ok := strings.CutSuffix(w, "-plus"); ok {
		w = base
		n.Plus = true
	}
	if rest, ok := strings.CutPrefix(w, "~"); ok {
		w = rest
		n.Approx = true
	}
	if k := strings.IndexAny(w, "-~"); k >= 0 {
		if n.Plus {
			return Number{}, false
		}
		return digitRange(words, w[:k], w[k+1:], n.Approx)
	}
	d, ok := digitWord(w)
	if !ok {
		return Number{}, false
	}
	n.Value, n.Words = d.value, 1
	if d.scale > 1 {
		n.base, n.scale, n.letter = d.value/d.scale, d.scale, d.letter
		return n, finite(n.Value)
	}
	if n.Plus {
		return n, finite(n.Value)
	}
	// Thousands grouped by spaces ("40 000"; also no-break spaces, which
	// the tokenizer splits on too) or split after the comma ("61, 000",
	// but not "in 2019, 2020" or "1, 2, 3").
	if d.group {
		for {
			if n.Words < len(words) && isThreeDigits(words[n.Words]) {
				n.Value = n.Value*1000 + atof(words[n.Words])
				n.Words++
				n.spaced = true
				continue
			}
			if n.Words+1 < len(words) && words[n.Words] == "," && isThreeDigits(words[n.Words+1]) && words[n.Words+1][0] == '0' {
				n.Value = n.Value*1000 + atof(words[n.Words+1])
				n.Words += 2
				continue
			}
			break
		}
	}
	if n.Words == 1 {
		// "1.2 million", "3 hundred", "2 dozens", "10 bln".
		if m, ok := readNumber(words, n.Value, true, false); ok && m.Words > 1 {
			m.Approx = n.Approx
			return m, finite(m.Value)
		}
	}
	return n, finite(n.Value)
}

// digitRange reads a range written as one word: "20-30", "5k-20k",
// "20~100", and "1-2 million".
func digitRange(words []string, lo, hi string, approx bool) (Number, bool) {
	a, okA := digitWord(lo)
	b, okB := digitWord(hi)
	if !okA || !okB {
		return Number{}, false
	}
	l := Number{Value: a.value, Approx: approx}
	h := Number{Value: b.value}
	if a.scale > 1 {
		l.base, l.scale = a.value/a.scale, a.scale
	}
	if b.scale > 1 {
		h.base, h.scale = b.value/b.scale, b.scale
	}
	n := Number{Words: 1}
	// "1-2 million": the scale word scales both bounds.
	if len(words) > 1 && a.scale == 1 && b.scale == 1 {
		if s, ok := scaleWords[words[1]]; ok {
			l.Value, h.Value, n.Words = a.value*s, b.value*s, 2
		}
	}
	r, ok := joinRange(l, h)
	if !ok || !finite(r.Max) {
		return Number{}, false
	}
	r.Words = n.Words
	return r, true
}

// digitValue is what one word of digits says.
type digitValue struct {
	value, scale float64
	// group is set for one to three plain digits, which thousands grouped
	// by spaces may follow ("40 000").
	group bool
	// letter is set for a one-letter suffix ("3k").
	letter bool
}

// digitWord reads "4,500", "1.2", "0033", "3k", "1.2bn", "2mil".
func digitWord(w string) (digitValue, bool) {
	scale, letter := 1.0, false
	for _, s := range digitSuffixes {
		if base, ok := strings.CutSuffix(w, s.suffix); ok && base != "" && isDigit(base[len(base)-1]) {
			w, scale, letter = base, s.scale, s.suffix == "k" || s.suffix == "b"
			break
		}
	}
	v, ok := digits(w)
	if !ok {
		return digitValue{}, false
	}
	return digitValue{value: v * scale, scale: scale, letter: letter, group: scale == 1 && len(w) <= 3 && isDigitWord(w)}, true
}

func isThreeDigits(w string) bool { return len(w) == 3 && isDigitWord(w) }

func atof(w string) float64 {
	v, _ := strconv.ParseFloat(w, 64)
	return v
}

func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

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

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
