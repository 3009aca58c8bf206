package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimex/claimex/rules"
	"github.com/jdkato/prose/v3/token"
)

// sentence is one sentence of a document with its tagged tokens. All
// offsets are bytes into the document's text.
type sentence struct {
	text  string
	start int
	// para numbers the paragraph (line of the clean text) holding the
	// sentence.
	para int
	toks []token.Token
	// words are the folded token texts, for matching rules.
	words []string
	// ents are what prose's entity model found; ments the mentions the
	// recogniser kept.
	ents  []entity
	ments []mention
	// entAt gives, for each token, the index in ments of the mention it
	// belongs to, or -1.
	entAt []int
	// titleCase is set for headlines written In Title Case, where
	// capitals say nothing about names.
	titleCase bool
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
	offset, para := 0, 0
	for line := range strings.Lines(text) {
		block := strings.TrimRight(line, "\n")
		if strings.TrimSpace(block) != "" {
			for _, seg := range x.segmenter.Segment(block) {
				s := x.analyse(seg.Text, offset+seg.Start)
				s.para = para
				out = append(out, s)
			}
			para++
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
	s.entAt = make([]int, len(s.toks))
	for i := range s.toks {
		s.words[i] = rules.Fold(s.toks[i].Text)
		s.toks[i].Start += start
		s.entAt[i] = -1
	}
	s.titleCase = isTitleCase(s.toks)
	return s
}

// span returns the document byte range covering tokens i..j inclusive.
func (s *sentence) span(i, j int) (int, int) {
	return s.toks[i].Start, s.toks[j].End()
}

// tag returns the part-of-speech tag of token i, or "" past the ends.
func (s *sentence) tag(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].Tag
}

// word returns the folded word i, or "" past the ends.
func (s *sentence) word(i int) string {
	if i < 0 || i >= len(s.words) {
		return ""
	}
	return s.words[i]
}

// capitalized reports whether token i starts with an upper-case letter.
func (s *sentence) capitalized(i int) bool {
	if i < 0 || i >= len(s.toks) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s.toks[i].Text)
	return unicode.IsUpper(r)
}

// cut returns the sentence text of tokens i..j inclusive.
func (s *sentence) cut(i, j int) string {
	a, b := s.span(i, j)
	return s.text[a-s.start : b-s.start]
}

// isQuote reports whether w is a quotation mark.
func isQuote(w string) bool {
	return w == "\"" || w == "'" || w == "``" || w == "''"
}

// isBreak reports whether w ends a clause: sentence punctuation,
// semicolons, colons, brackets and dashes.
func isBreak(w string) bool {
	switch w {
	case ".", ";", ":", "!", "?", "(", ")", "[", "]", "-", "--", "|":
		return true
	}
	return false
}

func isNounTag(tag string) bool { return strings.HasPrefix(tag, "NN") }

func isVerbTag(tag string) bool {
	return tag == "VB" || tag == "VBD" || tag == "VBP" || tag == "VBZ" || tag == "MD"
}

func isAdjTag(tag string) bool { return strings.HasPrefix(tag, "JJ") }

// isTitleCase reports whether most words of four letters or more start
// with a capital, as in headlines.
func isTitleCase(toks []token.Token) bool {
	long, caps := 0, 0
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if utf8.RuneCountInString(t.Text) < 4 || !unicode.IsLetter(r) {
			continue
		}
		long++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return long >= 3 && caps*10 >= long*7
}
