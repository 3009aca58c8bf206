package extract

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/tag/aptagmodel"
	"github.com/jdkato/prose/v3/token"
)

// fastTagger tags parts of speech with the weights of prose's perceptron
// tagger, the way prose's tag.Tagger does, but finds a feature's weights
// by one hash look-up where prose searches 75,000 sorted strings, once for
// each of the fourteen features of every word. It reads the model prose
// ships (tag/aptagmodel.English, layout documented in prose's
// internal/flat).
//
// Before its model, prose tags some words by rules of its own
// (emoticons, "@names", placeholders such as "*-1"); which words those
// are, prose is asked (special), and a sentence holding one is left to
// prose. Tests check the tags against prose's on the samples.
type fastTagger struct {
	classes []string
	// feats maps a feature to its index: its weights are
	// weights[pairs[i]:pairs[i+1]], for the classes ids[...].
	feats   map[string]int32
	pairs   []uint32
	ids     []uint8
	weights []float32
	// words are the words the model tags alike wherever they stand.
	words map[string]uint8

	// bias, prevTag, prev2Tag and tagPair are the features that depend
	// on no word: the previous tag's, the one before's, and the pair's
	// (by class ID, then the two start markers); marks are the posWords
	// of the sentence markers.
	bias              int32
	prevTag, prev2Tag []int32
	tagPair           []int32
	marks             [4]posWord

	probes sync.Pool // of *probe
	seen   sync.Map  // token text -> *posWord, up to maxSeen words
	nSeen  atomic.Int32
}

// maxSeen bounds how many words fastTagger remembers (some 3 MB): the
// first seen are most of the frequent ones; a word past them is asked
// about and looked up each time.
const maxSeen = 1 << 14

var loadFastTagger = sync.OnceValues(func() (*fastTagger, error) { return parseFastTagger(aptagmodel.English) })

// parseFastTagger reads prose's flat model: magic "PROSETAG", version 1,
// the classes (count, then uint16-prefixed names), the feature and pair
// counts, the features as one sorted blob with nFeatures+1 offsets, the
// nFeatures+1 offsets of each feature's pairs, a class byte and a float32
// weight per pair, and the words of one tag (count, then uint16-prefixed
// word and class byte); little-endian.
func parseFastTagger(data []byte) (*fastTagger, error) {
	bad := errors.New("tagger model: unexpected layout")
	pos := 0
	take := func(n int) []byte {
		if n < 0 || pos+n > len(data) {
			pos = len(data) + 1
			return nil
		}
		b := data[pos : pos+n]
		pos += n
		return b
	}
	u32 := func() int {
		if b := take(4); b != nil {
			return int(binary.LittleEndian.Uint32(b))
		}
		return -1
	}
	str16 := func() string {
		if b := take(2); b != nil {
			return string(take(int(binary.LittleEndian.Uint16(b))))
		}
		return ""
	}
	if string(take(8)) != "PROSETAG" || u32() != 1 {
		return nil, bad
	}
	nc := u32()
	if nc <= 0 || nc > 256 {
		return nil, bad
	}
	t := &fastTagger{}
	for range nc {
		t.classes = append(t.classes, str16())
	}
	nf, np, blobLen := u32(), u32(), u32()
	if nf < 0 || np < 0 || blobLen < 0 {
		return nil, bad
	}
	blob := string(take(blobLen))
	featOff, pairOff := take(4*(nf+1)), take(4*(nf+1))
	ids, weights := take(np), take(4*np)
	if pos > len(data) {
		return nil, bad
	}
	t.feats = make(map[string]int32, nf)
	t.pairs = make([]uint32, nf+1)
	for i := range nf + 1 {
		t.pairs[i] = binary.LittleEndian.Uint32(pairOff[4*i:])
		if t.pairs[i] > uint32(np) || i > 0 && t.pairs[i] < t.pairs[i-1] {
			return nil, bad
		}
		if i < nf {
			a, b := binary.LittleEndian.Uint32(featOff[4*i:]), binary.LittleEndian.Uint32(featOff[4*i+4:])
			if a > b || int(b) > len(blob) {
				return nil, bad
			}
			t.feats[blob[a:b]] = int32(i)
		}
	}
	t.ids = append([]uint8(nil), ids...)
	t.weights = make([]float32, np)
	for i := range t.weights {
		w := math.Float32frombits(binary.LittleEndian.Uint32(weights[4*i:]))
		if math.IsNaN(float64(w)) || math.IsInf(float64(w), 0) {
			return nil, bad // scores would not order as prose's do
		}
		t.weights[i] = w
	}
	for _, id := range t.ids {
		if int(id) >= nc {
			return nil, bad
		}
	}
	nw := u32()
	if nw < 0 {
		return nil, bad
	}
	t.words = make(map[string]uint8, nw)
	for range nw {
		w := str16()
		id := take(1)
		if id == nil || int(id[0]) >= nc {
			return nil, bad
		}
		t.words[w] = id[0]
	}
	if pos != len(data) {
		return nil, bad
	}
	t.prepare()
	return t, nil
}

