package extract

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/claimex/claimex"
)

// The name tagger's weights, trained by `go run ./extract/internal/train`
// on part of GUM's Wikinews texts and of wikigold (CC BY; see the
// README). An empty file leaves the rules' mentions as they are.
//
//go:embed data/tagger.bin.gz
var taggerData []byte

// The tagger's labels: a name's first word, its other words, or none,
// for people, organisations and places.
const (
	tagO = iota
	tagBPer
	tagIPer
	tagBOrg
	tagIOrg
	tagBPlace
	tagIPlace
	numTags
)

// tagType is the entity type of a tag; tagBegin the first tag of a type.
var (
	tagType  = [numTags]string{"", claimex.Person, claimex.Person, claimex.Org, claimex.Org, claimex.GPE, claimex.GPE}
	tagBegin = map[string]int{claimex.Person: tagBPer, claimex.Org: tagBOrg, claimex.GPE: tagBPlace, claimex.Loc: tagBPlace}
)

// allowed reports whether tag b may follow tag a (a = numTags: the
// sentence's start): a name's inner word follows a word of the same name.
func allowed(a, b int) bool {
	if b == tagIPer || b == tagIOrg || b == tagIPlace {
		return a == b || a == b-1
	}
	return true
}

// predecessors lists, for each tag, the tags allowed before it inside a
// sentence, in order, so that Viterbi visits only those.
var predecessors = func() (out [numTags][]int8) {
	for y := 0; y < numTags; y++ {
		for p := 0; p < numTags; p++ {
			if allowed(p, y) {
				out[y] = append(out[y], int8(p))
			}
		}
	}
	return out
}()

// taggerBits is the number of bits of a hashed feature.
const taggerBits = 20

// nameTagger is a first-order sequence model over hashed features:
// emission weights per feature and tag, and transition weights.
type nameTagger struct {
	// w holds the weights of every feature while training: (1 <<
	// taggerBits) × numTags. A loaded model keeps only the features with
	// weights, in an open-addressed table of slots: a key (feature + 1, 0
	// for a free slot) beside its weights, so that a look-up reads one
	// cache line.
	w     []float32
	slots []taggerSlot
	trans [(numTags + 1) * numTags]float32
}

// taggerSlot is one feature of a loaded model: its key and weights (32
// bytes, two to a cache line).
type taggerSlot struct {
	key uint32
	w   [numTags]float32
}

// weights returns the weights of feature f, nil for none.
func (t *nameTagger) weights(f uint32) []float32 {
	if t.w != nil {
		return t.w[int(f)*numTags : int(f)*numTags+numTags]
	}
	mask := uint32(len(t.slots) - 1)
	for k := (f * 2654435761) & mask; ; k = (k + 1) & mask {
		sl := &t.slots[k]
		switch sl.key {
		case f + 1:
			return sl.w[:]
		case 0:
			return nil
		}
	}
}

// fill sets the table to the features feats and their weights, numTags
// each (a feature twice: the last weights).
func (t *nameTagger) fill(feats []uint32, weights []float32) {
	size := 1
	for size < 2*len(feats)+1 {
		size *= 2
	}
	t.w, t.slots = nil, make([]taggerSlot, size)
	mask := uint32(size - 1)
	for i, f := range feats {
		k := (f * 2654435761) & mask
		for t.slots[k].key != 0 && t.slots[k].key != f+1 {
			k = (k + 1) & mask
		}
		t.slots[k].key = f + 1
		copy(t.slots[k].w[:], weights[i*numTags:(i+1)*numTags])
	}
}

// newTagger is a model to train, every feature's weights zero.
func newTagger() *nameTagger { return &nameTagger{w: make([]float32, (1<<taggerBits)*numTags)} }

// taggerMagic opens a weights file.
const taggerMagic = "claimex-tagger-1\n"

var loadNameTagger = sync.OnceValues(func() (*nameTagger, error) {
	if len(taggerData) == 0 {
		return nil, nil
	}
	return decodeTagger(taggerData)
})

