// Package namescore measures how well entity resolution merges the
// spellings of one person's name and keeps different people apart. It
// builds name-variant sets at test time from the development data in
// ../shared/dev/names (given-name equivalences across transliterations,
// English nicknames; see Load) and from look-alikes written for claimex,
// and scores a clustering against them pairwise and by B-cubed.
//
// Nothing of the development data is copied into the repository: the sets
// are read from the data folder each time.
package namescore

import (
	"fmt"
	"sort"
)

// Scores are the figures of one clustering against the gold clusters.
type Scores struct {
	Set      string
	Names    int
	Clusters int // gold clusters
	// Pairwise: over the pairs of names put together, and the pairs gold
	// puts together.
	PairP, PairR, PairF1 float64
	// B-cubed: for each name, the share of its predicted cluster that is
	// in its gold cluster (precision) and of its gold cluster that is in
	// its predicted one (recall), averaged over the names.
	BP, BR, BF1 float64
	// FalseMerges are pairs of names of different gold clusters put
	// together, SplitPairs pairs of one gold cluster left apart.
	FalseMerges, SplitPairs int
}

// String is the one-line summary: "names variants (SET): pairwise P=…
// R=… F1=… bcubed P=… R=… F1=… (N names, M clusters)".
func (s Scores) String() string {
	return fmt.Sprintf("names variants (%s): pairwise P=%.3f R=%.3f F1=%.3f bcubed P=%.3f R=%.3f F1=%.3f (%d names, %d clusters)",
		s.Set, s.PairP, s.PairR, s.PairF1, s.BP, s.BR, s.BF1, s.Names, s.Clusters)
}

// Score compares predicted clusters (name → entity) with gold ones (name
// → cluster). Names gold has and the prediction lacks stand alone.
func Score(set string, gold, predicted map[string]string) Scores {
	s := Scores{Set: set, Names: len(gold)}
	goldSize := map[string]int{}
	predSize := map[string]int{}
	both := map[[2]string]int{}
	pred := func(n string) string {
		if p, ok := predicted[n]; ok {
			return "p:" + p
		}
		return "n:" + n
	}
	for n, g := range gold {
		p := pred(n)
		goldSize[g]++
		predSize[p]++
		both[[2]string{g, p}]++
	}
	s.Clusters = len(goldSize)
	pairs := func(n int) int { return n * (n - 1) / 2 }
	var tp, goldPairs, predPairs int
	for _, n := range both {
		tp += pairs(n)
	}
	for _, n := range goldSize {
		goldPairs += pairs(n)
	}
	for _, n := range predSize {
		predPairs += pairs(n)
	}
	s.PairP, s.PairR = ratio(tp, predPairs), ratio(tp, goldPairs)
	s.PairF1 = f1(s.PairP, s.PairR)
	s.FalseMerges, s.SplitPairs = predPairs-tp, goldPairs-tp
	var bp, br float64
	for n, g := range gold {
		common := float64(both[[2]string{g, pred(n)}])
		bp += common / float64(predSize[pred(n)])
		br += common / float64(goldSize[g])
	}
	if len(gold) > 0 {
		s.BP, s.BR = bp/float64(len(gold)), br/float64(len(gold))
	}
	s.BF1 = f1(s.BP, s.BR)
	return s
}

// ratio is a/b, and 1 when there is nothing to measure (no pairs
// predicted: no false merge).
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Errors lists up to n pairs of names that a clustering got wrong: the
// pairs of different gold clusters put together, and the pairs of one
// gold cluster left apart, each in order.
func Errors(gold, predicted map[string]string, n int) (merged, apart [][2]string) {
	byGold, byPred := map[string][]string{}, map[string][]string{}
	for name, g := range gold {
		byGold[g] = append(byGold[g], name)
		if p, ok := predicted[name]; ok {
			byPred[p] = append(byPred[p], name)
		}
	}
	collect := func(groups map[string][]string, wrong func(a, b string) bool) [][2]string {
		var out [][2]string
		for _, names := range groups {
			sort.Strings(names)
			for i, a := range names {
				for _, b := range names[i+1:] {
					if wrong(a, b) {
						out = append(out, [2]string{a, b})
					}
				}
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] || out[i][0] == out[j][0] && out[i][1] < out[j][1] })
		return out[:min(n, len(out))]
	}
	merged = collect(byPred, func(a, b string) bool { return gold[a] != gold[b] })
	apart = collect(byGold, func(a, b string) bool {
		pa, okA := predicted[a]
		pb, okB := predicted[b]
		return !okA || !okB || pa != pb
	})
	return merged, apart
}
