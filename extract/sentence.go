package extract

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimex/claimex/rules"
	"github.com/jdkato/prose/v3/segment"
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
	// cheap are the candidate mentions of the rules' recognisers, found
	// before the entity model runs.
	cheap []mention
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

// maxSentence is the longest stretch of text, in bytes, taken as one
// sentence. Real sentences are far shorter; longer "sentences" are
// tables, lists or garbage run together, and are cut at spaces so that
// the work per sentence stays bounded.
const maxSentence = 4000

// sentences splits text into paragraphs (lines), then sentences, and
// tokenises, tags and labels entities in each, taking the models' output
// from cache where it holds it, and recording it in rec. It returns ctx's
// error, between sentences, when ctx ends.
func (x *Extractor) sentences(ctx context.Context, text string, cache, rec *analysis) ([]*sentence, error) {
	if x.fullNER {
		cache = nil
	}
	var out []*sentence
	offset, para := 0, 0
	for line := range strings.Lines(text) {
		block := strings.TrimRight(line, "\n")
		if strings.TrimSpace(block) != "" {
			for _, piece := range pieces(block, maxSentence*16) {
				for _, seg := range joinInitials(block[piece[0]:piece[1]], x.segmenter.Segment(block[piece[0]:piece[1]])) {
					for _, part := range pieces(seg.Text, maxSentence) {
						if err := ctx.Err(); err != nil {
							return nil, err
						}
						start := offset + piece[0] + seg.Start + part[0]
						s := x.prepare(seg.Text[part[0]:part[1]], start, len(out), cache, rec)
						s.para = para
						out = append(out, s)
					}
				}
			}
			para++
		}
		offset += len(line)
	}
	// Words the document capitalises inside a sentence are names to it:
	// "Trump" opening a sentence is one too, though "trump" is a word.
	names := map[string]bool{}
	for _, s := range out {
		if s.titleCase {
			continue
		}
		for i := 1; i < len(s.toks); i++ {
			if upper(s.toks[i].Text) {
				names[s.words[i]] = true
			}
		}
	}
	for i, s := range out {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		x.findEntities(s, names, i, cache, rec)
	}
	return out, nil
}

// joinInitials joins the sentences the segmenter cut after a middle
// initial ("Spc. Isiah L. | Booker, of Cibolo, Texas, died"): a sentence
// ending in one capital letter and a full stop, before one opening with a
// capital, goes on.
func joinInitials(text string, segs []segment.Sentence) []segment.Sentence {
	out := segs[:0:0]
	for _, seg := range segs {
		if n := len(out); n > 0 && endsInInitial(out[n-1].Text) && upper(seg.Text) &&
			seg.Start >= out[n-1].Start && seg.Start+len(seg.Text) <= len(text) {
			prev := &out[n-1]
			prev.Text = text[prev.Start : seg.Start+len(seg.Text)]
			continue
		}
		out = append(out, seg)
	}
	return out
}

// endsInInitial reports whether s ends in a capital letter standing
// alone and a full stop: " L.".
func endsInInitial(s string) bool {
	s = strings.TrimRight(s, " ")
	if !strings.HasSuffix(s, ".") {
		return false
	}
	s = s[:len(s)-1]
	r, n := utf8.DecodeLastRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return len(s) == n || before == ' '
}

// pieces cuts s into byte ranges of at most max bytes, each ending after
// a full stop and space, else a space, found in the second half of the
// range, else at a character boundary. A short s is one piece.
func pieces(s string, max int) [][2]int {
	if len(s) <= max {
		return [][2]int{{0, len(s)}}
	}
	var out [][2]int
	for start := 0; start < len(s); {
		end := start + max
		if end >= len(s) {
			out = append(out, [2]int{start, len(s)})
			break
		}
		half := s[start+max/2 : end]
		if stop := strings.LastIndex(half, ". "); stop >= 0 {
			end = start + max/2 + stop + 2
		} else if sp := strings.LastIndexAny(half, " \t"); sp >= 0 {
			end = start + max/2 + sp + 1
		} else {
			for end > start && !utf8.RuneStart(s[end]) {
				end--
			}
			if end == start {
				end = start + max
			}
		}
		out = append(out, [2]int{start, end})
		start = end
	}
	return out
}

