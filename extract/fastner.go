package extract

import (
	"encoding/binary"
	"errors"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jdkato/prose/v3/ner/maxentmodel"
	"github.com/jdkato/prose/v3/token"
)

// fastModel scores tokens with the weights of prose's entity model, the
// way prose's ner.Extracter does, but with the weights of every label of
// a feature in one vector found by one hash lookup, where prose searches
// a sorted list once per feature and label (thirteen times as many
// lookups, each a binary search over 150,000 strings). It reads the
// model prose ships (ner/maxentmodel.English, layout documented in
// prose's internal/maxent).
//
// One feature, "en-wordlist" (whether the word is on prose's list of
// basic English words), cannot be computed outside prose. fastModel
// scores each token both ways; when the best label is the same either
// way, that is the label prose gives. When it is not, a word with a
// capital letter is not on the list (its words are lower-case); for a
// lower-case word the window is left to prose (label reports false).
// Tests check the labels against prose's on every window of the
// samples.
type fastModel struct {
	labels []string
	// vecs holds the weight of each label of every feature and value
	// the model has, found by the 64-bit FNV-1a hash of "feature-value"
	// (featureKey): keys[i] is vecs[i]'s, and slots an open-addressed
	// table of vector numbers + 1 (0: free) by key. A model of 128k
	// vectors takes 2 MB so, where a map of the strings took 9.
	vecs  []labelWeights
	keys  []uint64
	slots []uint32
	// bias, inList and notInList are the weights of the features of
	// every word ("bias", "en-wordlist" both ways); noPrev and noNext of
	// the prevword and nextword of none.
	bias, inList, notInList, noPrev, noNext *labelWeights

	words  sync.Map // token text -> *nerWord, up to maxNERWords words
	nWords atomic.Int32
}

type labelWeights [maxLabels]float32

const maxLabels = 16

// nerFeatures are prose's entity features, in the order prose sums them.
var nerFeatures = []string{"bias", "en-wordlist", "nextpos", "nextword", "pos", "pos+prevtag",
	"prefix3", "prevpos", "prevtag", "prevword", "shape", "shape+prevtag",
	"suffix3", "word", "word+nextpos", "word.lower", "wordlen"}

var loadFastModel = sync.OnceValues(func() (*fastModel, error) { return parseFastModel(maxentmodel.English) })

// parseFastModel reads prose's flat model: magic "PROSENER", version,
// cardinality, the labels (uint16-prefixed), the sorted keys as one blob
// with offsets, then one float32 weight per key; little-endian.
func parseFastModel(data []byte) (*fastModel, error) {
	bad := errors.New("entity model: unexpected layout")
	pos := 0
	u32 := func() (int, bool) {
		if pos+4 > len(data) {
			return 0, false
		}
		v := binary.LittleEndian.Uint32(data[pos:])
		pos += 4
		return int(v), true
	}
	if len(data) < 8 || string(data[:8]) != "PROSENER" {
		return nil, bad
	}
	pos = 8
	if v, ok := u32(); !ok || v != 1 {
		return nil, bad
	}
	if _, ok := u32(); !ok { // cardinality
		return nil, bad
	}
	nl, ok := u32()
	if !ok || nl == 0 || nl > maxLabels {
		return nil, bad
	}
	m := &fastModel{}
	for range nl {
		if pos+2 > len(data) {
			return nil, bad
		}
		n := int(binary.LittleEndian.Uint16(data[pos:]))
		pos += 2
		if pos+n > len(data) {
			return nil, bad
		}
		m.labels = append(m.labels, string(data[pos:pos+n]))
		pos += n
	}
	nk, ok1 := u32()
	blobLen, ok2 := u32()
	if !ok1 || !ok2 || pos+blobLen+4*(nk+1)+4*nk > len(data) {
		return nil, bad
	}
	blob := string(data[pos : pos+blobLen])
	pos += blobLen
	offs := data[pos : pos+4*(nk+1)]
	pos += 4 * (nk + 1)
	weights := data[pos : pos+4*nk]
	for i := range nk {
		a, b := binary.LittleEndian.Uint32(offs[4*i:]), binary.LittleEndian.Uint32(offs[4*i+4:])
		if a > b || int(b) > len(blob) {
			return nil, bad
		}
		key := blob[a:b]
		w := math.Float32frombits(binary.LittleEndian.Uint32(weights[4*i:]))
		for l, label := range m.labels {
			if strings.HasSuffix(key, "-"+label) {
				m.vector(featureKey(key[:len(key)-len(label)-1]))[l] = w
				break
			}
		}
	}
	// Grown while parsing, the vectors are copied once to their size.
	m.vecs, m.keys = slices.Clone(m.vecs), slices.Clone(m.keys)
	m.bias, m.inList, m.notInList = m.lookup("bias", "True"), m.lookup("en-wordlist", "True"), m.lookup("en-wordlist", "False")
	m.noPrev, m.noNext = m.lookup("prevword", "None"), m.lookup("nextword", "None")
	return m, nil
}

