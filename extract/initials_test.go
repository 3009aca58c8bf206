package extract

import (
	"strings"
	"testing"
	"unicode"

	"github.com/claimex/claimex"
)

// initialsCases are names cut at a middle initial or broken by a town's
// name inside them, and the sentences around them that must stay as they
// read.
var initialsCases = []recognitionCase{
	// A middle initial that is also a word ("A", "I", "O") is no article
	// or pronoun after a title: the name goes on.
	{"a title and the initial A", "Colonel Gerald A. Daniel commanded the wing in 1957.",
		[]string{"PERSON Gerald A. Daniel"}, []string{"PERSON Gerald", "PERSON Gerald A"}},
	{"a title and the initial I", "Judge Marion I. Brenner dismissed the case on Friday.",
		[]string{"PERSON Marion I. Brenner"}, []string{"PERSON Marion"}},
	{"a title and the initial O", "Senator Harold O. Whitcombe voted against the bill.",
		[]string{"PERSON Harold O. Whitcombe"}, []string{"PERSON Harold"}},
	{"an article after a name stays an article", "Captain Reyes gave A. Team its orders.",
		nil, []string{"PERSON Reyes A. Team"}},

	// A town's name closing a longer name is its surname; the town
	// elsewhere stays a place.
	{"a general whose surname is a town", "The brigade fought under William T. Sherman in Georgia that winter.",
		[]string{"PERSON William T. Sherman", "GPE Georgia"}, []string{"GPE Sherman"}},
	{"a writer whose surname is a town", "The salon was kept by Rahel Levin in the years before the war.",
		[]string{"PERSON Rahel Levin"}, []string{"GPE Levin"}},
	{"the surname alone after the full name", "The brigade fought under William T. Sherman in Georgia.\nLater, Sherman marched on to the sea.",
		[]string{"PERSON William T. Sherman", "PERSON Sherman"}, []string{"GPE Sherman"}},
	{"the town alone with no such person stays a place", "Floods closed the roads around Sherman on Tuesday.",
		[]string{"GPE Sherman"}, []string{"PERSON Sherman"}},
}

func TestInitialsAndTowns(t *testing.T) { runRecognitionCases(t, initialsCases) }

// runRecognitionCases checks each case's text holds the mentions it wants
// and none of those it must not.
func runRecognitionCases(t *testing.T, cases []recognitionCase) {
	x := extractor(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := entityTexts(x.Extract(docOf(tc.text)))
			var have []string
			for k := range got {
				if !strings.HasPrefix(k, "* ") {
					have = append(have, k)
				}
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("%q: no %s; have %q", tc.text, w, have)
				}
			}
			for _, n := range tc.not {
				if got[n] {
					t.Errorf("%q: %s, want none", tc.text, n)
				}
			}
		})
	}
}

// TestNoNameEndsAtInitial: a person's name never stops at a middle
// initial before the rest of the name ("John A" of "John A. Corder"),
// whichever of the rules or the tagger reads it, over names built from
// given names, initials and surnames in several sentence frames.
func TestNoNameEndsAtInitial(t *testing.T) {
	x := extractor(t)
	given := []string{"John", "Maria", "Stephen", "Agnes", "Tomas", "Grace", "Walter", "Ingrid"}
	initials := []string{"A", "J", "K", "O", "R", "I", "W"}
	surnames := []string{"Corder", "Townsend", "Halvorsen", "Mbeki", "Quayle", "Okafor", "Lindqvist"}
	frames := []string{
		"The report was signed by %s on Monday.",
		"%s, who led the unit, retired in 1962.",
		"Officials said %s had left the country.",
		"In 1944 the regiment was commanded by Major %s and two captains.",
	}
	n := 0
	for gi, g := range given {
		for ii, in := range initials {
			s := surnames[(gi+ii)%len(surnames)]
			name := g + " " + in + ". " + s
			text := strings.Replace(frames[(gi*3+ii)%len(frames)], "%s", name, 1)
			n++
			for _, c := range x.Extract(docOf(text)) {
				if c.Kind != claimex.KindEntity || c.EntityType != claimex.Person {
					continue
				}
				words := strings.Fields(strings.TrimSuffix(c.Text, "."))
				last := words[len(words)-1]
				if len([]rune(last)) == 1 && unicode.IsUpper([]rune(last)[0]) && strings.Contains(text, c.Text+". "+s) {
					t.Errorf("%q: person %q stops at the initial", text, c.Text)
				}
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d names tried", n)
	}
}