// prepare tokenises and tags sentence i.
func (x *Extractor) prepare(text string, start, i int, cache, rec *analysis) *sentence {
	s := &sentence{text: text, start: start}
	s.toks = splitCitations(x.tokenizer.Tokenize(text))
	if !cache.tagsFor(i, s.toks) && (x.pos == nil || !x.pos.tag(s.toks)) {
		x.tagger.TagTokens(s.toks)
	}
	if rec != nil {
		tags := make([]string, len(s.toks))
		for j, t := range s.toks {
			tags[j] = t.Tag
		}
		rec.sents = append(rec.sents, sentenceAnalysis{tags: tags})
	}
	s.words = make([]string, len(s.toks))
	s.entAt = make([]int, len(s.toks))
	for i := range s.toks {
		s.words[i] = rules.Fold(s.toks[i].Text)
		s.toks[i].Start += start
		s.entAt[i] = -1
	}
	s.titleCase = x.isTitleCase(s)
	return s
}

// findEntities runs the rules' recognisers over a prepared sentence, then
// the entity model where they leave capitalised words unexplained. names
// are the words the document capitalises inside sentences.
func (x *Extractor) findEntities(s *sentence, names map[string]bool, idx int, cache, rec *analysis) {
	s.cheap = x.ruleMentions(s)
	// The entity model reads tokens with offsets into the sentence; the
	// sentence keeps them with offsets into the document.
	local := append([]token.Token(nil), s.toks...)
	for i := range local {
		local[i].Start -= s.start
	}
	everyday := func(t string) bool {
		w := rules.Fold(t)
		return x.lex.openers.has([]string{w}, 0) || x.isCommon(w) && !names[w]
	}
	if s.titleCase && !x.fullNER {
		// A headline In Title Case: capitals say nothing, and the body
		// names the same people and places in sentences.
		for i := range local {
			local[i].Label = "O"
		}
	} else {
		x.label(local, explained(s, s.cheap), everyday, func(a, b int) {
			if labels := cache.window(idx, a, b); labels != nil {
				for k, l := range labels {
					local[a+k].Label = l
				}
			} else if x.fast == nil || !x.fast.label(local[a:b]) {
				x.ner.Label(local[a:b])
			}
			if rec != nil {
				w := labelledWindow{start: a, end: b, labels: make([]string, b-a)}
				for k := range w.labels {
					w.labels[k] = local[a+k].Label
				}
				rec.sents[idx].windows = append(rec.sents[idx].windows, w)
			}
		})
	}
	for _, e := range x.ner.Chunk(s.text, local) {
		first, last := -1, -1
		for i, t := range local {
			if t.Start >= e.Start && t.End() <= e.End() {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		s.ents = append(s.ents, entity{text: e.Text, label: e.Label, start: e.Start + s.start, first: first, last: last})
	}
	for i := range local {
		s.toks[i].Label = local[i].Label
	}
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
	return unicode.IsUpper(r) || particleName(s.toks[i].Text)
}

// particleName reports whether t is a name written with a lower-case
// particle joined to it: "al-Assad", "el-Sisi", "bin-Laden", "d'Estaing".
func particleName(t string) bool {
	head, rest, ok := strings.Cut(t, "-")
	if !ok {
		if i := firstApostrophe(t); i > 0 {
			head, rest = t[:i], t[i+1:]
			if strings.HasPrefix(t[i:], "’") {
				rest = t[i+len("’"):]
			}
		}
	}
	if rest == "" || !joinedParticles[head] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r)
}

// firstApostrophe is the index of the first "'" or "’" in t, or -1: what
// strings.IndexAny(t, "'’") returns, without its rune-by-rune search.
func firstApostrophe(t string) int {
	i, j := strings.IndexByte(t, '\''), strings.Index(t, "’")
	if i < 0 || j >= 0 && j < i {
		return j
	}
	return i
}

// joinedParticles are the lower-case particles written joined to a name.
var joinedParticles = map[string]bool{"al": true, "el": true, "ad": true, "ar": true, "as": true, "ash": true,
	"at": true, "az": true, "an": true, "bin": true, "ibn": true, "bint": true, "abu": true, "abd": true,
	"d": true, "l": true, "de": true, "da": true, "di": true, "du": true, "van": true, "von": true}

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

// isTitleCase reports whether a sentence is a headline In Title Case,
// where capitals say nothing about names: most words of four letters or
// more start with a capital, no word of three letters or more but
// function words ("with", "from") is written lower-case, and at least half of the capitalised ones are
// everyday words ("Police", "Meets"). A sentence naming many people and
// places ("Boris Johnson met the Iraqi Foreign Minister, Ibrahim
// al-Jaafari, in London today") is no headline, nor is a list of names
// and results ("1. Marie-Jose Perec (France) 48.25").
func (x *Extractor) isTitleCase(s *sentence) bool {
	long, caps, everyday := 0, 0, 0
	for i, t := range s.toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		n := utf8.RuneCountInString(t.Text)
		if n < 3 || !unicode.IsLetter(r) {
			continue
		}
		if !unicode.IsUpper(r) {
			// "met", "said": a lower-case word that is no function word.
			if !x.lex.prepositions.has(s.words, i) && !x.lex.determiners.has(s.words, i) && !x.lex.openers.has(s.words, i) {
				return false
			}
			if n >= 4 {
				long++
			}
			continue
		}
		if n < 4 {
			continue
		}
		long++
		caps++
		if x.isCommon(s.words[i]) {
			everyday++
		}
	}
	return long >= 3 && caps*10 >= long*7 && everyday*2 >= caps
}