// nerWord is what the entity features take from a word alone: its lower
// case, its shape, and the weights (nil: none) of its prefix3, shape,
// suffix3, word, word.lower and wordlen features, and of its nextword
// and prevword features as the word after or before.
type nerWord struct {
	lower, shape string
	own          [6]*labelWeights
	next, prev   *labelWeights
}

// maxNERWords bounds how many words fastModel remembers the features of
// (some 2 MB).
const maxNERWords = 1 << 13

// word returns the nerWord of a token's text, remembered for up to
// maxNERWords words.
func (m *fastModel) word(text string) *nerWord {
	if v, ok := m.words.Load(text); ok {
		return v.(*nerWord)
	}
	lower := strings.ToLower(text)
	w := &nerWord{lower: lower, shape: nerShape(text)}
	w.own = [6]*labelWeights{m.lookup("prefix3", strings.ToLower(text[:min(len(text), 3)])), m.lookup("shape", w.shape),
		m.lookup("suffix3", strings.ToLower(text[len(text)-min(len(text), 3):])), m.lookup("word", text),
		m.lookup("word.lower", lower), m.lookup("wordlen", strconv.Itoa(len(text)))}
	w.next, w.prev = m.lookup("nextword", lower), m.lookup("prevword", lower)
	if m.nWords.Load() < maxNERWords {
		// Copies, not to hold the document.
		text, w.lower = strings.Clone(text), strings.Clone(lower)
		if v, loaded := m.words.LoadOrStore(text, w); loaded {
			return v.(*nerWord)
		}
		m.nWords.Add(1)
	}
	return w
}

// featureKey is the FNV-1a hash of name, a hyphen and the parts of the
// value, which is the hash of the model's "name-value" key.
func featureKey(name string, value ...string) uint64 {
	h := fnvString(fnvOffset, name)
	if len(value) > 0 {
		h = (h ^ '-') * fnvPrime
		for _, v := range value {
			h = fnvString(h, v)
		}
	}
	return h
}

// find returns the vector of a key, nil for none.
func (m *fastModel) find(key uint64) *labelWeights {
	if len(m.slots) == 0 {
		return nil
	}
	mask := uint64(len(m.slots) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		s := m.slots[i]
		if s == 0 {
			return nil
		}
		if m.keys[s-1] == key {
			return &m.vecs[s-1]
		}
	}
}

// vector returns the vector of a key, added if new (while parsing; the
// table is kept under half full).
func (m *fastModel) vector(key uint64) *labelWeights {
	if v := m.find(key); v != nil {
		return v
	}
	if 2*(len(m.keys)+1) > len(m.slots) {
		m.slots = make([]uint32, max(1024, 2*len(m.slots)))
		for i, k := range m.keys {
			m.place(k, uint32(i+1))
		}
	}
	m.keys = append(m.keys, key)
	m.vecs = append(m.vecs, labelWeights{})
	m.place(key, uint32(len(m.keys)))
	return &m.vecs[len(m.vecs)-1]
}

