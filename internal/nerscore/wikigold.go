package nerscore

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// LoadWikigold reads wikigold (CoNLL format, IOB1 tags, documents opened
// by -DOCSTART- lines) from path.
func LoadWikigold(path string) ([]Doc, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, fmt.Errorf("%w: %v", ErrNoCorpus, err)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCoNLL(f, "wikigold")
}

// conllTypes maps CoNLL's entity types to the scored ones; MISC maps to
// "" (not gold, but a prediction on it is false).
var conllTypes = map[string]Type{"PER": Person, "ORG": Org, "LOC": Place, "MISC": ""}

// ReadCoNLL reads CoNLL-format entity data, "word tag" a line (the tag
// last), sentences apart by blank lines, documents by -DOCSTART- lines;
// tags are IOB1 or IOB2. Documents are named prefix-1, prefix-2, ...
func ReadCoNLL(r io.Reader, prefix string) ([]Doc, error) {
	var docs []Doc
	var cur *conllDoc
	flush := func() {
		if cur != nil && cur.text.Len() > 0 {
			cur.end()
			docs = append(docs, Doc{Name: fmt.Sprintf("%s-%d", prefix, len(docs)+1), Text: cur.text.String(), Gold: cur.gold})
		}
		cur = &conllDoc{}
	}
	flush()
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			cur.sentenceEnd()
			continue
		}
		f := strings.Fields(line)
		if f[0] == "-DOCSTART-" {
			flush()
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: %q: want a word and a tag", n, line)
		}
		if err := cur.word(f[0], f[len(f)-1]); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	flush()
	return docs, nil
}

// conllDoc builds one document.
type conllDoc struct {
	text  strings.Builder
	runes int
	gold  []Mention
	// the sentence's words so far: whether a space is due, and the
	// entity being read.
	inSentence bool
	noSpace    bool
	quotes     int
	open       *Mention
	openTag    string
	misc       bool
}

func (d *conllDoc) write(s string) {
	d.text.WriteString(s)
	d.runes += utf8.RuneCountInString(s)
}

// noSpaceBefore are the tokens written against the word before them.
var noSpaceBefore = map[string]bool{",": true, ".": true, ";": true, ":": true, "!": true, "?": true, ")": true,
	"]": true, "}": true, "'s": true, "'": true, "n't": true, "'re": true, "'ve": true, "'ll": true, "'d": true,
	"'m": true, "%": true, "...": true}

// noSpaceAfter are the tokens written against the word after them.
var noSpaceAfter = map[string]bool{"(": true, "[": true, "{": true, "$": true, "``": true}

func (d *conllDoc) word(w, tag string) error {
	typ, label := Type(""), "O"
	if tag != "O" {
		iob, t, ok := strings.Cut(tag, "-")
		var known bool
		typ, known = conllTypes[t]
		if !ok || !known || iob != "I" && iob != "B" {
			return fmt.Errorf("unknown tag %q", tag)
		}
		label = t
		if iob == "B" || label != d.openTag {
			d.close()
		}
	} else {
		d.close()
	}
	space := d.inSentence && !d.noSpace && !noSpaceBefore[w]
	d.noSpace = noSpaceAfter[w]
	if w == "\"" {
		// Straight quotes open and close in turn.
		if d.quotes%2 == 0 {
			d.noSpace = true
		} else {
			space = false
		}
		d.quotes++
	}
	if !d.inSentence && d.runes > 0 {
		d.write("\n")
	}
	if space {
		d.write(" ")
	}
	start := d.runes
	d.write(w)
	d.inSentence = true
	if label == "O" {
		return nil
	}
	if d.open == nil {
		d.open, d.openTag, d.misc = &Mention{Start: start, Type: typ}, label, label == "MISC"
	}
	d.open.End = d.runes
	return nil
}

// close ends the entity being read.
func (d *conllDoc) close() {
	if d.open != nil && !d.misc {
		d.gold = append(d.gold, *d.open)
	}
	d.open, d.openTag = nil, ""
}

func (d *conllDoc) sentenceEnd() {
	d.close()
	d.inSentence, d.noSpace, d.quotes = false, false, 0
}

func (d *conllDoc) end() { d.sentenceEnd() }
