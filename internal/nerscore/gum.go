package nerscore

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// LoadGUM reads the GUM documents of one genre ("news", "interview")
// from dir, the folder holding GUM's dep/ files (GUM_<genre>_*.conllu):
// their text and their named person, organisation and place mentions
// (see Conventions).
func LoadGUM(dir, genre string) ([]Doc, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "dep", "GUM_"+genre+"_*.conllu"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%w: no GUM_%s_*.conllu in %s", ErrNoCorpus, genre, filepath.Join(dir, "dep"))
	}
	sort.Strings(paths)
	var docs []Doc
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		d, err := ReadGUM(f, strings.TrimSuffix(filepath.Base(p), ".conllu"))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(p), err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// gumToken is one syntactic word of a GUM document.
type gumToken struct {
	form, upos, xpos, deprel string
	head                     int // document index of the head, -1 for the root
	start, end               int // code points in the text
}

// gumMention is one entity mention as GUM annotates it: tokens first..last.
type gumMention struct {
	first, last int
	etype, id   string
}

// gumReader builds a document's text and mentions line by line.
type gumReader struct {
	toks  []gumToken
	ments []gumMention
	open  map[string][]gumMention
	text  strings.Builder
	runes int
	// sent is the document index of the sentence's first token; para
	// is set when a paragraph starts before the next token.
	sent     int
	para     bool
	mwtEnd   int // last word id of the multi-word token being read
	mwtForm  string
	mwtSpace bool
	mwtUsed  int
	space    bool // a space is due before the next word
}

