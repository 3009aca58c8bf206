package main

import (
	"math"
	"testing"
)

// TestCompare: shingle counts and their precision and recall, on texts
// whose shingles are known.
func TestCompare(t *testing.T) {
	tests := []struct {
		truth, pred string
		want        counts
	}{
		{"a b c d e", "a b c d e", counts{tp: 2}},
		{"a b c d e", "a b c d", counts{tp: 1, fn: 1}},
		{"a b c d", "a b c d e f", counts{tp: 1, fp: 2}},
		{"one two", "", counts{fn: 1}},
		{"", "", counts{}},
		{"Á-b, c\u00add! e", "Á b cd e", counts{tp: 1}}, // soft hyphens join, punctuation splits
	}
	for _, tt := range tests {
		if got := compare(tt.truth, tt.pred); got != tt.want {
			t.Errorf("compare(%q, %q) = %+v, want %+v", tt.truth, tt.pred, got, tt.want)
		}
	}
	var s score
	s.add(counts{tp: 3, fp: 1}) // P 0.75, R 1
	s.add(counts{tp: 1, fn: 1}) // P 1, R 0.5
	s.add(counts{fn: 4})        // empty: R 0, no P
	p, r, f := s.prf()
	if math.Abs(p-0.875) > 1e-9 || math.Abs(r-0.5) > 1e-9 || math.Abs(f-2*0.875*0.5/1.375) > 1e-9 || s.empty != 1 {
		t.Errorf("prf = %v %v %v, empty %d", p, r, f, s.empty)
	}
}

// TestHTMLText: the truth of a Readability page is the text of its
// expected HTML, tags as line breaks, without scripts and styles.
func TestHTMLText(t *testing.T) {
	got := htmlText(`<div><p>One <b>two</b></p><script>var x = "no";</script><style>p{}</style><p>three&amp;four</p></div>`)
	if toks := tokens(got); len(toks) != 4 || toks[0] != "One" || toks[3] != "four" {
		t.Errorf("htmlText = %q, tokens %q", got, toks)
	}
}