// decodeTagger reads a weights file: the magic line, the transition
// weights, the number of features with weights, and for each its index
// and weights, all little-endian float32 and uint32, gzipped.
func decodeTagger(data []byte) (*nameTagger, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	if !bytes.HasPrefix(raw, []byte(taggerMagic)) {
		return nil, errors.New("tagger: not a weights file")
	}
	raw = raw[len(taggerMagic):]
	u32 := func() uint32 {
		v := binary.LittleEndian.Uint32(raw)
		raw = raw[4:]
		return v
	}
	f32 := func() float32 { return math.Float32frombits(u32()) }
	t := &nameTagger{}
	if len(raw) < 4*len(t.trans)+4 {
		return nil, errors.New("tagger: short file")
	}
	for i := range t.trans {
		t.trans[i] = f32()
	}
	n := int(u32())
	if n > 1<<taggerBits || len(raw) != n*(4+4*numTags) {
		return nil, errors.New("tagger: bad length")
	}
	feats := make([]uint32, n)
	weights := make([]float32, n*numTags)
	for k := range n {
		f := u32()
		if f >= 1<<taggerBits {
			return nil, fmt.Errorf("tagger: feature %d out of range", f)
		}
		feats[k] = f
		for y := 0; y < numTags; y++ {
			weights[k*numTags+y] = f32()
		}
	}
	t.fill(feats, weights)
	return t, nil
}

