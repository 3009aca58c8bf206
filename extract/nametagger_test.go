package extract

import (
	"bytes"
	"compress/gzip"
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/claimex/claimex"
)

// toyTagger is a small model with weights on a few features.
func toyTagger() *nameTagger {
	t := newTagger()
	for f, y := range map[uint32]int{7: tagBPer, 8: tagIPer, 1000: tagBOrg, 1<<taggerBits - 1: tagBPlace} {
		t.w[int(f)*numTags+y] = 2.5
		t.w[int(f)*numTags+tagO] = -0.5
	}
	t.trans[tagBPer*numTags+tagIPer] = 1
	t.trans[numTags*numTags+tagO] = 0.25
	return t
}

func gz(b []byte) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// TestTaggerWeights: a weights file reads back to a model that tags as
// the one written; a file that is not one is refused.
func TestTaggerWeights(t *testing.T) {
	toy := toyTagger()
	data, err := toy.encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeTagger(data)
	if err != nil {
		t.Fatal(err)
	}
	// A model read writes the same file again.
	again, err := back.encode()
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("written again: %d bytes (%v), first %d", len(again), err, len(data))
	}
	feats := [][]uint32{{7}, {8}, {3}, {1000}, {1<<taggerBits - 1}, {3}}
	// An inner word only follows its name's first: the best path that
	// reads feature 8 inside a name opens the name before it.
	if got, want := toy.decode([][]uint32{{3}, {8}}), []int{tagBPer, tagIPer}; !reflect.DeepEqual(got, want) {
		t.Errorf("decode %v, want %v", got, want)
	}
	if got, want := back.decode(feats), toy.decode(feats); !reflect.DeepEqual(got, want) {
		t.Errorf("read back: %v, written: %v", got, want)
	}
	if got, want := toy.decode(feats), []int{tagBPer, tagIPer, tagO, tagBOrg, tagBPlace, tagO}; !reflect.DeepEqual(got, want) {
		t.Errorf("decode %v, want %v", got, want)
	}
	raw, _ := gzipBody(t, data)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"not gzip", []byte("claimex-tagger-1\n")},
		{"other magic", gz([]byte("claimex-tagger-9\n" + string(raw[len(taggerMagic):])))},
		{"short", gz(raw[:len(raw)/2])},
		{"trailing bytes", gz(append(append([]byte(nil), raw...), 1, 2, 3))},
		{"feature out of range", gz(outOfRange(raw))},
	} {
		if _, err := decodeTagger(tc.data); err == nil {
			t.Errorf("%s: read without error", tc.name)
		}
	}
}

func gzipBody(t *testing.T, data []byte) ([]byte, error) {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	_, err = b.ReadFrom(zr)
	return b.Bytes(), err
}

// outOfRange rewrites the first feature index of a weights file past the
// table.
func outOfRange(raw []byte) []byte {
	b := append([]byte(nil), raw...)
	at := len(taggerMagic) + 4*((numTags+1)*numTags) + 4
	b[at], b[at+1], b[at+2], b[at+3] = 0xff, 0xff, 0xff, 0x7f
	return b
}

func FuzzDecodeTagger(f *testing.F) {
	data, err := toyTagger().encode()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(gz([]byte(taggerMagic)))
	f.Fuzz(func(t *testing.T, b []byte) {
		tg, err := decodeTagger(b)
		if err != nil {
			return
		}
		// A model read is usable.
		tg.decode([][]uint32{{0, 1}, {2}})
	})
}

// TestEmbeddedTagger: the shipped weights read, and the extractor uses
// them.
func TestEmbeddedTagger(t *testing.T) {
	tg, err := loadNameTagger()
	if err != nil || tg == nil {
		t.Fatalf("embedded tagger: %v, %v", tg, err)
	}
	if extractor(t).names == nil {
		t.Error("the extractor has no name tagger")
	}
}