// ReadGUM reads one GUM document in CoNLL-U with GUM's Entity annotation
// (its dep/ files).
func ReadGUM(f io.Reader, name string) (Doc, error) {
	r := &gumReader{open: map[string][]gumMention{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		if err := r.line(sc.Text()); err != nil {
			return Doc{}, fmt.Errorf("line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return Doc{}, err
	}
	gold, ignored := r.named()
	return Doc{Name: name, Text: r.text.String(), Gold: gold, Ignored: ignored}, nil
}

func (r *gumReader) write(s string) {
	r.text.WriteString(s)
	r.runes += utf8.RuneCountInString(s)
}

func (r *gumReader) line(line string) error {
	switch {
	case strings.HasPrefix(line, "# newpar"):
		if !strings.HasPrefix(line, "# newpar_block") {
			r.para = true
		}
		return nil
	case strings.HasPrefix(line, "# sent_id"):
		r.sent = len(r.toks)
		return nil
	case line == "" || strings.HasPrefix(line, "#"):
		return nil
	}
	col := strings.Split(line, "\t")
	if len(col) != 10 {
		return fmt.Errorf("%d columns, want 10", len(col))
	}
	if strings.Contains(col[0], ".") {
		return nil // an empty node
	}
	if a, b, ok := strings.Cut(col[0], "-"); ok {
		// A multi-word token ("Trump's" = "Trump" + "'s"): its form is the
		// text, its words share it.
		last, err := strconv.Atoi(b)
		if _, err2 := strconv.Atoi(a); err != nil || err2 != nil {
			return fmt.Errorf("bad token range %q", col[0])
		}
		r.beforeWord()
		r.mwtEnd, r.mwtForm, r.mwtUsed = last, col[1], 0
		r.mwtSpace = !strings.Contains(col[9], "SpaceAfter=No")
		return nil
	}
	id, err := strconv.Atoi(col[0])
	if err != nil {
		return fmt.Errorf("bad token id %q", col[0])
	}
	head, err := strconv.Atoi(col[6])
	if err != nil {
		return fmt.Errorf("bad head %q", col[6])
	}
	t := gumToken{form: col[1], upos: col[3], xpos: col[4], deprel: col[7], head: -1}
	if head > 0 {
		t.head = r.sent + head - 1
	}
	if id <= r.mwtEnd {
		// A word of the multi-word token: its part of the form, if the
		// words spell it, else the whole form.
		rest := r.mwtForm[r.mwtUsed:]
		if strings.HasPrefix(rest, t.form) && id < r.mwtEnd {
			t.start = r.runes
			r.write(t.form)
			r.mwtUsed += len(t.form)
		} else {
			t.start = r.runes
			r.write(rest)
			r.mwtUsed = len(r.mwtForm)
		}
		t.end = r.runes
		if id == r.mwtEnd {
			r.space = r.mwtSpace
			r.mwtEnd = 0
		}
	} else {
		r.beforeWord()
		t.start = r.runes
		r.write(t.form)
		t.end = r.runes
		r.space = !strings.Contains(col[9], "SpaceAfter=No")
	}
	r.toks = append(r.toks, t)
	return r.entities(col[9], len(r.toks)-1)
}

// beforeWord writes what separates the next word from the last: a line
// break at a paragraph, a space within one.
func (r *gumReader) beforeWord() {
	switch {
	case r.runes == 0:
	case r.para:
		r.write("\n")
	case r.space || len(r.toks) == r.sent:
		r.write(" ")
	}
	r.para = false
}

// entities reads the Entity= field of a word's MISC column: mentions
// opening "(id-type-...", closing "id)", or both "(id-type-...)".
func (r *gumReader) entities(misc string, tok int) error {
	var field string
	for _, kv := range strings.Split(misc, "|") {
		if v, ok := strings.CutPrefix(kv, "Entity="); ok {
			field = v
		}
	}
	for i := 0; i < len(field); {
		switch c := field[i]; {
		case c == '(':
			j := i + 1
			for j < len(field) && field[j] != '(' && field[j] != ')' {
				j++
			}
			parts := strings.SplitN(field[i+1:j], "-", 3)
			if len(parts) < 2 {
				return fmt.Errorf("bad entity %q", field)
			}
			m := gumMention{first: tok, last: tok, id: parts[0], etype: parts[1]}
			if j < len(field) && field[j] == ')' {
				r.ments = append(r.ments, m)
				j++
			} else {
				r.open[m.id] = append(r.open[m.id], m)
			}
			i = j
		case c >= '0' && c <= '9':
			j := i
			for j < len(field) && field[j] != ')' {
				j++
			}
			id := field[i:j]
			stack := r.open[id]
			if j == len(field) || len(stack) == 0 {
				return fmt.Errorf("entity %s closes unopened in %q", id, field)
			}
			m := stack[len(stack)-1]
			r.open[id] = stack[:len(stack)-1]
			m.last = tok
			r.ments = append(r.ments, m)
			i = j + 1
		default:
			i++
		}
	}
	return nil
}

// gumTypes maps GUM's entity types to the scored ones.
var gumTypes = map[string]Type{"person": Person, "organization": Org, "place": Place}

// nameInside are the lower-case words and marks a name may hold between
// its capitalised words; personInside those of a person's name.
var (
	nameInside = map[string]bool{"of": true, "the": true, "and": true, "for": true, "'s": true, "’s": true,
		"&": true, "-": true, "de": true, "la": true, "von": true, "van": true, "al": true, "bin": true}
	personInside = map[string]bool{"-": true, "de": true, "la": true, "von": true, "van": true, "al": true,
		"bin": true, "ibn": true, "da": true, "di": true, "du": true, "del": true, "der": true, "le": true}
)

// personTitles are the titles and ranks GUM writes as proper nouns in a
// person's mention ("President Donald Trump", "Ambassador Mohib"): no
// part of the name.
var personTitles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`president vice prime minister secretary senator sen. governor gov. mayor
		ambassador general gen. colonel col. captain capt. lieutenant lt. sergeant sgt. commander admiral
		marshal sheriff king queen prince princess emperor pope cardinal bishop archbishop rabbi imam sheikh
		mr mr. mrs mrs. ms ms. dr dr. professor prof. judge justice chancellor chief director representative
		rep. congressman congresswoman spokesperson spokesman spokeswoman chairman chairwoman ceo sir lord
		lady dame saint st. deputy officer detective inspector coach`) {
		personTitles[w] = true
	}
}

func (t gumToken) proper() bool {
	return t.upos == "PROPN" || t.xpos == "NNP" || t.xpos == "NNPS"
}

func (t gumToken) capitalised() bool {
	r, _ := utf8.DecodeRuneInString(t.form)
	return unicode.IsUpper(r) && t.upos != "DET" && t.upos != "PRON" && t.upos != "ADP" && t.upos != "CCONJ"
}

func (t gumToken) title() bool { return personTitles[strings.ToLower(t.form)] }

// named returns the document's named mentions (see Conventions), and
// the spans of named groups, which are ignored.
func (r *gumReader) named() (gold, ignored []Mention) {
	type span struct {
		first, last int
		typ         Type
		group       bool
	}
	// nested reports whether token i of m is in a mention nested in m.
	nested := func(m gumMention, i int) bool {
		for _, o := range r.ments {
			if o != m && o.first >= m.first && o.last <= m.last && o.last-o.first < m.last-m.first &&
				i >= o.first && i <= o.last {
				return true
			}
		}
		return false
	}
	var spans []span
	for _, m := range r.ments {
		typ, ok := gumTypes[m.etype]
		if !ok {
			continue
		}
		own := make([]bool, m.last-m.first+1)
		anchor := -1
		for i := m.first; i <= m.last; i++ {
			own[i-m.first] = !nested(m, i)
		}
		for i := m.first; i <= m.last; i++ {
			if own[i-m.first] && r.toks[i].proper() {
				anchor = i // the last proper noun of its own
			}
			if h := r.toks[i].head; (h < m.first || h > m.last) && own[i-m.first] && r.toks[i].proper() {
				anchor = i // the head, if a proper noun of its own
				break
			}
		}
		if anchor < 0 {
			continue
		}
		nameTok := func(i int) bool {
			t := r.toks[i]
			return (t.proper() || t.capitalised()) && (typ != Person || own[i-m.first])
		}
		inside := func(i int) bool {
			w := strings.ToLower(r.toks[i].form)
			if typ == Person {
				return own[i-m.first] && personInside[w]
			}
			return nameInside[w]
		}
		first, last := anchor, anchor
		for i := anchor - 1; i >= m.first && (nameTok(i) || inside(i)); i-- {
			if nameTok(i) {
				first = i
			}
		}
		for i := anchor + 1; i <= m.last && (nameTok(i) || inside(i)); i++ {
			if nameTok(i) {
				last = i
			}
		}
		if typ == Person {
			// Titles lead a person's name: "Prime Minister Najib Razak".
			for first < last && (r.toks[first].title() || r.toks[first+1].title() && first+1 < last) {
				first++
			}
			if r.toks[last].title() && strings.ToLower(r.toks[last].form) != "king" {
				continue // "The President", "Malaysia's Prime Minister"; "Stephen King" is a name
			}
		}
		spans = append(spans, span{first, last, typ, typ == Person && r.toks[anchor].xpos == "NNPS"})
	}
	// A name inside another is not scored; of two that cross, the longer
	// stands.
	sort.SliceStable(spans, func(i, j int) bool {
		a, b := spans[i], spans[j]
		if la, lb := a.last-a.first, b.last-b.first; la != lb {
			return la > lb
		}
		return a.first < b.first
	})
	taken := make([]bool, len(r.toks))
	for _, s := range spans {
		free := true
		for i := s.first; i <= s.last; i++ {
			free = free && !taken[i]
		}
		if !free {
			continue
		}
		for i := s.first; i <= s.last; i++ {
			taken[i] = true
		}
		m := Mention{Start: r.toks[s.first].start, End: r.toks[s.last].end, Type: s.typ}
		if s.group {
			ignored = append(ignored, m)
		} else {
			gold = append(gold, m)
		}
	}
	sortMentions(gold)
	sortMentions(ignored)
	return gold, ignored
}

func sortMentions(ms []Mention) {
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End < ms[j].End
	})
}