// place puts vector number n (+1) in the first free slot from key's.
func (m *fastModel) place(key uint64, n uint32) {
	mask := uint64(len(m.slots) - 1)
	i := key & mask
	for m.slots[i] != 0 {
		i = (i + 1) & mask
	}
	m.slots[i] = n
}

// lookup returns the weights of a feature and value, nil for none.
func (m *fastModel) lookup(name string, value ...string) *labelWeights {
	return m.find(featureKey(name, value...))
}

// label labels toks as prose's model would, and reports whether it
// could: false when some token's label depends on the basic-word
// feature, which only prose knows.
func (m *fastModel) label(toks []token.Token) bool {
	history := make([]string, 0, len(toks))
	words := make([]*nerWord, len(toks))
	for i := range toks {
		words[i] = m.word(toks[i].Text)
	}
	for i := range toks {
		word, w := toks[i].Text, words[i]
		prevShape, prevTag, prevPos := "None", "None", "None"
		prevWord := m.noPrev
		if i > 0 {
			prevWord, prevPos, prevTag = words[i-1].prev, toks[i-1].Tag, history[i-1]
			if i > 1 {
				prevShape = words[i-1].shape
			}
		}
		nextWord, nextPos := m.noNext, "None"
		if i < len(toks)-1 {
			nextWord, nextPos = words[i+1].next, strings.ToLower(toks[i+1].Tag)
		}
		var withTrue, withFalse [maxLabels]float32
		add := func(vec *labelWeights) {
			if vec != nil {
				for l := range m.labels {
					withTrue[l] += vec[l]
					withFalse[l] += vec[l]
				}
			}
		}
		// The features in the order prose sums them (nerFeatures).
		add(m.bias)
		for l := range m.labels {
			if m.inList != nil {
				withTrue[l] += m.inList[l]
			}
			if m.notInList != nil {
				withFalse[l] += m.notInList[l]
			}
		}
		add(m.lookup("nextpos", nextPos))
		add(nextWord)
		add(m.lookup("pos", toks[i].Tag))
		add(m.lookup("pos+prevtag", toks[i].Tag, "+", prevTag))
		add(w.own[0])
		add(m.lookup("prevpos", prevPos))
		add(m.lookup("prevtag", prevTag))
		add(prevWord)
		add(w.own[1])
		add(m.lookup("shape+prevtag", prevShape, "+", prevTag))
		add(w.own[2])
		add(w.own[3])
		add(m.lookup("word+nextpos", w.lower, "+", nextPos))
		add(w.own[4])
		add(w.own[5])
		a, b := m.best(&withTrue), m.best(&withFalse)
		if a != b {
			// The basic-word list is of lower-case words: a word with a
			// capital is not on it.
			if w.lower == word {
				return false
			}
			a = b
		}
		toks[i].Label = m.labels[a]
		history = append(history, simpleLabel(m.labels[a]))
	}
	return true
}

// best is the first label of the highest score.
func (m *fastModel) best(scores *[maxLabels]float32) int {
	best, top := 0, float32(math.Inf(-1))
	for l := range m.labels {
		if scores[l] > top {
			best, top = l, scores[l]
		}
	}
	return best
}

// simpleLabel is the label as the next token's history feature: B, I or
// O (a label starting with V would be "v"; the model has none).
func simpleLabel(l string) string {
	if strings.HasPrefix(l, "V") {
		return "v"
	}
	head, _, _ := strings.Cut(l, "-")
	return head
}

var (
	endsNonWord = regexp.MustCompile(`\W+$`)
	endsWord    = regexp.MustCompile(`\w+$`)
)

// nerShape is the model's word-shape feature.
func nerShape(word string) string {
	if _, err := strconv.ParseFloat(word, 64); err == nil {
		return "number"
	}
	if endsNonWord.MatchString(word) {
		return "punct"
	}
	if endsWord.MatchString(word) {
		if strings.ToLower(word) == word {
			return "downcase"
		}
		//lint:ignore SA1019 the model was trained on strings.Title's view of case
		if strings.Title(word) == word {
			return "upcase"
		}
		return "mixedcase"
	}
	return "other"
}
