package main

import (
	"strings"
	"unicode"
)

// The measure is the article-extraction benchmark's published one, which
// the Readability pages' scorer uses too: texts are split into word tokens
// (runs of letters, digits and '_'), every window of four tokens is a
// shingle, and per page tp, fp and fn count shingles; precision and
// recall are the means over pages with a non-empty prediction and a
// non-empty truth, F1 their harmonic mean.

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

// counts are one page's shingle counts.
type counts struct{ tp, fp, fn int }

func compare(truth, pred string) counts {
	a, b := shingles(tokens(truth)), shingles(tokens(pred))
	var c counts
	for k, n := range a {
		c.tp += min(n, b[k])
		c.fn += max(0, n-b[k])
	}
	for k, n := range b {
		c.fp += max(0, n-a[k])
	}
	return c
}

// prf is a page's precision, recall and F1 (1 for a page with nothing to
// find that finds nothing).
func (c counts) prf() (p, r, f float64) {
	p, r = 1, 1
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// score adds up pages the benchmark's way.
type score struct {
	ps, rs []float64
	empty  int // pages with a truth and no prediction
}

func (s *score) add(c counts) {
	if c.tp+c.fp > 0 {
		s.ps = append(s.ps, float64(c.tp)/float64(c.tp+c.fp))
	}
	if c.tp+c.fn > 0 {
		s.rs = append(s.rs, float64(c.tp)/float64(c.tp+c.fn))
	}
	if c.tp+c.fp == 0 && c.fn > 0 {
		s.empty++
	}
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

// unmatched returns the lines of text at least half of whose shingles
// are not in other: the lines one text has that the other lacks.
func unmatched(text, other string) []string {
	have := shingles(tokens(other))
	var out []string
	for line := range strings.Lines(text) {
		toks := tokens(line)
		if len(toks) == 0 {
			continue
		}
		sh := shingles(toks)
		miss, all := 0, 0
		for k, n := range sh {
			all += n
			if have[k] == 0 {
				miss += n
			}
		}
		if 2*miss >= all {
			out = append(out, strings.TrimSpace(line))
		}
	}
	return out
}