// encode writes the weights file decodeTagger reads.
func (t *nameTagger) encode() ([]byte, error) {
	var raw bytes.Buffer
	raw.WriteString(taggerMagic)
	var b [4]byte
	putU := func(v uint32) {
		binary.LittleEndian.PutUint32(b[:], v)
		raw.Write(b[:])
	}
	put := func(v float32) { putU(math.Float32bits(v)) }
	for _, v := range t.trans {
		put(v)
	}
	var used []uint32
	for f := uint32(0); f < 1<<taggerBits; f++ {
		for _, v := range t.weights(f) {
			if v != 0 {
				used = append(used, f)
				break
			}
		}
	}
	putU(uint32(len(used)))
	for _, f := range used {
		putU(f)
		for _, v := range t.weights(f) {
			put(v)
		}
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// decode returns the best tags of a sentence's features (Viterbi).
func (t *nameTagger) decode(feats [][]uint32) []int {
	n := len(feats)
	if n == 0 {
		return nil
	}
	score := make([][numTags]float32, n)
	back := make([][numTags]int8, n)
	for i, fs := range feats {
		var em [numTags]float32
		for _, f := range fs {
			if ws := t.weights(f); ws != nil {
				for y := range em {
					em[y] += ws[y]
				}
			}
		}
		for y := 0; y < numTags; y++ {
			best, arg := float32(math.Inf(-1)), int8(-1)
			if i == 0 {
				if allowed(numTags, y) {
					best, arg = t.trans[numTags*numTags+y], int8(numTags)
				}
			} else {
				prev, prevBack := &score[i-1], &back[i-1]
				for _, p := range predecessors[y] {
					if prevBack[p] < 0 {
						continue
					}
					if v := prev[p] + t.trans[int(p)*numTags+y]; v > best {
						best, arg = v, p
					}
				}
			}
			score[i][y], back[i][y] = best+em[y], arg
		}
	}
	out := make([]int, n)
	best := float32(math.Inf(-1))
	for y := 0; y < numTags; y++ {
		if back[n-1][y] >= 0 && score[n-1][y] > best {
			best, out[n-1] = score[n-1][y], y
		}
	}
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
	return out
}

// docView is what the tagger's features know of the whole document: the
// words it capitalises inside sentences, and the types the rules gave
// each word.
type docView struct {
	capital map[string]bool
	types   map[string]uint8 // bit per tag type: 1 person, 2 org, 4 place
}

func (x *Extractor) docView(sents []*sentence) docView {
	v := docView{capital: map[string]bool{}, types: map[string]uint8{}}
	for _, s := range sents {
		if !s.titleCase {
			for i := 1; i < len(s.toks); i++ {
				if upper(s.toks[i].Text) {
					v.capital[s.words[i]] = true
				}
			}
		}
		for _, m := range s.ments {
			bit := typeBit(m.typ)
			for i := m.first; i <= m.last; i++ {
				v.types[s.words[i]] |= bit
			}
		}
	}
	return v
}

func typeBit(typ string) uint8 {
	switch typ {
	case claimex.Person:
		return 1
	case claimex.Org:
		return 2
	}
	return 4
}

// hasher builds hashed features: a template number and its values.
type hasher struct{ h uint64 }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func (h *hasher) start(tpl byte) *hasher {
	h.h = fnvOffset
	h.h ^= uint64(tpl)
	h.h *= fnvPrime
	return h
}

// fnvString is FNV-1a hash h continued over the bytes of s.
func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

func (h *hasher) str(s string) *hasher {
	h.h = fnvString(h.h, s)
	h.h ^= 0xff
	h.h *= fnvPrime
	return h
}

func (h *hasher) num(n int) *hasher {
	h.h ^= uint64(n) + 0x100
	h.h *= fnvPrime
	return h
}

// sum is the feature's index: the hash mixed (murmur3's finaliser), for
// FNV's last bytes reach its high bits only after a few more rounds, and
// a template of numbers alone would give all its values one index.
func (h *hasher) sum() uint32 {
	v := h.h
	v ^= v >> 33
	v *= 0xff51afd7ed558ccd
	v ^= v >> 33
	v *= 0xc4ceb9fe1a85ec53
	v ^= v >> 33
	return uint32(v) & (1<<taggerBits - 1)
}

// features returns the hashed features of each token of s.
func (x *Extractor) features(s *sentence, v docView) [][]uint32 {
	n := len(s.toks)
	out := make([][]uint32, n)
	var h hasher
	word := func(i int) string {
		if i < 0 {
			return "<s>"
		}
		if i >= n {
			return "</s>"
		}
		return s.words[i]
	}
	shapes := make([]string, n)
	for i, t := range s.toks {
		shapes[i] = wordShape(t.Text)
	}
	shape := func(i int) string {
		if i < 0 || i >= n {
			return "-"
		}
		return shapes[i]
	}
	// rules[i+1] is the rules' tag of token i, names[i] its rule.
	rules, names := make([]int, n+2), make([]string, n)
	for i := -1; i <= n; i++ {
		rules[i+1] = tagO
		if i < 0 || i >= n {
			rules[i+1] = numTags
		}
	}
	for _, m := range s.ments {
		for i := m.first; i <= m.last && i < n; i++ {
			if rules[i+1] == tagO {
				rules[i+1], names[i] = tagBegin[m.typ], m.rule
				if i > m.first {
					rules[i+1]++
				}
			}
		}
	}
	buf := make([]uint32, 0, 40*n)
	gaz := make([]int, n) // 0 none, else kind*2 + inner
	for i := 0; i < n; {
		p, k := x.gazetteer.at(s.words, i)
		if k == 0 {
			i++
			continue
		}
		kind := 1
		switch p.kind {
		case "country":
			kind = 2
		case "region":
			kind = 3
		case "demonym":
			kind = 4
		}
		for j := i; j < i+k; j++ {
			gaz[j] = kind * 2
			if j > i {
				gaz[j]++
			}
		}
		i += k
	}
	caps := allCapsSentence(s)
	for i := 0; i < n; i++ {
		w, t := s.words[i], s.toks[i]
		start := len(buf)
		add := func(f uint32) { buf = append(buf, f) }
		add(h.start(0).sum())
		add(h.start(1).str(w).sum())
		add(h.start(2).str(shapes[i]).sum())
		for k := 1; k <= 3; k++ {
			if p, ok := prefixRunes(w, k); ok {
				add(h.start(3).num(k).str(p).sum())
			}
		}
		for k := 1; k <= 4; k++ {
			if p, ok := suffixRunes(w, k); ok {
				add(h.start(4).num(k).str(p).sum())
			}
		}
		for d := -2; d <= 2; d++ {
			if d == 0 {
				continue
			}
			add(h.start(5).num(d + 2).str(word(i + d)).sum())
		}
		add(h.start(6).str(shape(i - 1)).str(shapes[i]).sum())
		add(h.start(7).str(shapes[i]).str(shape(i + 1)).sum())
		add(h.start(8).str(word(i - 1)).str(w).sum())
		add(h.start(9).str(w).str(word(i + 1)).sum())
		add(h.start(10).str(t.Tag).sum())
		if i > 0 {
			add(h.start(11).str(s.toks[i-1].Tag).str(t.Tag).sum())
		}
		if i+1 < n {
			add(h.start(12).str(t.Tag).str(s.toks[i+1].Tag).sum())
		}
		add(h.start(13).str(t.Label).sum())
		rt, rule := rules[i+1], names[i]
		add(h.start(14).num(rt).sum())
		add(h.start(15).num(rt).str(rule).sum())
		add(h.start(16).num(rules[i]).num(rt).num(rules[i+2]).sum())
		add(h.start(17).num(rt).str(shapes[i]).sum())
		add(h.start(18).num(rt).str(w).sum())
		add(h.start(19).num(gaz[i]).sum())
		if i > 0 {
			add(h.start(20).num(gaz[i-1]).num(gaz[i]).sum())
		}
		flags := 0
		if x.isCommon(w) {
			flags |= 1
		}
		if x.isGivenName(w) {
			flags |= 2
		}
		if v.capital[w] {
			flags |= 4
		}
		if i == 0 {
			flags |= 8
		}
		if s.titleCase {
			flags |= 16
		}
		if caps {
			flags |= 32
		}
		add(h.start(21).num(flags).sum())
		add(h.start(22).num(flags).str(shapes[i]).sum())
		add(h.start(23).num(int(v.types[w])).sum())
		add(h.start(24).num(int(v.types[w])).num(rt).sum())
		if i > 0 {
			add(h.start(25).str(s.toks[i-1].Label).str(t.Label).sum())
		}
		out[i] = buf[start:len(buf):len(buf)]
	}
	return out
}

func prefixRunes(w string, k int) (string, bool) {
	n := 0
	for i := range w {
		if n == k {
			return w[:i], true
		}
		n++
	}
	return w, n == k
}

func suffixRunes(w string, k int) (string, bool) {
	i := len(w)
	for n := 0; n < k; n++ {
		if i == 0 {
			return "", false
		}
		_, size := utf8.DecodeLastRuneInString(w[:i])
		i -= size
	}
	return w[i:], true
}

// wordShape writes a word's letters as X or x and its digits as d,
// runs of one kind cut to two ("Xxx", "XX", "dd.dd").
func wordShape(t string) string {
	var b strings.Builder
	var last rune
	run := 0
	for _, r := range t {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			run++
			if run >= 2 {
				continue
			}
		} else {
			last, run = c, 0
		}
		b.WriteRune(c)
	}
	return b.String()
}

// tagged sets the mentions of each sentence by the tagger's reading and
// the rules'. The rules' mentions of strong evidence (keepPrio: a title,
// a role, an organisation's or a place's shape, the gazetteer, prose's
// person labels; and shapeRules) stand, but for what readName lets the
// tagger change. Where the rules are weak or silent, the tagger's reading
// stands, a name taking the rules' mention (its role, canonical name and
// rule) where they read the same words and type.
func (x *Extractor) tagged(t *nameTagger, sents []*sentence) {
	v := x.docView(sents)
	for _, s := range sents {
		if len(s.ments) == 0 && !x.capitalised(s) {
			continue // no name to read: no capital but a common first word's
		}
		tags := t.decode(x.features(s, v))
		var out []mention
		for _, m := range s.ments {
			if m.prio >= keepPrio || shapeRules[m.rule] {
				out = append(out, m)
			}
		}
		for i := 0; i < len(tags); {
			if tags[i] == tagO {
				i++
				continue
			}
			j := i
			for j+1 < len(tags) && tags[j+1] == tags[i]+1 && tags[i]%2 == 1 {
				j++
			}
			// A person's name read to a middle initial goes on past its
			// full stop ("John A" of "John A. Corder"), over the name the
			// tagger read after it, or one word.
			for tags[i] == tagBPer && j > i && x.initialBefore(s, j) {
				j += 2
				for j+1 < len(tags) && tags[j+1] == tagIPer {
					j++
				}
			}
			if tags[i] == tagBPer {
				j = particleEnd(s, i, j)
			}
			if a, b := trimMention(s, i, j); a <= b && !x.noNames(s, a, b) {
				out = x.readName(s, out, a, b, tagType[tags[i]])
			}
			i = j + 1
		}
		sort.Slice(out, func(i, j int) bool { return out[i].first < out[j].first })
		s.ments = out
	}
	x.lonePeople(sents)
	x.oneType(sents)
}

// particleEnd is the last word of the person's name the tagger read over
// tokens i..j: where it stops before a lower-case particle that a rules'
// person's name from i goes on through ("Mohammed bin Salman", "Ayman
// al-Zawahiri"), the end of the rules' name; else j.
func particleEnd(s *sentence, i, j int) int {
	if j+1 >= len(s.toks) {
		return j
	}
	t := s.toks[j+1].Text
	if r, _ := utf8.DecodeRuneInString(t); !unicode.IsLower(r) || !nameSkip[s.words[j+1]] && !particleName(t) {
		return j
	}
	for _, m := range s.ments {
		if m.typ == claimex.Person && m.first <= i && m.last > j {
			return m.last
		}
	}
	return j
}

// capitalised reports whether a sentence has a word with a capital that
// may be a name: past its first word, or a first word no common one.
func (x *Extractor) capitalised(s *sentence) bool {
	for i := range s.toks {
		if upper(s.toks[i].Text) && (i > 0 || !x.isCommon(s.words[i])) {
			return true
		}
	}
	return false
}

// readName adds to the strong mentions of s (out) the tagger's name of
// tokens a..b typed typ. Over none of them, it stands. Over the same
// words as one, it may make a town's name an organisation's ("Milan" the
// club; not a country's) or an organisation's shape a place's ("Grand
// Hotel"; not a club, a body the rules name or a club's opener). Holding
// one or more of them whole, and more, it takes their place ("65th Air
// Division" for "Air Division"), unless one is titled or has a role. A
// person's words never make another type, nor the other way, but for a
// town of the gazetteer inside a longer name of a person ("William T.
// Sherman"); else the rules' mentions stand.
func (x *Extractor) readName(s *sentence, out []mention, a, b int, typ string) []mention {
	if x.townSurname(s, out, a, b, typ) {
		typ = claimex.Person
	}
	person := typ == claimex.Person
	var inside []int
	whole := true
	for k, m := range out {
		if m.last < a || m.first > b {
			continue
		}
		inside = append(inside, k)
		// A place of the gazetteer inside a longer name of a person is
		// part of it ("Sherman" of "William T. Sherman").
		// A country's is not ("JAPAN GET LUCKY WIN").
		part := person && m.rule == "entity/gazetteer" && m.last-m.first < b-a && !x.isCountry(s, m.first, m.last)
		whole = whole && m.first >= a && m.last <= b && m.prio < prioRole && ((m.typ == claimex.Person) == person || part)
	}
	if len(inside) == 0 {
		m := x.taggedMention(s, a, b, typ)
		m.tagged = true
		return append(out, m)
	}
	if k := inside[0]; len(inside) == 1 && out[k].first == a && out[k].last == b {
		// The same words: a place's name an organisation's ("Milan" the
		// club), unless the place is a country (its national team is the
		// country) or was read from where it stands ("the hospital in
		// Quillabamba"); an organisation's shape a place's ("Century City
		// Towers"), unless the rules read a club or a named body.
		m := out[k]
		toOrg := typ == claimex.Org && (m.typ == claimex.GPE || m.typ == claimex.Loc) && !x.isCountry(s, a, b) &&
			m.rule != "entity/place-context"
		toPlace := typ == claimex.GPE && m.typ == claimex.Org && !strongOrgRules[m.rule]
		if toOrg || toPlace {
			out[k] = x.taggedMention(s, a, b, typ)
			out[k].tagged = true
		}
		// A town's name read as a person's: lonePeople decides.
		out[k].personRead = person && m.rule == "entity/gazetteer" && !x.isCountry(s, a, b)
		return out
	}
	if !whole {
		return out
	}
	kept := out[:0]
	for k, m := range out {
		if !slices.Contains(inside, k) {
			kept = append(kept, m)
		}
	}
	m := x.taggedMention(s, a, b, typ)
	m.tagged = true
	return append(kept, m)
}

// townSurname reports whether the tagger's place over tokens a..b
// is a word the gazetteer and the common words do not know before a town
// of the gazetteer, the rest of it and no more ("Rahel Levin"): a person
// whose surname is a town's name. A place's name of two words is the
// gazetteer's whole ("San Diego") or opens with a common word ("North",
// "Lake", "Greater"); one that opens with a word of neither is seldom a
// place.
func (x *Extractor) townSurname(s *sentence, out []mention, a, b int, typ string) bool {
	if typ != claimex.GPE && typ != claimex.Loc || b != a+1 || x.isCommon(s.words[a]) {
		return false
	}
	if _, n := x.gazetteer.at(s.words, a); n > 0 {
		return false
	}
	for _, m := range out {
		if m.first == b && m.last == b && m.rule == "entity/gazetteer" && !x.isCountry(s, m.first, m.last) {
			return true
		}
	}
	return false
}

// oneType gives a name one type in a document: the type the tagger reads
// it most in ("Scientology" three times an organisation, once a person),
// the first read on a tie.
func (x *Extractor) oneType(sents []*sentence) {
	votes := map[string]*[numTags]int{}
	for _, s := range sents {
		for _, m := range s.ments {
			k := s.cut(m.first, m.last)
			if votes[k] == nil {
				votes[k] = &[numTags]int{}
			}
			votes[k][tagBegin[m.typ]]++
		}
	}
	for _, s := range sents {
		for k, m := range s.ments {
			if !m.tagged {
				continue
			}
			v := votes[s.cut(m.first, m.last)]
			best := tagBegin[m.typ]
			for y := tagBPer; y < numTags; y += 2 {
				if v[y] > v[best] {
					best = y
				}
			}
			if best != tagBegin[m.typ] {
				s.ments[k] = x.taggedMention(s, m.first, m.last, tagType[best])
				s.ments[k].tagged = true
			}
		}
	}
}

// lonePeople settles the names of one word the tagger alone read by the
// document's people: the surname of one person the document names in
// full is that person ("Zarqawi" after "Abu Musab al-Zarqawi"), whatever
// type the tagger read, and so is a town's name of the gazetteer that
// the tagger read as a person's ("Sherman" after "William T. Sherman");
// a person of one word the rules did not read, and
// no fuller name holds, is dropped ("Dabiq said", "Airstrikes hit"): as
// for prose's model, a single word needs the document's evidence.
func (x *Extractor) lonePeople(sents []*sentence) {
	named := map[string]bool{}
	full := map[string]string{} // surname → full name, "" for two
	for _, s := range sents {
		for _, m := range s.ments {
			if m.typ != claimex.Person || m.last == m.first {
				continue
			}
			for i := m.first; i <= m.last; i++ {
				named[s.words[i]] = true
			}
			name := s.cut(m.first, m.last)
			if m.canonical != "" {
				name = m.canonical
			}
			key := bareSurname(s.words[m.last])
			if old, ok := full[key]; ok && old != name {
				full[key] = ""
			} else {
				full[key] = name
			}
		}
	}
	for _, s := range sents {
		out := s.ments[:0]
		for _, m := range s.ments {
			if m.personRead && m.first == m.last {
				// "Sherman" after "William T. Sherman", read a person.
				if name := full[bareSurname(s.words[m.first])]; name != "" && named[s.words[m.first]] {
					m.typ, m.canonical, m.rule, m.prio, m.tagged = claimex.Person, name, "entity/tagger", prioGuess, true
				}
			} else if m.tagged && m.first == m.last && m.rule == "entity/tagger" {
				if name := full[bareSurname(s.words[m.first])]; name != "" {
					m.typ, m.canonical = claimex.Person, name
				} else if m.typ == claimex.Person && !named[s.words[m.first]] && !x.loneGivenName(s, m.first) {
					continue
				}
			}
			out = append(out, m)
		}
		s.ments = out
	}
}

// loneGivenName reports whether the word at i is a given name that is no
// common word nor a month ("Gloria", not "June" nor "Will"): a person of
// one word the tagger read there stands without a fuller name.
func (x *Extractor) loneGivenName(s *sentence, i int) bool {
	w := s.words[i]
	return x.isGivenName(w) && !x.isCommon(w) && !x.isMonth(s, i)
}

// bareSurname is a folded surname without the particle joined to it
// ("al-zarqawi": "zarqawi").
func bareSurname(w string) string {
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "bin-"} {
		if rest, ok := strings.CutPrefix(w, p); ok && rest != "" {
			return rest
		}
	}
	return w
}