// probe is a prose tagger whose lexicon tags one word probeTag: prose
// consults its lexicon after its own rules, so the word comes back with
// another tag only if a rule took it.
type probe struct {
	tagger *tag.Tagger
	lex    tag.Lexicon
}

const probeTag = "\x00probe"

// special reports whether prose tags word by a rule of its own.
func (t *fastTagger) special(word string) bool { return t.word(word).special }

// ask asks prose whether it tags word by a rule of its own.
func (t *fastTagger) ask(word string) bool {
	p, _ := t.probes.Get().(*probe)
	if p == nil {
		p = &probe{lex: tag.Lexicon{}}
		tg, err := tag.New(tag.WithLexicon(p.lex))
		if err != nil {
			return true // prose will tell
		}
		p.tagger = tg
	}
	p.lex[word] = probeTag
	got := p.tagger.Tag([]string{word})[0].Tag
	delete(p.lex, word)
	t.probes.Put(p)
	return got != probeTag
}

// posWord is what the tagger's features take from a word: whether prose
// tags it by a rule of its own, its normal form, and the indexes (-1:
// none) of the features it makes in each place.
type posWord struct {
	special bool
	norm    string
	// suffix and pref1 are the features of the word's last three bytes
	// and first byte, as the word tagged.
	suffix, pref1 int32
	// at are the features of the normal form as the word tagged ("i
	// word "), one or two before it, one or two after it, and of its last
	// three bytes one before or after.
	at [7]int32
}

// The places of posWord.at.
const (
	atWord = iota
	atPrev
	atPrevSuffix
	atPrev2
	atNext
	atNextSuffix
	atNext2
)

// feature returns the index of the feature parts make, or -1.
func (t *fastTagger) feature(parts ...string) int32 {
	if f, ok := t.feats[strings.Join(parts, "")]; ok {
		return f
	}
	return -1
}

// contextWord is the posWord of a normal form (or a sentence marker).
func (t *fastTagger) contextWord(norm string) posWord {
	w := posWord{norm: norm}
	w.at[atWord] = t.feature("i word ", norm)
	w.at[atPrev] = t.feature("i-1 word ", norm)
	w.at[atPrevSuffix] = t.feature("i-1 suffix ", lastBytes(norm, 3))
	w.at[atPrev2] = t.feature("i-2 word ", norm)
	w.at[atNext] = t.feature("i+1 word ", norm)
	w.at[atNextSuffix] = t.feature("i+1 suffix ", lastBytes(norm, 3))
	w.at[atNext2] = t.feature("i+2 word ", norm)
	return w
}

// word returns the posWord of a token's text, remembered for up to
// maxSeen words.
func (t *fastTagger) word(text string) *posWord {
	if v, ok := t.seen.Load(text); ok {
		return v.(*posWord)
	}
	w := t.contextWord(posNormal(text))
	w.special = t.ask(text)
	w.suffix = t.feature("i suffix ", lastBytes(text, 3))
	w.pref1 = t.feature("i pref1 ", text[:min(len(text), 1)])
	if t.nSeen.Load() < maxSeen {
		// Copies, not to hold the document.
		text, w.norm = strings.Clone(text), strings.Clone(w.norm)
		if v, loaded := t.seen.LoadOrStore(text, &w); loaded {
			return v.(*posWord)
		}
		t.nSeen.Add(1)
	}
	return &w
}

