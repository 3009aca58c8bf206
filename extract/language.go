package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"github.com/claimex/claimex"
)

// The language of a document is told from a sample of its text by
// whatlanggo's trigram profiles (see the README for how it was chosen
// and measured): about half a millisecond a document, no memory to speak
// of.
const (
	// sampleBytes is how much text the detector reads.
	sampleBytes = 1000
	// proseLine is the length from which a line counts as prose: the
	// sample takes prose first, so that a menu or a table of names does
	// not speak for the article.
	proseLine = 60
	// minSureLetters is the fewest letters on which the detector's word
	// is taken: below it ("“That’s perfect,” Boudreau said.") a profile
	// is guesswork.
	minSureLetters = 50
	// englishShare is the share of common English words (the rules'
	// grammar.english) from which a text is English whatever the
	// detector says.
	englishShare = 0.2
	// clearEnglishShare of clearEnglishWords or more words make a text
	// English without asking the detector: no text in another language
	// measured came near (13% at most, the English pages 25% or more in
	// 93% of cases).
	clearEnglishShare = 0.25
	clearEnglishWords = 30
)

// verdict is what the detector says of a text: a language (ISO 639-1)
// and whether it is sure of it.
type verdict struct {
	lang string
	sure bool
}

// detect tells the language of a sample of text. A text written mostly
// in another script than Latin is surely not English, however short.
func detect(sample string) verdict {
	info := whatlanggo.Detect(sample)
	if info.Script == nil {
		return verdict{}
	}
	v := verdict{lang: info.Lang.Iso6391(), sure: info.IsReliable() && letters(sample) >= minSureLetters}
	if info.Script != unicode.Latin {
		v.sure = true
		if info.Lang < 0 {
			v.lang = "und"
		}
	}
	return v
}

// languageSample is up to sampleBytes of text: its prose lines first,
// the rest after when the prose is short. The first line, a title, is
// read last.
func languageSample(text string) string {
	var b strings.Builder
	add := func(line string) {
		if b.Len() >= sampleBytes {
			return
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		if room := sampleBytes - b.Len(); len(line) > room {
			line = cutRunes(line, room)
		}
		b.WriteString(line)
	}
	title, body, ok := strings.Cut(text, "\n")
	if !ok {
		title, body = "", text
	}
	for line := range strings.Lines(body) {
		if line = strings.TrimSpace(line); len(line) >= proseLine {
			add(line)
		}
	}
	for line := range strings.Lines(body) {
		if line = strings.TrimSpace(line); line != "" && len(line) < proseLine {
			add(line)
		}
	}
	add(strings.TrimSpace(title))
	return b.String()
}

// cutRunes cuts s to at most n bytes, at a rune boundary.
func cutRunes(s string, n int) string {
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// english reports whether a document is in English, which the rules are
// written for. A sample in which a quarter of at least clearEnglishWords
// words are common English words (the rules' grammar.english) is English,
// as 93% of the English pages measured are, and costs no detection.
// Otherwise the detector decides when it is sure, over a page's
// declaration ("lang=en" on a German page), unless a fifth of the words
// are common English ones; when it is unsure (short texts, tables of
// names and results), the declared language decides, and a document that
// declares none is read.
func (x *Extractor) english(doc claimex.Document) bool {
	sample := languageSample(doc.Text)
	share, words := x.englishWords(sample)
	if words >= clearEnglishWords && share >= clearEnglishShare {
		return true
	}
	v := detect(sample)
	switch {
	case v.sure && v.lang == "en":
		return true
	case v.sure && share < englishShare:
		return false
	case doc.Lang != "":
		return strings.HasPrefix(strings.ToLower(doc.Lang), "en")
	}
	return true
}

// englishWords returns the share of the words of s that are common
// English words (the rules' grammar.english), and how many words s has.
func (x *Extractor) englishWords(s string) (float64, int) {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) == 0 {
		return 0, 0
	}
	common := 0
	for i := range words {
		if x.lex.english.has(words, i) {
			common++
		}
	}
	return float64(common) / float64(len(words)), len(words)
}