// shapeRules are the rules of weaker evidence whose mentions stand too:
// a name's shape no model knows ("el-Sisi", "near Al Huwayjah").
var shapeRules = map[string]bool{"entity/particle-name": true, "entity/place-context": true}

// strongOrgRules read organisations the tagger does not make places:
// clubs after a sports word, the bodies the rules name, the openers of
// clubs' and companies' names.
var strongOrgRules = map[string]bool{"entity/club": true, "entity/known": true, "entity/org-opener": true}

// isCountry reports whether tokens a..b are a country's name.
func (x *Extractor) isCountry(s *sentence, a, b int) bool {
	p, n := x.gazetteer.at(s.words, a)
	return n == b-a+1 && p.kind == "country"
}

// noNames reports whether tokens a..b are no name: each a people's
// adjective, a faith or an all-capital word the rules say is not an
// organisation ("Shia Arab", "MP").
func (x *Extractor) noNames(s *sentence, a, b int) bool {
	for i := a; i <= b; i++ {
		if !x.noName(s, i) && !x.lex.notAcronyms.has(s.words, i) {
			return false
		}
	}
	return true
}

// keepPrio is the least evidence of a rule's mention that the tagger
// keeps as the rule read it: a title, a role, an organisation's or a
// place's shape, the gazetteer. The tagger decides the rest.
const keepPrio = prioModel