// tag sets the Tag of each token as prose's tagger would, and reports
// whether it could: false, with the tags unset, when a word is one prose
// tags by a rule of its own.
func (t *fastTagger) tag(toks []token.Token) bool {
	if len(toks) == 0 {
		return true
	}
	// ctx is the sentence's words between two markers either side.
	ctx := make([]*posWord, len(toks)+4)
	ctx[0], ctx[1] = &t.marks[0], &t.marks[1]
	for i := range toks {
		if ctx[i+2] = t.word(toks[i].Text); ctx[i+2].special {
			return false
		}
	}
	ctx[len(ctx)-2], ctx[len(ctx)-1] = &t.marks[2], &t.marks[3]
	scores := make([]float32, len(t.classes))
	add := func(f int32) {
		if f < 0 {
			return
		}
		lo, hi := t.pairs[f], t.pairs[f+1]
		ws := t.weights[lo:hi]
		for j, id := range t.ids[lo:hi] {
			scores[id] += ws[j]
		}
	}
	nc := len(t.classes)
	p1, p2 := nc, nc+1 // class IDs, the markers past the classes
	var key []byte
	for i := range toks {
		word := toks[i].Text
		id, ok := t.words[word]
		if !ok {
			clear(scores)
			w := ctx[i+2]
			add(t.bias)
			add(w.suffix)
			add(w.pref1)
			add(t.prevTag[p1])
			add(t.prev2Tag[p2])
			add(t.tagPair[p1*(nc+2)+p2])
			add(w.at[atWord])
			key = append(append(append(append(key[:0], "i-1 tag+i word "...), t.tagName(p1)...), ' '), w.norm...)
			if f, ok := t.feats[string(key)]; ok {
				add(f)
			}
			add(ctx[i+1].at[atPrev])
			add(ctx[i+1].at[atPrevSuffix])
			add(ctx[i].at[atPrev2])
			add(ctx[i+3].at[atNext])
			add(ctx[i+3].at[atNextSuffix])
			add(ctx[i+4].at[atNext2])
			best := float32(math.Inf(-1))
			id = 0
			for c, s := range scores {
				if s > best {
					best, id = s, uint8(c)
				}
			}
		}
		toks[i].Tag = t.classes[id]
		p2, p1 = p1, int(id)
	}
	return true
}

// tagName is the name of a class ID, or of a marker past the classes.
func (t *fastTagger) tagName(id int) string {
	if id < len(t.classes) {
		return t.classes[id]
	}
	return startMarks[id-len(t.classes)]
}

// startMarks and endMarks stand for the tags and words before and after
// a sentence.
var (
	startMarks = [2]string{"-START-", "-START2-"}
	endMarks   = [2]string{"-END-", "-END2-"}
)

// prepare finds the features that do not depend on a sentence's words.
func (t *fastTagger) prepare() {
	nc := len(t.classes)
	t.bias = t.feature("bias")
	t.prevTag = make([]int32, nc+2)
	t.prev2Tag = make([]int32, nc+2)
	t.tagPair = make([]int32, (nc+2)*(nc+2))
	for a := range nc + 2 {
		t.prevTag[a] = t.feature("i-1 tag ", t.tagName(a))
		t.prev2Tag[a] = t.feature("i-2 tag ", t.tagName(a))
		for b := range nc + 2 {
			t.tagPair[a*(nc+2)+b] = t.feature("i tag+i-2 tag ", t.tagName(a), " ", t.tagName(b))
		}
	}
	t.marks = [4]posWord{t.contextWord(startMarks[0]), t.contextWord(startMarks[1]),
		t.contextWord(endMarks[0]), t.contextWord(endMarks[1])}
}

// posNormal is a word as the tagger's context holds it: "!HYPHEN" for a
// hyphenated word, "!YEAR" for four digits, "!DIGITS" for a word opening
// on a digit, else the word in lower case.
func posNormal(w string) string {
	switch {
	case w == "":
		return w
	case w[0] != '-' && strings.IndexByte(w, '-') >= 0:
		return "!HYPHEN"
	case len(w) == 4 && signedDigits(w):
		return "!YEAR"
	case w[0] >= '0' && w[0] <= '9':
		return "!DIGITS"
	}
	return strings.ToLower(w)
}

// signedDigits reports whether w is digits after an optional sign.
func signedDigits(w string) bool {
	if w[0] == '+' || w[0] == '-' {
		w = w[1:]
	}
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// lastBytes is the last n bytes of w, or w.
func lastBytes(w string, n int) string { return w[max(0, len(w)-n):] }
