package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"runtime/debug"
	"sync"

	"github.com/jdkato/prose/v3/token"
)

// An analysis is what prose's models said of a document's text: the
// part-of-speech tag of every token and the entity labels of every window
// the entity model read. It depends on the text and the models only, not
// on the rules, so extraction keeps it with the document and a later run
// (claimex extract after a rules change) reuses it instead of running the
// models again, which cost most of extraction. A window the new rules
// ask for that the analysis lacks is labelled afresh.
//
// Encoding: a header (magic, format version, the prose version, the first
// 8 bytes of the text's SHA-256), a string table, then per sentence its
// token tags and its windows with their labels, all as uvarints. A header
// that does not match the text or this build makes the analysis unused.
type analysis struct {
	sents []sentenceAnalysis
}

type sentenceAnalysis struct {
	tags    []string
	windows []labelledWindow
}

type labelledWindow struct {
	start, end int
	labels     []string
}

// analysisMagic names the format and the tokenization the tags were made
// for: CXA2 since citation markers are cut off their words.
const analysisMagic = "CXA2"

// modelVersion names the prose build whose output an analysis holds.
var modelVersion = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/jdkato/prose/v3" {
				return d.Version
			}
		}
	}
	return "unknown"
})

func textKey(text string) []byte {
	sum := sha256.Sum256([]byte(text))
	return sum[:8]
}

// encode writes the analysis for text.
func (a *analysis) encode(text string) []byte {
	var b bytes.Buffer
	b.WriteString(analysisMagic)
	putString(&b, modelVersion())
	b.Write(textKey(text))
	table := map[string]int{}
	var strs []string
	intern := func(s string) int {
		i, ok := table[s]
		if !ok {
			i = len(strs)
			table[s] = i
			strs = append(strs, s)
		}
		return i
	}
	var body bytes.Buffer
	putUint(&body, len(a.sents))
	for _, s := range a.sents {
		putUint(&body, len(s.tags))
		for _, t := range s.tags {
			putUint(&body, intern(t))
		}
		putUint(&body, len(s.windows))
		for _, w := range s.windows {
			putUint(&body, w.start)
			putUint(&body, w.end)
			for _, l := range w.labels {
				putUint(&body, intern(l))
			}
		}
	}
	putUint(&b, len(strs))
	for _, s := range strs {
		putString(&b, s)
	}
	b.Write(body.Bytes())
	return b.Bytes()
}

var errStale = errors.New("analysis does not match")

// decodeAnalysis reads an analysis made for text by this build, or fails.
func decodeAnalysis(data []byte, text string) (*analysis, error) {
	r := bytes.NewReader(data)
	magic := make([]byte, len(analysisMagic))
	if _, err := r.Read(magic); err != nil || string(magic) != analysisMagic {
		return nil, errStale
	}
	if v, err := getString(r); err != nil || v != modelVersion() {
		return nil, errStale
	}
	key := make([]byte, 8)
	if _, err := r.Read(key); err != nil || !bytes.Equal(key, textKey(text)) {
		return nil, errStale
	}
	n, err := getUint(r, r.Len())
	if err != nil {
		return nil, err
	}
	strs := make([]string, n)
	for i := range strs {
		if strs[i], err = getString(r); err != nil {
			return nil, err
		}
	}
	str := func() (string, error) {
		i, err := getUint(r, len(strs)-1)
		if err != nil {
			return "", err
		}
		return strs[i], nil
	}
	ns, err := getUint(r, r.Len())
	if err != nil {
		return nil, err
	}
	a := &analysis{sents: make([]sentenceAnalysis, ns)}
	for i := range a.sents {
		s := &a.sents[i]
		nt, err := getUint(r, r.Len())
		if err != nil {
			return nil, err
		}
		s.tags = make([]string, nt)
		for j := range s.tags {
			if s.tags[j], err = str(); err != nil {
				return nil, err
			}
		}
		nw, err := getUint(r, nt)
		if err != nil {
			return nil, err
		}
		for range nw {
			start, err := getUint(r, nt)
			if err != nil {
				return nil, err
			}
			end, err := getUint(r, nt)
			if err != nil || end < start {
				return nil, errStale
			}
			w := labelledWindow{start: start, end: end, labels: make([]string, end-start)}
			for k := range w.labels {
				if w.labels[k], err = str(); err != nil {
					return nil, err
				}
			}
			s.windows = append(s.windows, w)
		}
	}
	if r.Len() != 0 {
		return nil, errStale
	}
	return a, nil
}

func putUint(b *bytes.Buffer, n int) { b.Write(binary.AppendUvarint(nil, uint64(n))) }

func putString(b *bytes.Buffer, s string) {
	putUint(b, len(s))
	b.WriteString(s)
}

// getUint reads a uvarint no greater than max.
func getUint(r *bytes.Reader, max int) (int, error) {
	v, err := binary.ReadUvarint(r)
	if err != nil || v > uint64(max) {
		return 0, errStale
	}
	return int(v), nil
}

func getString(r *bytes.Reader) (string, error) {
	n, err := getUint(r, r.Len())
	if err != nil {
		return "", err
	}
	b := make([]byte, n)
	if _, err := r.Read(b); err != nil && n > 0 {
		return "", errStale
	}
	return string(b), nil
}

// tagsFor returns the cached tags of sentence i when they fit its tokens.
func (a *analysis) tagsFor(i int, toks []token.Token) bool {
	if a == nil || i >= len(a.sents) || len(a.sents[i].tags) != len(toks) {
		return false
	}
	for j, t := range a.sents[i].tags {
		toks[j].Tag = t
	}
	return true
}

// window returns the cached labels of sentence i's window [start, end).
func (a *analysis) window(i, start, end int) []string {
	if a == nil || i >= len(a.sents) {
		return nil
	}
	for _, w := range a.sents[i].windows {
		if w.start == start && w.end == end {
			return w.labels
		}
	}
	return nil
}
