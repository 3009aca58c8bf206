package extract

import "strings"

// The numeral grammar of English: the words of numbers are the language's
// own, not a list a user tunes, so they live here rather than in the rules
// file.
var (
	unitWords = map[string]float64{
		"zero": 0, "nought": 0, "naught": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
		"six": 6, "seven": 7, "eight": 8, "nine": 9,
	}
	teenWords = map[string]float64{
		"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
		"seventeen": 17, "eighteen": 18, "nineteen": 19,
	}
	tensWords = map[string]float64{
		"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
		"eighty": 80, "ninety": 90,
	}
	// groupWords multiply the group of three digits being read ("three
	// hundred", "two dozen").
	groupWords = map[string]float64{"hundred": 100, "hundreds": 100, "dozen": 12, "dozens": 12}
	// scaleWords close a group ("two thousand", "three lakh"); the
	// abbreviations are read after a number only.
	scaleWords = map[string]float64{
		"thousand": 1e3, "thousands": 1e3,
		"million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6,
		"billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9,
		"trillion": 1e12, "trillions": 1e12, "tn": 1e12,
		"quadrillion": 1e15, "quintillion": 1e18, "sextillion": 1e21,
		"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "lkh": 1e5, "lkhs": 1e5,
		"crore": 1e7, "crores": 1e7, "cr": 1e7, "koti": 1e7, "krore": 1e7, "krores": 1e7,
	}
	// bareScales stand for one of themselves with no number before:
	// "hundred people", "thousand".
	bareScales = map[string]bool{"hundred": true, "thousand": true, "million": true, "billion": true}
	// pairWords follow "a": "a couple", "a pair".
	pairWords = map[string]float64{"couple": 2, "pair": 2}
	// digitSuffixes scale digits they are glued to ("3k", "1.2bn"),
	// longest first.
	digitSuffixes = []struct {
		suffix string
		scale  float64
	}{{"bln", 1e9}, {"mln", 1e6}, {"mil", 1e6}, {"bn", 1e9}, {"mn", 1e6}, {"tn", 1e12}, {"k", 1e3}, {"m", 1e6}, {"b", 1e9}}
	// rangeWords join the bounds of a range: "20 to 30", "20-30", "two or
	// three", "20 through 100", "20 ~ 100".
	rangeWords = map[string]bool{"to": true, "-": true, "or": true, "through": true, "thru": true, "~": true}
	// fromRangeWords close a range opened by "from".
	fromRangeWords = map[string]bool{"to": true, "-": true, "through": true, "thru": true, "till": true, "until": true}
)

// wordKind is what the last word of a number read so far was.
type wordKind int

const (
	kNone     wordKind = iota
	kUnit              // "three"
	kTeen              // "thirteen"
	kTens              // "thirty"
	kTensUnit          // "thirty-three", "thirty three"
	kHundred           // "three hundred"
	kDozen             // "three dozen"
	kScale             // "three thousand"
	kDigits            // "3", the seed of "3 hundred"
	kPoint             // "two point two"
)

// small reports whether k ends a number under a hundred.
func (k wordKind) small() bool { return k == kUnit || k == kTeen || k == kTens || k == kTensUnit }

// wordReader is the state of readNumber.
type wordReader struct {
	words []string
	// total is the closed groups, cur the group being read.
	total, cur float64
	// lastScale closed the last group; topScale is the largest so far.
	lastScale, topScale float64
	// base and scale are set while the number is one group times one
	// scale ("30 million").
	base, scale float64
	last        wordKind
	// end is how many words make the number read so far.
	end int
	// comma is where ", " after a scale word was stepped over (-1 if
	// not), with the value and scale before it.
	comma                  int
	commaValue, commaScale float64
	// intPart, decimals and places hold "two point two five" while it is
	// read: 2, 25, 100.
	intPart, decimals, places float64
	// bare is set when the number opened with a scale word alone, pair
	// when with "a couple" or "a pair".
	bare, pair bool
}

