package main

import (
	"strings"
	"unicode"
)

// score is the article-extraction benchmark's published measure: texts
// are split into word tokens (runs of letters, digits and '_'), every
// window of four tokens is a shingle, and per page tp, fp and fn count
// shingles; precision and recall are the means over pages with a
// non-empty prediction and a non-empty truth, F1 their harmonic mean.
type score struct {
	ps, rs []float64
}

func tokens(s string) []string {
	return strings.FieldsFunc(strings.ReplaceAll(s, "\u00ad", ""), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

func shingles(toks []string) map[string]int {
	out := map[string]int{}
	if len(toks) == 0 {
		return out
	}
	if len(toks) < 4 {
		out[strings.Join(toks, "\x00")]++
		return out
	}
	for i := 0; i+4 <= len(toks); i++ {
		out[strings.Join(toks[i:i+4], "\x00")]++
	}
	return out
}

// page adds one page and returns its tp, fp and fn.
func (s *score) page(truth, pred string) (tp, fp, fn int) {
	a, b := shingles(tokens(truth)), shingles(tokens(pred))
	for k, n := range a {
		tp += min(n, b[k])
		fn += max(0, n-b[k])
	}
	for k, n := range b {
		fp += max(0, n-a[k])
	}
	if tp+fp > 0 {
		s.ps = append(s.ps, float64(tp)/float64(tp+fp))
	}
	if tp+fn > 0 {
		s.rs = append(s.rs, float64(tp)/float64(tp+fn))
	}
	return tp, fp, fn
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t / float64(len(xs))
}

func (s *score) prf() (p, r, f float64) {
	p, r = mean(s.ps), mean(s.rs)
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
