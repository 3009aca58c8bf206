// Package extract turns a document's clean text into claims: count claims
// ("more than 4,500 injured": category, value, qualifier, subject,
// attribution, location) from a number grammar and the trigger words of
// the rules, and entity claims (people, organisations, places) from prose's
// recogniser. It is pure: no I/O, no global state that changes; an
// Extractor is safe for concurrent use.
package extract

import (
	"fmt"
	"sort"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
	"github.com/jdkato/prose/v3/ner"
	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/tokenize"
)

// Extractor finds claims in documents under one set of rules. prose's
// models are loaded once per process and shared by every Extractor.
type Extractor struct {
	rules     *rules.Rules
	segmenter *segment.Segmenter
	tokenizer *tokenize.Tokenizer
	tagger    *tag.Tagger
	ner       *ner.Extracter
	lex       lexicon
}

// New returns an Extractor for r.
func New(r *rules.Rules) (*Extractor, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("extract: load sentence model: %w", err)
	}
	tg, err := tag.New()
	if err != nil {
		return nil, fmt.Errorf("extract: load tagger model: %w", err)
	}
	nr, err := ner.New()
	if err != nil {
		return nil, fmt.Errorf("extract: load entity model: %w", err)
	}
	return &Extractor{
		rules:     r,
		segmenter: seg,
		tokenizer: tokenize.New(),
		tagger:    tg,
		ner:       nr,
		lex:       newLexicon(r),
	}, nil
}

// Rules returns the rules the Extractor applies.
func (x *Extractor) Rules() *rules.Rules { return x.rules }

// Extract returns the claims of doc, in text order, each keyed and
// anchored in doc.Text.
func (x *Extractor) Extract(doc claimex.Document) []claimex.Claim {
	t := newText(doc.Text)
	var claims []claimex.Claim
	for _, s := range x.sentences(doc.Text) {
		claims = append(claims, x.counts(s)...)
		claims = append(claims, x.entities(s)...)
	}
	harmonizeTypes(doc.Text, claims)
	sort.SliceStable(claims, func(i, j int) bool { return claims[i].Start < claims[j].Start })
	t.anchor(doc.Hash, claims)
	return claims
}
