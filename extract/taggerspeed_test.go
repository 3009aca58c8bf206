package extract

import (
	"context"
	"testing"
)

// BenchmarkNameTagger times the name tagger alone on the sample
// articles: features, Viterbi and the reading of its spans, the rules'
// mentions found once beforehand.
func BenchmarkNameTagger(b *testing.B) {
	x := extractor(b)
	if x.names == nil {
		b.Skip("no name tagger")
	}
	var docs [][]*sentence
	var rules [][][]mention
	size := 0
	for _, d := range seedDocs(b) {
		sents, err := x.sentences(context.Background(), d.Text, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		x.recognizeRules(sents)
		ms := make([][]mention, len(sents))
		for k, s := range sents {
			ms[k] = append([]mention(nil), s.ments...)
		}
		docs, rules = append(docs, sents), append(rules, ms)
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for k, sents := range docs {
			for j, s := range sents {
				s.ments = append(s.ments[:0], rules[k][j]...)
			}
			x.tagged(x.names, sents)
		}
	}
}