// noName reports whether the word at i, alone, is no name: a people's
// adjective or a faith ("Kazakh", "German", "Sunni").
func (x *Extractor) noName(s *sentence, i int) bool {
	if x.lex.groups.has(s.words, i) {
		return true
	}
	if _, ok := demonyms()[s.words[i]]; ok {
		return true
	}
	p, n := x.gazetteer.at(s.words, i)
	if n == 1 && p.kind == "demonym" {
		return true
	}
	// "Kazakh", "Uzbek": the people of a country named for them.
	for _, end := range []string{"stan", "istan"} {
		if p, ok := x.gazetteer.names[s.words[i]+end]; ok && p.kind == "country" {
			return true
		}
	}
	return false
}

// taggedMention is the mention of tokens first..last the tagger typed
// typ: the rules' own where they found the same words.
func (x *Extractor) taggedMention(s *sentence, first, last int, typ string) mention {
	m := mention{first: first, last: last, typ: typ, rule: "entity/tagger", prio: prioGuess}
	for _, r := range s.ments {
		if r.first == first && r.last == last {
			if tagBegin[r.typ] == tagBegin[typ] {
				return r
			}
			m.role = r.role
			break
		}
	}
	if typ == claimex.GPE {
		if p, n := x.gazetteer.at(s.words, first); n == last-first+1 && p.kind != "demonym" {
			m.canonical = p.canonical
		} else {
			m.typ = claimex.Loc
		}
	}
	return m
}
