package extract

import (
	"strings"

	"github.com/claimex/claimex/rules"
	"github.com/jdkato/prose/v3/token"
)

// sentence is one sentence of a document with its tagged tokens. All
// offsets are bytes into the document's text.
type sentence struct {
	text  string
	start int
	toks  []token.Token
	// words are the folded token texts, for matching rules.
	words []string
	ents  []entity
}

type entity struct {
	text, label string
	start       int
	// first and last are the token indexes the entity covers.
	first, last int
}

// sentences splits text into paragraphs (lines), then sentences, and
// tokenises, tags and labels entities in each.
func (x *Extractor) sentences(text string) []*sentence {
	var out []*sentence
	offset := 0
	for line := range strings.Lines(text) {
		block := strings.TrimRight(line, "\n")
		if strings.TrimSpace(block) != "" {
			for _, seg := range x.segmenter.Segment(block) {
				out = append(out, x.analyse(seg.Text, offset+seg.Start))
			}
		}
		offset += len(line)
	}
	return out
}

func (x *Extractor) analyse(text string, start int) *sentence {
	s := &sentence{text: text, start: start}
	s.toks = x.tokenizer.Tokenize(text)
	x.tagger.TagTokens(s.toks)
	x.ner.Label(s.toks)
	for _, e := range x.ner.Chunk(text, s.toks) {
		first, last := -1, -1
		for i, t := range s.toks {
			if t.Start >= e.Start && t.End() <= e.End() {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		s.ents = append(s.ents, entity{text: e.Text, label: e.Label, start: e.Start + start, first: first, last: last})
	}
	s.words = make([]string, len(s.toks))
	for i := range s.toks {
		s.words[i] = rules.Fold(s.toks[i].Text)
		s.toks[i].Start += start
	}
	return s
}

// span returns the document byte range covering tokens i..j inclusive.
func (s *sentence) span(i, j int) (int, int) {
	return s.toks[i].Start, s.toks[j].End()
}