// nerContext is how many tokens either side of a run of capitalised words
// the entity model sees: its features reach one token back and one ahead,
// and its label history one back.
const nerContext = 1

// label runs prose's entity model over the parts of a sentence where an
// entity can be: runs of capitalised words (with up to two small words
// inside, as in "Office of the President"), with nerContext tokens either
// side. Every other token is outside any entity. The model costs more
// than all else in extraction, and in news text most tokens are far from
// any capital letter.
func (x *Extractor) label(toks []token.Token, explained []bool, everyday func(string) bool, run func(a, b int)) {
	if x.fullNER {
		x.ner.Label(toks)
		return
	}
	for i := range toks {
		toks[i].Label = "O"
	}
	for _, w := range nerWindows(toks, explained, everyday) {
		run(w[0], w[1])
	}
}

// nerWindows returns the token ranges [start, end) the entity model must
// label, merged where they touch: the runs of capitalised words that the
// rules did not already explain (explained[i] is set for a token a
// mention of the rules' recognisers took, which no mention of the model
// can then take).
func nerWindows(toks []token.Token, explained []bool, everyday func(string) bool) [][2]int {
	var out [][2]int
	n := len(toks)
	for i := 0; i < n; i++ {
		if !upper(toks[i].Text) {
			continue
		}
		end := i + 1
		for gap := 0; end < n && gap <= 2; end++ {
			if upper(toks[end].Text) {
				gap = 0
				continue
			}
			gap++
			if gap > 2 {
				break
			}
		}
		// end is past the last capitalised word or its small words; trim
		// trailing small words back to the run.
		last := end - 1
		for last > i && !upper(toks[last].Text) {
			last--
		}
		open := false
		for j := i; j <= last; j++ {
			open = open || upper(toks[j].Text) && (explained == nil || !explained[j])
		}
		// A sentence's first word alone, when it is an everyday word
		// ("The", "But", "Police") the document does not use as a name,
		// is capitalised for its place only.
		if i == 0 && last == 0 && everyday != nil && everyday(toks[0].Text) {
			open = false
		}
		if !open {
			i = last
			continue
		}
		a, b := max(0, i-nerContext), min(n, last+1+nerContext)
		if len(out) > 0 && a <= out[len(out)-1][1] {
			out[len(out)-1][1] = max(out[len(out)-1][1], b)
		} else {
			out = append(out, [2]int{a, b})
		}
		i = last
	}
	return out
}

func upper(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}
