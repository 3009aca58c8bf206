// Package extract turns a document's clean text into claims: count claims
// ("more than 4,500 injured": category, value, qualifier, subject,
// attribution, location) from a number grammar and the trigger words of
// the rules, and entity claims (people, organisations, places) from prose's
// recogniser. It is pure: no I/O, no global state that changes; an
// Extractor is safe for concurrent use.
package extract

import (
	"context"
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
	// pos tags with the tagger's weights faster than prose; nil leaves
	// every sentence to prose.
	pos       *fastTagger
	ner       *ner.Extracter
	lex       *lexicon
	gazetteer *gazetteer
	common    map[string]bool
	given     map[string]bool
	// fullNER runs the entity model over every token (tests compare it
	// with the windows label runs it over).
	fullNER bool
	// fast scores with the entity model's weights faster than prose;
	// nil leaves every window to prose.
	fast *fastModel
	// names is the name tagger, which reads the rules' mentions and
	// decides; nil keeps the rules' mentions.
	names *nameTagger
}

// Options change how an Extractor works.
type Options struct {
	// FullModel runs prose's entity model over every token instead of
	// only where the rules leave capitalised words unexplained: some
	// times slower, for much the same result (measuring that is its use).
	FullModel bool
	// RulesOnly keeps the mentions of the rules and prose's model, without
	// the name tagger's reading of them (training the tagger needs them).
	RulesOnly bool
	// TaggerWeights, if set, are the name tagger's weights to use instead
	// of the embedded ones (a weights file of TrainTagger).
	TaggerWeights []byte
}

// New returns an Extractor for r.
func New(r *rules.Rules) (*Extractor, error) { return NewWith(r, Options{}) }

// NewWith returns an Extractor for r with options.
func NewWith(r *rules.Rules, opt Options) (*Extractor, error) {
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
	fast, err := loadFastModel()
	if err != nil {
		fast = nil // prose labels every window itself
	}
	pos, err := loadFastTagger()
	if err != nil {
		pos = nil // prose tags every sentence itself
	}
	var names *nameTagger
	switch {
	case opt.RulesOnly:
	case opt.TaggerWeights != nil:
		if names, err = decodeTagger(opt.TaggerWeights); err != nil {
			return nil, fmt.Errorf("extract: load name tagger: %w", err)
		}
	default:
		if names, err = loadNameTagger(); err != nil {
			return nil, fmt.Errorf("extract: load name tagger: %w", err)
		}
	}
	gz, err := loadGazetteer()
	if err != nil {
		return nil, fmt.Errorf("extract: load gazetteer: %w", err)
	}
	common, err := loadCommon()
	if err != nil {
		return nil, fmt.Errorf("extract: load common words: %w", err)
	}
	given, err := loadNames()
	if err != nil {
		return nil, fmt.Errorf("extract: load given names: %w", err)
	}
	return &Extractor{
		gazetteer: gz,
		common:    common,
		given:     given,
		rules:     r,
		segmenter: seg,
		tokenizer: tokenize.New(),
		tagger:    tg,
		pos:       pos,
		ner:       nr,
		lex:       newLexicon(r),
		fullNER:   opt.FullModel,
		fast:      fast,
		names:     names,
	}, nil
}

// dropStrayOthers keeps counts of other things only in documents that
// also count something the rules name: "546 criminal cases" in a report of
// riots is worth a reviewer's time, "10 olives" in a recipe is not.
func dropStrayOthers(claims []claimex.Claim) []claimex.Claim {
	for _, c := range claims {
		if c.Kind == claimex.KindCount && c.Category != claimex.Other {
			return claims
		}
	}
	out := claims[:0]
	for _, c := range claims {
		if c.Kind != claimex.KindCount || c.Category != claimex.Other {
			out = append(out, c)
		}
	}
	return out
}

// Rules returns the rules the Extractor applies.
func (x *Extractor) Rules() *rules.Rules { return x.rules }

// Extract returns the claims of doc, in text order, each keyed and
// anchored in doc.Text.
func (x *Extractor) Extract(doc claimex.Document) []claimex.Claim {
	claims, _, _ := x.extract(context.Background(), doc, false)
	return claims
}

// ExtractAnalyzed is Extract that reuses the models' output kept in
// doc.Analysis when it was made for this text by this build (see
// analysis), and returns the analysis of this run to keep.
func (x *Extractor) ExtractAnalyzed(doc claimex.Document) ([]claimex.Claim, []byte) {
	claims, analysis, _ := x.extract(context.Background(), doc, true)
	return claims, analysis
}

// ExtractWithin is ExtractAnalyzed that gives up when ctx ends, between
// sentences, returning ctx's error: a time budget for one document.
func (x *Extractor) ExtractWithin(ctx context.Context, doc claimex.Document) ([]claimex.Claim, []byte, error) {
	return x.extract(ctx, doc, true)
}

func (x *Extractor) extract(ctx context.Context, doc claimex.Document, keep bool) ([]claimex.Claim, []byte, error) {
	var cache, rec *analysis
	// The language is told once, from a sample of the text, before the
	// models read it: a text in another language gives no count claims,
	// and no entities unless it is a table or a list of names, which the
	// detector cannot tell from its shape (names are names in any text).
	namesOnly := false
	if !x.english(doc) {
		if !namesTable(doc.Text) {
			return nil, nil, nil
		}
		namesOnly = true
	}
	if keep {
		rec = &analysis{}
		if len(doc.Analysis) > 0 {
			cache, _ = decodeAnalysis(doc.Analysis, doc.Text)
		}
	}
	sents, err := x.sentences(ctx, doc.Text, cache, rec)
	if err != nil {
		return nil, nil, err
	}
	claims, err := x.claims(ctx, doc, sents, namesOnly)
	if err != nil {
		return nil, nil, err
	}
	if rec == nil {
		return claims, nil, nil
	}
	return claims, rec.encode(doc.Text), nil
}

func (x *Extractor) claims(ctx context.Context, doc claimex.Document, sents []*sentence, namesOnly bool) ([]claimex.Claim, error) {
	t := newText(doc.Text)
	x.recognize(sents)
	var claims []claimex.Claim
	d := &discourse{para: -1}
	for _, s := range sents {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !namesOnly {
			x.counts(s, d, &claims)
		}
		d.remember(s)
	}
	claims = dropStrayOthers(claims)
	claims = append(claims, x.entityClaims(sents)...)
	sort.SliceStable(claims, func(i, j int) bool { return claims[i].Start < claims[j].Start })
	t.anchor(doc.Hash, claims)
	return claims, nil
}
