package extract

import (
	"encoding/binary"
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"

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
	// vecs maps "feature-value" to the weight of each label.
	vecs map[string]*labelWeights
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
	m := &fastModel{vecs: map[string]*labelWeights{}}
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
				fv := key[:len(key)-len(label)-1]
				vec := m.vecs[fv]
				if vec == nil {
					vec = &labelWeights{}
					m.vecs[fv] = vec
				}
				vec[l] = w
				break
			}
		}
	}
	return m, nil
}

// label labels toks as prose's model would, and reports whether it
// could: false when some token's label depends on the basic-word
// feature, which only prose knows.
func (m *fastModel) label(toks []token.Token) bool {
	var key []byte
	lookup := func(name, value string) *labelWeights {
		key = append(key[:0], name...)
		key = append(key, '-')
		key = append(key, value...)
		return m.vecs[string(key)]
	}
	history := make([]string, 0, len(toks))
	vals := make([]string, len(nerFeatures))
	for i := range toks {
		word := toks[i].Text
		lower := strings.ToLower(word)
		prevShape, prevTag, prevWord, prevPos := "None", "None", "None", "None"
		if i > 0 {
			prevWord, prevPos, prevTag = strings.ToLower(toks[i-1].Text), toks[i-1].Tag, history[i-1]
			if i > 1 {
				prevShape = nerShape(toks[i-1].Text)
			}
		}
		nextWord, nextPos := "None", "None"
		if i < len(toks)-1 {
			nextWord, nextPos = strings.ToLower(toks[i+1].Text), strings.ToLower(toks[i+1].Tag)
		}
		vals[0] = "True"
		vals[2], vals[3] = nextPos, nextWord
		vals[4], vals[5] = toks[i].Tag, toks[i].Tag+"+"+prevTag
		vals[6] = strings.ToLower(word[:min(len(word), 3)])
		vals[7], vals[8], vals[9] = prevPos, prevTag, prevWord
		vals[10], vals[11] = nerShape(word), prevShape+"+"+prevTag
		vals[12] = strings.ToLower(word[len(word)-min(len(word), 3):])
		vals[13], vals[14], vals[15], vals[16] = word, lower+"+"+nextPos, lower, strconv.Itoa(len(word))

		var withTrue, withFalse [maxLabels]float32
		for f, name := range nerFeatures {
			if f == 1 {
				t, fl := lookup(name, "True"), lookup(name, "False")
				for l := range m.labels {
					if t != nil {
						withTrue[l] += t[l]
					}
					if fl != nil {
						withFalse[l] += fl[l]
					}
				}
				continue
			}
			if vec := lookup(name, vals[f]); vec != nil {
				for l := range m.labels {
					withTrue[l] += vec[l]
					withFalse[l] += vec[l]
				}
			}
		}
		a, b := m.best(&withTrue), m.best(&withFalse)
		if a != b {
			// The basic-word list is of lower-case words: a word with a
			// capital is not on it.
			if lower == word {
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
