// Package nerscore scores the people, organisations and places a
// recogniser finds against two public entity-annotated corpora kept
// outside the repository (../shared/dev/ner): GUM's Wikinews texts and
// wikigold. It reads the corpora into documents with gold mentions,
// under the conventions written once in Conventions, and reports exact
// and overlap span precision, recall and F1 per type and over all types,
// for any number of systems measured on the same documents.
package nerscore

import (
	"errors"
	"fmt"
	"strings"
)

// Type is an entity type as scored: person, organisation or place (GPE
// and LOC are one place type).
type Type string

// The scored types.
const (
	Person Type = "PERSON"
	Org    Type = "ORG"
	Place  Type = "place"
)

// Types are the scored types, in the order they are reported.
var Types = []Type{Person, Org, Place}

// TypeOf maps a recogniser's label to a scored type: PERSON, PER → person;
// ORG, ORGANIZATION → organisation; GPE, LOC, LOCATION → place; "" for
// every other label (which is not scored).
func TypeOf(label string) Type {
	switch strings.ToUpper(label) {
	case "PERSON", "PER":
		return Person
	case "ORG", "ORGANIZATION", "ORGANISATION":
		return Org
	case "GPE", "LOC", "LOCATION", "PLACE":
		return Place
	}
	return ""
}

// Mention is an entity mention: a span of a document's text in code
// points, [Start, End), and its type.
type Mention struct {
	Start, End int
	Type       Type
}

// Doc is one document: its text, as the recogniser reads it, and its
// gold mentions. Ignored are spans that are scored neither way: a
// prediction overlapping one is not counted (see Conventions).
type Doc struct {
	Name    string
	Text    string
	Gold    []Mention
	Ignored []Mention
}

// ErrNoCorpus is returned when a corpus's files are not where it is
// looked for.
var ErrNoCorpus = errors.New("no corpus")

// Conventions are the scoring conventions, printed with the figures.
var Conventions = []string{
	"types: PERSON; ORG; place = GPE or LOC, one type (a GPE predicted for a LOC is right)",
	"exact: same start, end and type; overlap: the spans share a character and the type agrees, each gold and each predicted mention matched once",
	"overall: micro-averaged over PERSON, ORG and place, the type must agree; predicted mentions of other types are not scored",
	"GUM: only named mentions of person, organization and place count: a mention with a proper noun (UPOS PROPN or XPOS NNP/NNPS) of its own, outside the mentions nested in it; " +
		"the name is the run of proper nouns and capitalised words around that noun (the mention's head if it is one, else its last), within the mention, with of/the/and/for/'s/&/-/de/la/von/van/al/bin inside; " +
		"a person's name takes only words of its own (\"Texas student Ahmed Mohamed\" → \"Ahmed Mohamed\"), no of/the/and/'s, and loses the titles that lead it (\"President\", \"Prime Minister\"); " +
		"a mention that is only a title (\"The President\") is not named; a name inside another is not scored (CoNLL's flat spans)",
	"GUM: named person mentions that are groups (a plural proper noun: \"Afghans\", \"Muslims\") are ignored, neither missed nor false (CoNLL calls them MISC)",
	"GUM text: the documents' tokens with their spacing (SpaceAfter), one line per paragraph, the headline first",
	"wikigold: PER → PERSON, ORG → ORG, LOC → place; MISC is not scored as gold: a person, organisation or place predicted on a MISC span (\"German\", an event) is false",
	"held out: only the documents nerscore.HeldOut keeps out are scored (one in three, by the FNV-1a hash of the document's name, fixed); " +
		"claimex's name tagger is trained on the others (go run ./extract/internal/train), prose's model on neither",
	"wikigold text: the tokens detokenised (no space before , . ; : ! ? ) 's n't and the like, none after opening brackets), one line per sentence",
}

// ConventionLines returns Conventions as lines of the form "ner
// conventions: ...".
func ConventionLines() []string {
	out := make([]string, len(Conventions))
	for i, c := range Conventions {
		out[i] = fmt.Sprintf("ner conventions: %s", c)
	}
	return out
}
