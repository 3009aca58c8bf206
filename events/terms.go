package events

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/claimex/claimex/rules"
)

// stopwords are function words and the words of any news report, which
// say nothing of which happening a text is about.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a about above after again against ago all almost also although always am among an
	and another any are around as at away back be became because been before being below between both but by
	came can cannot could did do does doing done down during each either else even ever every few for from
	further get gets got had has have having he her here hers herself him himself his how however i if in into
	is it its itself just last least less like made make many may me might more most much must my myself near
	nearly neither never new next no nor not now of off often on once one only onto or other others our ours
	out over own per perhaps put rather said same say saying says see seen several shall she should since so
	some still such than that the their theirs them themselves then there these they this those though three
	through thus to today told too toward towards two under until up upon us very via was we were what when
	where whether which while who whom whose why will with within without would yet you your yours
	according added reported report reports reporting statement told news week weeks day days month months
	year years time times monday tuesday wednesday thursday friday saturday sunday yesterday tonight
	morning afternoon evening night early late later earlier first second third mr mrs ms dr people
	january february march april june july august september october november december
	many much told well including include includes local official officials source sources`) {
		stopwords[w] = true
	}
}

// words are the content words of a text, folded, in order: letters and
// digits of three characters or more that are no stopword, numbers left
// out (figures differ between reports of one event). A plural -s is
// dropped, so "floods" and "flood" are one word.
func words(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 3 {
			continue
		}
		digits := true
		for _, r := range w {
			if !unicode.IsDigit(r) {
				digits = false
				break
			}
		}
		if digits {
			continue
		}
		w = rules.Fold(w)
		if stopwords[w] {
			continue
		}
		if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		out = append(out, w)
	}
	return out
}

// vector is a sparse unit vector of term weights, sorted by term.
type vector []weight

type weight struct {
	term int32
	w    float32
}

// dot is the cosine of two unit vectors.
func dot(a, b vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].term < b[j].term:
			i++
		case a[i].term > b[j].term:
			j++
		default:
			s += float64(a[i].w) * float64(b[j].w)
			i++
			j++
		}
	}
	return s
}

// vocabulary numbers terms and counts the documents holding each.
type vocabulary struct {
	ids map[string]int32
	df  []int32
}

func (v *vocabulary) id(term string) int32 {
	id, ok := v.ids[term]
	if !ok {
		id = int32(len(v.df))
		v.ids[term] = id
		v.df = append(v.df, 0)
	}
	return id
}

// background is how many documents, none holding a term, are added to
// a corpus when its terms are weighed: in a small corpus about one
// happening every word of it is in most documents, and would otherwise
// weigh nothing.
const background = 100

// weigh turns term counts into a unit TF-IDF vector: sublinear term
// frequency times smoothed inverse document frequency over n documents.
func (v *vocabulary) weigh(c vector, n int) vector {
	out := make(vector, 0, len(c))
	var norm float64
	for _, x := range c {
		term, tf := x.term, float64(x.w)
		idf := math.Log(float64(n+background) / float64(v.df[term]+1))
		if idf <= 0 {
			continue
		}
		w := (1 + math.Log(tf)) * idf
		out = append(out, weight{term, float32(w)})
		norm += w * w
	}
	if norm == 0 {
		return nil
	}
	norm = math.Sqrt(norm)
	for i := range out {
		out[i].w = float32(float64(out[i].w) / norm)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].term < out[j].term })
	return out
}

// top returns the terms of the n heaviest weights of a vector.
func top(v vector, n int) []int32 {
	s := append(vector(nil), v...)
	sort.Slice(s, func(i, j int) bool { return s[i].w > s[j].w || s[i].w == s[j].w && s[i].term < s[j].term })
	out := make([]int32, 0, min(n, len(s)))
	for _, w := range s[:min(n, len(s))] {
		out = append(out, w.term)
	}
	return out
}