// word returns word k, "" past the end. The tokenizer leaves a sentence's
// full stop on a short capitalised last word ("rose to Ten."), which the
// last word sheds.
func (r *wordReader) word(k int) string {
	if k < 0 || k >= len(r.words) {
		return ""
	}
	if k == len(r.words)-1 {
		return strings.TrimSuffix(r.words[k], ".")
	}
	return r.words[k]
}

// readNumber reads a number in words: "three", "twenty-six", "twenty
// six", "a hundred", "hundred thousand", "two thousand five hundred",
// "three hundred and fifty", "three million, two hundred & forty", "a
// dozen", "half a million", "a couple", "two point two million", "three
// crore twelve lakh", "one twenty two". With seeded, words[0] is digits
// worth seed, and only words that scale it may follow ("1.2 million", "3
// hundred", "2 dozens"). With noAnd, "and" ends the number.
func readNumber(words []string, seed float64, seeded, noAnd bool) (Number, bool) {
	r := &wordReader{words: words, comma: -1}
	i := 0
	if seeded {
		r.cur, r.last, i, r.end = seed, kDigits, 1, 1
	}
	for i < len(words) {
		w := r.word(i)
		switch {
		case r.last == kNone && (w == "a" || w == "an"):
			next := r.word(i + 1)
			if v, ok := pairWords[next]; ok {
				r.cur, r.last, r.pair, i = v, kUnit, true, i+2
				r.end = i
				continue
			}
			if next == "dozen" || bareScales[next] || next == "trillion" || next == "lakh" || next == "crore" {
				r.cur, r.last, i = 1, kUnit, i+1 // "a" is one of what follows
				continue
			}
			return Number{}, false
		case r.last == kNone && w == "half" && r.word(i+1) == "a":
			next := r.word(i + 2)
			m, ok := groupWords[next]
			if !ok {
				m, ok = scaleWords[next]
			}
			if !ok || strings.HasSuffix(next, "s") || len(next) <= 3 {
				return Number{}, false
			}
			return Number{Value: m / 2, Words: i + 3}, true
		case r.last == kNone && bareScales[w]:
			// "hundred people", "thousand": one of the scale, read next.
			r.cur, r.last, r.bare = 1, kUnit, true
			continue
		case w == "and" || w == "&":
			// "three hundred and fifty", "two thousand and nineteen".
			if noAnd || !(r.last == kHundred || r.last == kScale) || !smallNext(r.word(i+1)) {
				return r.finish()
			}
			i++
			continue
		case w == ",":
			// "three million, two hundred & forty".
			if r.last != kScale || r.lastScale < 1e3 || !smallNext(r.word(i+1)) {
				return r.finish()
			}
			r.comma, r.commaValue, r.commaScale = i, r.total+r.cur, r.lastScale
			i++
			continue
		case w == "point":
			if !r.last.small() || !isUnitWord(r.word(i+1)) {
				return r.finish()
			}
			r.intPart, r.decimals, r.places, r.last = r.total+r.cur, 0, 1, kPoint
			r.total, r.cur = 0, 0
			i++
			continue
		case w == "-":
			// "fifty - two".
			if r.last != kTens || unitWords[r.word(i+1)] == 0 {
				return r.finish()
			}
			r.cur, r.last = r.cur+unitWords[r.word(i+1)], kTensUnit
			i++
		default:
			if !r.step(w, i, seeded) {
				return r.finish()
			}
		}
		i++
		r.end = i
	}
	return r.finish()
}