// TestTrainTagger: training is reproducible, and a model learns the
// names of its training text.
func TestTrainTagger(t *testing.T) {
	base, err := NewWith(extractor(t).rules, Options{RulesOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	text := "Qelby Trandor visited the Marwick Group in Ostrava on Monday.\n" +
		"Later Trandor said the Marwick Group would stay.\n"
	doc := TrainingDoc{Text: text, Names: []TrainingName{
		{0, 13, claimex.Person}, {27, 40, claimex.Org}, {44, 51, claimex.GPE},
		{68, 75, claimex.Person}, {85, 98, claimex.Org},
	}}
	a, err := TrainTagger(base, []TrainingDoc{doc}, 4, 2, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, err := TrainTagger(base, []TrainingDoc{doc}, 4, 2, 7)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two trainings on the same data and seed differ")
	}
	tg, err := decodeTagger(a)
	if err != nil {
		t.Fatal(err)
	}
	sents, err := base.sentences(context.Background(), text, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	base.recognizeRules(sents)
	gold := goldTags(doc, sents)
	v := base.docView(sents)
	for k, s := range sents {
		if got := tg.decode(base.features(s, v)); !reflect.DeepEqual(got, gold[k]) {
			t.Errorf("%q: tags %v, want %v", s.text, got, gold[k])
		}
	}
	if gold[0][0] != tagBPer || gold[0][1] != tagIPer {
		t.Errorf("gold tags of %q: %v", sents[0].text, gold[0])
	}
}

// sentenceOf is the first sentence of text, prepared, with no mentions.
func sentenceOf(t *testing.T, text string) *sentence {
	t.Helper()
	sents, err := extractor(t).sentences(context.Background(), text, nil, nil)
	if err != nil || len(sents) == 0 {
		t.Fatalf("%q: %v", text, err)
	}
	sents[0].ments = nil
	return sents[0]
}

// span returns the tokens of words in s, which must be there.
func span(t *testing.T, s *sentence, words ...string) (int, int) {
	t.Helper()
	for i := range s.words {
		if i+len(words) <= len(s.words) && slices.Equal(s.words[i:i+len(words)], words) {
			return i, i + len(words) - 1
		}
	}
	t.Fatalf("%q: no %q in %q", s.text, words, s.words)
	return 0, 0
}

func mentionsOf(s *sentence, ms []mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.typ+" "+s.cut(m.first, m.last))
	}
	slices.Sort(out)
	return out
}

// TestReadName: what the tagger may change of the rules' strong
// mentions, and what it may not.
func TestReadName(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		name   string
		text   string
		rule   []string // the rules' strong mention
		typ    string
		prio   int
		rname  string
		tagged []string // the tagger's name
		ttyp   string
		want   []string
	}{
		{"a longer name holds the rules' whole", "Pilots of the 65th Air Division flew.",
			[]string{"air", "division"}, claimex.Org, prioOrg, "entity/org-shape",
			[]string{"65th", "air", "division"}, claimex.Org, []string{"ORG 65th Air Division"}},
		{"a person's words make no organisation", "He met Karl Tremont yesterday.",
			[]string{"karl", "tremont"}, claimex.Person, prioModel, "entity/model",
			[]string{"karl", "tremont"}, claimex.Org, []string{"PERSON Karl Tremont"}},
		{"an organisation's words make no person", "Pilots of the 65th Air Division flew.",
			[]string{"air", "division"}, claimex.Org, prioOrg, "entity/org-shape",
			[]string{"65th", "air", "division"}, claimex.Person, []string{"ORG Air Division"}},
		{"a town's name the club's", "Fans of Milan cheered.",
			[]string{"milan"}, claimex.GPE, prioPlace, "entity/gazetteer",
			[]string{"milan"}, claimex.Org, []string{"ORG Milan"}},
		{"a town's name no person", "Fans of Milan cheered.",
			[]string{"milan"}, claimex.GPE, prioPlace, "entity/gazetteer",
			[]string{"milan"}, claimex.Person, []string{"GPE Milan"}},
		{"an organisation's name no place", "Fighters of Al Qaeda fled.",
			[]string{"al", "qaeda"}, claimex.Org, prioOrg, "entity/known",
			[]string{"al", "qaeda"}, claimex.GPE, []string{"ORG Al Qaeda"}},
		{"a club's name stays the club's", "The striker signed for Barcelona.",
			[]string{"barcelona"}, claimex.Org, prioOrg, "entity/club",
			[]string{"barcelona"}, claimex.GPE, []string{"ORG Barcelona"}},
		{"an organisation's shape a place's", "They met at the Grand Hotel on Sunday.",
			[]string{"grand", "hotel"}, claimex.Org, prioOrg, "entity/org-shape",
			[]string{"grand", "hotel"}, claimex.GPE, []string{"LOC Grand Hotel"}},
		{"a place read from where it stands stays a place", "The injured were taken to the hospital in Quillabamba.",
			[]string{"quillabamba"}, claimex.GPE, prioGuess, "entity/place-context",
			[]string{"quillabamba"}, claimex.Org, []string{"GPE Quillabamba"}},
		{"a country stays a place", "Marta Lindqvist (Sweden) ran 48.25 seconds.",
			[]string{"sweden"}, claimex.GPE, prioPlace, "entity/gazetteer",
			[]string{"sweden"}, claimex.Org, []string{"GPE Sweden"}},
		{"a titled person stands", "Then President Ana Lurz spoke.",
			[]string{"ana", "lurz"}, claimex.Person, prioTitled, "entity/titled",
			[]string{"president", "ana", "lurz"}, claimex.Person, []string{"PERSON Ana Lurz"}},
		{"a name across two of the rules' stays out", "Troops of Iraq Security Council met.",
			[]string{"iraq", "security"}, claimex.Org, prioOrg, "entity/org-shape",
			[]string{"security", "council"}, claimex.Org, []string{"ORG Iraq Security"}},
		{"a town's name inside a person's is the surname", "The brigade fought under William T. Sherman.",
			[]string{"sherman"}, claimex.GPE, prioPlace, "entity/gazetteer",
			[]string{"william", "t", ".", "sherman"}, claimex.Person, []string{"PERSON William T. Sherman"}},
		{"a country's name inside a person's stays", "SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.",
			[]string{"japan"}, claimex.GPE, prioPlace, "entity/gazetteer",
			[]string{"japan", "get", "lucky", "win"}, claimex.Person, []string{"GPE JAPAN"}},
		{"a name beside the rules' is added", "Envoys of Norway met Dalvik Freight staff.",
			[]string{"norway"}, claimex.GPE, prioPlace, "entity/gazetteer",
			[]string{"dalvik", "freight"}, claimex.Org, []string{"GPE Norway", "ORG Dalvik Freight"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sentenceOf(t, tt.text)
			a, b := span(t, s, tt.rule...)
			rule := mention{first: a, last: b, typ: tt.typ, prio: tt.prio, rule: tt.rname}
			s.ments = []mention{rule}
			ta, tb := span(t, s, tt.tagged...)
			got := mentionsOf(s, x.readName(s, []mention{rule}, ta, tb, tt.ttyp))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestLonePeople: a word alone is the person the document names in full
// with that surname; a person of one word only the tagger read, with no
// fuller name, is dropped, but for a given name no common word nor month.
func TestLonePeople(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		name  string
		text  []string
		full  [][]string // full names of people, one per sentence (nil: none)
		alone string     // the tagger's word in the last sentence
		typ   string
		want  string // "TYPE canonical", "" for dropped
	}{
		{"the surname of the one person", []string{"Abu Musab al-Zarqawi led them.", "Then Zarqawi fled."},
			[][]string{{"abu", "musab", "al-zarqawi"}}, "zarqawi", claimex.Org, "PERSON Abu Musab al-Zarqawi"},
		{"two people of that surname", []string{"Mara Velt and Ivo Velt spoke.", "Then Velt left."},
			[][]string{{"mara", "velt"}, {"ivo", "velt"}}, "velt", claimex.Org, "ORG Velt"},
		{"a person of one word with no fuller name", []string{"The town was calm.", "Then Dabiq said so."},
			nil, "dabiq", claimex.Person, ""},
		{"a word of a fuller name stays a person", []string{"Mara Velt spoke.", "Then Mara left."},
			[][]string{{"mara", "velt"}}, "mara", claimex.Person, "PERSON Mara"},
		{"a given name alone stays a person", []string{"The girl was ill.", "Then Gloria wept."},
			nil, "gloria", claimex.Person, "PERSON Gloria"},
		{"a month that is a given name is dropped", []string{"The town was calm.", "Aid came in June again."},
			nil, "june", claimex.Person, ""},
		{"a place of one word stays", []string{"The town was calm.", "Then Dabiq fell."},
			nil, "dabiq", claimex.GPE, "GPE Dabiq"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sents []*sentence
			for _, line := range tt.text {
				sents = append(sents, sentenceOf(t, line))
			}
			for _, f := range tt.full {
				s := sents[0] // every full name is in the first sentence
				a, b := span(t, s, f...)
				s.ments = append(s.ments, mention{first: a, last: b, typ: claimex.Person, prio: prioModel, rule: "entity/model"})
			}
			last := sents[len(sents)-1]
			a, _ := span(t, last, tt.alone)
			last.ments = append(last.ments, mention{first: a, last: a, typ: tt.typ, rule: "entity/tagger", tagged: true, prio: prioGuess})
			x.lonePeople(sents)
			got := ""
			for _, m := range last.ments {
				if m.first == a {
					c := m.canonical
					if c == "" {
						c = last.cut(m.first, m.last)
					}
					got = m.typ + " " + c
				}
			}
			if got != tt.want {
				t.Errorf("%q: %q, want %q", tt.alone, got, tt.want)
			}
		})
	}
}

// TestParticleEnd: a person's name the tagger cut before a lower-case
// particle goes on to the end of the rules' person's name.
func TestParticleEnd(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		rule   []string // the rules' person's name, nil for none
		tagged []string // the tagger's name
		want   string   // the last word of the name read
	}{
		{"a particle between names", "Mohammed bin Salman visited the port.",
			[]string{"mohammed", "bin", "salman"}, []string{"mohammed"}, "salman"},
		{"a joined particle", "A video of Ayman al-Zawahiri surfaced.",
			[]string{"ayman", "al-zawahiri"}, []string{"ayman"}, "al-zawahiri"},
		{"no rules' name", "Mohammed bin Salman visited the port.",
			nil, []string{"mohammed"}, "mohammed"},
		{"no particle after", "Mara Velt and Ivo Velt spoke.",
			[]string{"mara", "velt", "and", "ivo", "velt"}, []string{"mara", "velt"}, "velt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sentenceOf(t, tt.text)
			if tt.rule != nil {
				a, b := span(t, s, tt.rule...)
				s.ments = []mention{{first: a, last: b, typ: claimex.Person, prio: prioGuess, rule: "entity/given-name"}}
			}
			a, b := span(t, s, tt.tagged...)
			if got := s.words[particleEnd(s, a, b)]; got != tt.want || tt.want == "velt" && particleEnd(s, a, b) != b {
				t.Errorf("%q: ends at %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestWordShape(t *testing.T) {
	for in, want := range map[string]string{
		"Paris": "Xxx", "NATO": "XX", "65th": "ddxx", "U.S.": "X.X.", "al-Assad": "xx-Xxx",
		"1,234": "d,dd", "iPhone": "xXxx", "Łódź": "Xxx", "": "",
	} {
		if got := wordShape(in); got != want {
			t.Errorf("wordShape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAffixes(t *testing.T) {
	for _, tc := range []struct {
		w      string
		k      int
		prefix string
		pok    bool
		suffix string
		sok    bool
	}{
		{"paris", 3, "par", true, "ris", true},
		{"łódź", 2, "łó", true, "dź", true},
		{"ab", 3, "ab", false, "", false},
		{"abc", 3, "abc", true, "abc", true},
	} {
		p, pok := prefixRunes(tc.w, tc.k)
		s, sok := suffixRunes(tc.w, tc.k)
		if p != tc.prefix || pok != tc.pok || s != tc.suffix || sok != tc.sok {
			t.Errorf("%q, %d: prefix %q %v, suffix %q %v", tc.w, tc.k, p, pok, s, sok)
		}
	}
}

// TestNoName: people's adjectives and faiths are no names alone.
func TestNoName(t *testing.T) {
	x := extractor(t)
	for _, tc := range []struct {
		text, word string
		want       bool
	}{
		{"The Kazakh leadership spoke.", "kazakh", true},
		{"Uzbek officials spoke.", "uzbek", true},
		{"Kazakhstan's leaders spoke.", "kazakhstan", false},
		{"The German team won.", "german", true},
		{"Sunni clerics met.", "sunni", true},
		{"Officials in Berlin met.", "berlin", false},
		{"Then Marta spoke.", "marta", false},
	} {
		s := sentenceOf(t, tc.text)
		i, _ := span(t, s, tc.word)
		if got := x.noName(s, i); got != tc.want {
			t.Errorf("%q in %q: no name %v, want %v", tc.word, tc.text, got, tc.want)
		}
	}
}

// TestFeatureIndexes: the values of a feature template take indexes of
// their own, for templates of numbers alone too (the rules' tag, the
// gazetteer's kind, the flags), whose values differ in a hash's last
// bytes only.
func TestFeatureIndexes(t *testing.T) {
	var h hasher
	for _, tpl := range []byte{14, 16, 19, 21, 23} {
		seen := map[uint32]int{}
		for v := range 64 {
			i := h.start(tpl).num(v).sum()
			if w, ok := seen[i]; ok {
				t.Errorf("template %d: values %d and %d share index %d", tpl, w, v, i)
				break
			}
			seen[i] = v
		}
	}
	if h.start(21).num(3).sum() == h.start(23).num(3).sum() {
		t.Error("templates 21 and 23 give one value one index")
	}
}
