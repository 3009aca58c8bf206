package extract

import (
	"context"
	"fmt"
	"math/rand/v2"
)

// TrainingDoc is a document with its gold names, for TrainTagger: spans
// of Text in code points, [Start, End), typed PERSON, ORG, GPE or LOC.
type TrainingDoc struct {
	Text  string
	Names []TrainingName
}

// TrainingName is one gold name of a TrainingDoc.
type TrainingName struct {
	Start, End int
	Type       string
}

// trainingDoc is a document read for training: its sentences with the
// rules' mentions, what the tagger's features know of it, and the gold
// tags of each sentence.
type trainingDoc struct {
	sents []*sentence
	view  docView
	gold  [][]int
}

// TrainTagger trains the name tagger on docs and returns its weights file
// (extract/data/tagger.bin.gz): an averaged structured perceptron,
// trained for epochs passes over the sentences shuffled from seed, the
// mean of seeds such models from successive seeds. Its features read the
// rules' mentions, which x finds as it stands (without a tagger).
func TrainTagger(x *Extractor, docs []TrainingDoc, epochs, seeds int, seed uint64) ([]byte, error) {
	var data []trainingDoc
	for _, d := range docs {
		sents, err := x.sentences(context.Background(), d.Text, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
		x.recognizeRules(sents)
		data = append(data, trainingDoc{sents: sents, view: x.docView(sents), gold: goldTags(d, sents)})
	}
	type example struct {
		feats [][]uint32
		gold  []int
	}
	examples := func(ds []trainingDoc) []example {
		var out []example
		for _, d := range ds {
			for k, s := range d.sents {
				out = append(out, example{x.features(s, d.view), d.gold[k]})
			}
		}
		return out
	}
	// The model is the mean of models trained from seeds seed ..
	// seed+seeds-1: the order of the sentences sways a perceptron, the
	// mean much less.
	exs := examples(data)
	mean := newTagger()
	for k := range uint64(seeds) {
		m := newTagger()
		m.train(len(exs), func(k int) ([][]uint32, []int) { return exs[k].feats, exs[k].gold }, epochs, seed+k)
		for i, v := range m.w {
			mean.w[i] += v / float32(seeds)
		}
		for i, v := range m.trans {
			mean.trans[i] += v / float32(seeds)
		}
	}
	return mean.encode()
}

// goldTags are the tags of d's gold names on each token of sents.
func goldTags(d TrainingDoc, sents []*sentence) [][]int {
	runeAt := runeOffsets(d.Text)
	out := make([][]int, len(sents))
	for k, s := range sents {
		gold := make([]int, len(s.toks))
		for i, t := range s.toks {
			a, b := runeAt[t.Start], runeAt[t.End()]
			for _, n := range d.Names {
				if a < n.Start || b > n.End {
					continue
				}
				begin, ok := tagBegin[n.Type]
				if !ok {
					break
				}
				gold[i] = begin
				if a > n.Start && i > 0 && (gold[i-1] == begin || gold[i-1] == begin+1) {
					gold[i] = begin + 1
				}
				break
			}
		}
		out[k] = gold
	}
	return out
}

// train is the averaged structured perceptron over n examples.
func (m *nameTagger) train(n int, example func(int) ([][]uint32, []int), epochs int, seed uint64) {
	// Averaging: acc holds each update times the step it came at, so the
	// mean of the weights over all steps is w - acc/step.
	acc := make([]float32, len(m.w))
	var accTrans [len(m.trans)]float32
	step := float32(1)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			feats, gold := example(k)
			got := m.decode(feats)
			for i := range got {
				if got[i] == gold[i] {
					continue
				}
				for _, f := range feats[i] {
					g, p := int(f)*numTags+gold[i], int(f)*numTags+got[i]
					m.w[g]++
					acc[g] += step
					m.w[p]--
					acc[p] -= step
				}
			}
			for i := range got {
				pg, pp := numTags, numTags
				if i > 0 {
					pg, pp = gold[i-1], got[i-1]
				}
				if pg == pp && got[i] == gold[i] {
					continue
				}
				g, p := pg*numTags+gold[i], pp*numTags+got[i]
				m.trans[g]++
				accTrans[g] += step
				m.trans[p]--
				accTrans[p] -= step
			}
			step++
		}
	}
	for i := range m.w {
		m.w[i] -= acc[i] / step
	}
	for i := range m.trans {
		m.trans[i] -= accTrans[i] / step
	}
}

// runeOffsets maps each byte offset of text that starts a character (and
// its end) to the offset in code points.
func runeOffsets(text string) map[int]int {
	out := make(map[int]int, len(text)+1)
	n := 0
	for i := range text {
		out[i] = n
		n++
	}
	out[len(text)] = n
	return out
}