// step reads word w, the i-th, into the number, and reports whether it
// belongs to it.
func (r *wordReader) step(w string, i int, seeded bool) bool {
	u, isUnit := unitWords[w]
	t, isTeen := teenWords[w]
	tens, isTens := tensWords[w]
	tu, isTensUnit := tensUnitValue(w)
	g, isGroup := groupWords[w]
	s, isScale := scaleWords[w]
	if (isGroup || isScale) && strings.HasSuffix(w, "s") && !r.pluralScales(i) {
		return false
	}
	opens := r.last == kNone || r.last == kHundred || r.last == kScale
	switch {
	case r.last == kPoint && isUnit:
		r.decimals, r.places = r.decimals*10+u, r.places*10
		r.cur = r.intPart + r.decimals/r.places
	case isUnit && opens && (u > 0 || r.last == kNone):
		r.cur, r.last = r.cur+u, kUnit
	case isUnit && r.last == kTens && u > 0:
		r.cur, r.last = r.cur+u, kTensUnit // "twenty five"
	case isTeen && opens:
		r.cur, r.last = r.cur+t, kTeen
	case isTens && opens:
		r.cur, r.last = r.cur+tens, kTens
	case isTensUnit && opens:
		r.cur, r.last = r.cur+tu, kTensUnit
	case (isTens || isTensUnit) && r.last == kUnit && i == 1 && !seeded && r.cur >= 1 && r.cur <= 9:
		// "one twenty two": a hundreds digit said alone.
		r.cur = r.cur*100 + tens + tu
		r.last = kTens
		if isTensUnit {
			r.last = kTensUnit
		}
	case isGroup && g == 100 && r.cur > 0 && r.cur < 100 && (r.last.small() || r.last == kDigits):
		if r.total == 0 {
			r.base, r.scale = r.cur, 100 // "two to three hundred"
		}
		r.cur, r.last = r.cur*100, kHundred
		return true
	case isGroup && g == 12 && r.cur > 0 && (r.last.small() || r.last == kHundred || r.last == kDigits):
		r.cur, r.last = r.cur*12, kDozen
	case isScale && r.last != kNone && r.total+r.cur > 0:
		switch {
		case s > r.topScale:
			// "two thousand", and "three thousand millions": a scale larger
			// than all before multiplies them all.
			if r.total == 0 {
				r.base, r.scale = r.cur, s
			} else {
				r.base, r.scale = 0, 0
			}
			r.total, r.cur, r.topScale = (r.total+r.cur)*s, 0, s
		case s < r.lastScale && r.cur > 0:
			r.total, r.cur = r.total+r.cur*s, 0
			r.base, r.scale = 0, 0
		default:
			return false // "two thousand thousand"
		}
		r.lastScale, r.last = s, kScale
		return true
	default:
		return false
	}
	if r.last != kDigits {
		r.base, r.scale = 0, 0
	}
	return true
}

// pluralScales reports whether a plural scale word at i ("three
// billions", "3 dozens") multiplies the number before it. Before "of" it
// is a vague amount, and after a year it opens one: "in 2019 thousands of
// people", "in 2019 dozens were hurt".
func (r *wordReader) pluralScales(i int) bool {
	if r.word(i+1) == "of" {
		return false
	}
	return r.last != kDigits || r.cur < 1000 || r.cur > 2100
}

// finish ends the number. What followed a comma is given up unless it is
// at least a hundred and less than the scale before the comma ("two
// thousand, two million" and "a thousand, ten were freed" are two
// numbers).
func (r *wordReader) finish() (Number, bool) {
	v := r.total + r.cur
	if r.comma >= 0 && r.end > r.comma {
		if after := v - r.commaValue; after < 100 || after >= r.commaScale {
			return done(r.commaValue, r.comma, 0, 0, false)
		}
	}
	n, ok := done(v, r.end, r.base, r.scale, r.bare && r.end == 1)
	n.pair = r.pair && r.end == 2
	return n, ok
}

func done(v float64, words int, base, scale float64, bare bool) (Number, bool) {
	if words == 0 || !finite(v) {
		return Number{}, false
	}
	return Number{Value: v, Words: words, base: base, scale: scale, bare: bare}, true
}

// smallNext reports whether w can follow "and" inside a number: a number
// under a hundred.
func smallNext(w string) bool {
	if _, ok := unitWords[w]; ok && w != "zero" {
		return true
	}
	_, teen := teenWords[w]
	_, tens := tensWords[w]
	_, tu := tensUnitValue(w)
	return teen || tens || tu
}

func isUnitWord(w string) bool {
	_, ok := unitWords[w]
	return ok
}

// tensUnitValue reads "twenty-six".
func tensUnitValue(w string) (float64, bool) {
	tens, unit, ok := strings.Cut(w, "-")
	if !ok {
		return 0, false
	}
	t, okT := tensWords[tens]
	u, okU := unitWords[unit]
	if okT && okU && u > 0 {
		return t + u, true
	}
	return 0, false
}
