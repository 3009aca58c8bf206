// Package rules owns the rules file: the user-editable YAML that holds
// every word list the cleaner and the extractor use (category triggers,
// qualifiers, vague amounts, boilerplate lines) and the count categories
// themselves, with what each rolls up to and the names it had before. It
// parses and validates a file with file:line errors, and ships the
// default rules embedded in the binary. A parsed Rules value is immutable
// and safe for concurrent use.
package rules

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/claimex/claimex"
)

//go:embed default.yaml
var defaultText []byte

// DefaultName is the name the embedded rules go by in errors and runs.
const DefaultName = "default.yaml"

// Rules is a parsed rules file.
type Rules struct {
	// Name is the file the rules came from (DefaultName for the embedded
	// rules).
	Name string
	// Text is the file's contents; Hash its hex SHA-256.
	Text []byte
	Hash string

	// Categories are the count categories with their triggers, in file
	// order (category.go).
	Categories []Category
	// Before and After map the words either side of a figure to a
	// qualifier ("more than 4,500", "1,000 or more").
	Before, After []Qualifier
	// Vague are amounts without a number ("dozens"); Zero are words that
	// state none ("no one").
	Vague, Zero []Phrase
	Grammar     Grammar
	Attribution Attribution
	NotCounts   NotCounts
	Entities    Entities
	// Boilerplate drives line-level cleaning of plain-text inputs.
	Boilerplate Boilerplate
	// Subjects sort figures by whom they count, so that figures of the
	// same group can be compared across sources; in file order.
	Subjects []SubjectGroup
}

// SubjectGroup is a kind of counted people ("security forces") and the
// words whose use in a figure's subject puts the figure in it.
type SubjectGroup struct {
	Name  string
	Words []Phrase
}

// DefaultSubject is the group of figures whose subject names no group.
const DefaultSubject = "people"

// SubjectGroup returns the group a figure's subject falls in: the group
// of the first of its words that some group lists ("police and army
// officers" → security forces), else DefaultSubject.
func (r *Rules) SubjectGroup(subject string) string {
	words := strings.Fields(Fold(subject))
	for i := range words {
		for _, g := range r.Subjects {
			for _, p := range g.Words {
				if p.MatchAt(words[i:]) {
					return g.Name
				}
			}
		}
	}
	return DefaultSubject
}

// Qualifier is one qualifier and the phrases that signal it.
type Qualifier struct {
	Name    claimex.Qualifier
	Phrases []Phrase
}

// Grammar holds the small words that shape a figure's clause; see the
// comments of the default rules file for what each list does.
type Grammar struct {
	Links, Negations, Partitives, Frames, Appositions, CountNouns, Connectors, PlacePrepositions []Phrase
	Prepositions, Determiners, Additives, TimeWords, English, Openers                            []Phrase
	// People are nouns for people ("civilians", "families"); Changes are
	// verbs of change before "from 200 to 300".
	People, Changes []Phrase
	// Adverbs may stand between an auxiliary and its predicate, except
	// NearMisses ("nearly killed"); Persons name one person ("a man");
	// SingleVictimCategories are the categories such a person is counted
	// in; DwellVerbs place people where they live ("living in besieged
	// areas").
	Adverbs, NearMisses, Persons, SingleVictimCategories, DwellVerbs []Phrase
}

// Attribution holds the words that name a figure's source.
type Attribution struct {
	// Verbs are reporting verbs ("said", "announced").
	Verbs []Phrase
	// BeforeSource are phrases followed by the source ("according to").
	BeforeSource []Phrase
}

// NotCounts holds the words that mark a figure as something other than a
// count of people: a duration, a measure, money, a label, a date or a
// score.
type NotCounts struct {
	Units, Things, Currencies, Labels, Operators, Streets, Months, Scores, ScoreVerbs []Phrase
	// Attributive are the words before a figure that modifies a noun
	// naming no people ("the 2001 attacks", "a 911 call").
	Attributive []Phrase
	// Quantifiers are words of quantity that, right before a figure in
	// digits and a noun naming no people, make the figure a kind or a
	// model: "several 911 calls", "two 747 jets".
	Quantifiers []Phrase
}

// Entities holds the words the entity recogniser uses; see the comments
// of the default rules file.
type Entities struct {
	Honorifics, Titles, Roles, OrgHeads, OrgNouns, Bodies      []Phrase
	Organisations, Places, NotAcronyms, NameParticles, Clutter []Phrase
	// OrgOpeners open an organisation's name ("AC Milan", "PT Tambang
	// Timah"); PlaceHeads close a place's name ("Euphrates River",
	// "Hamrin Mountains") and PlaceOpeners open one ("Mount Sinjar",
	// "Ayn Isa"); SportsVerbs, before or after a town's name, make it a
	// club's ("beat Chelsea").
	OrgOpeners, PlaceHeads, PlaceOpeners, SportsVerbs []Phrase
	// Groups are peoples and faiths, no place and no person ("Arab",
	// "Shia"); the gazetteer knows the nationalities.
	Groups []Phrase
	// KnownBodies are the names of one body among the Organisations
	// ("United Nations", "UN"): resolution joins them.
	KnownBodies [][]Phrase
}

// Boilerplate lists what line-level cleaning removes.
type Boilerplate struct {
	// Lines are whole lines, normalised with Fold.
	Lines []string
	// Patterns must match a whole (trimmed) line.
	Patterns []*regexp.Regexp
	// Sections match the heading of a section that closes an article with
	// boilerplate ("About Ascom", "Related articles"): from such a line in
	// the second half of a text on, the rest goes.
	Sections []*regexp.Regexp
	// Teasers match lines that, anywhere after a text's headline, are the
	// headlines of other stories ("Russian Mobile Crematoriums").
	Teasers []*regexp.Regexp

	lineSet map[string]bool
	// needs holds the patterns' needs, for those that have some.
	needs map[*regexp.Regexp]needs
}

var parsedDefault = sync.OnceValues(func() (*Rules, error) {
	return Parse(DefaultName, defaultText)
})

// Default returns the embedded default rules. It panics if they do not
// parse, which a test rules out.
func Default() *Rules {
	r, err := parsedDefault()
	if err != nil {
		panic(fmt.Sprintf("rules: embedded default: %v", err))
	}
	return r
}

// DefaultText returns the embedded default rules file.
func DefaultText() []byte {
	return append([]byte(nil), defaultText...)
}

// Load reads and parses the rules file at path.
func Load(path string) (*Rules, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return Parse(path, data)
}

func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// CutSection drops, from the first line in the second half of lines that
// opens a boilerplate section, that line and every line after it.
func (b Boilerplate) CutSection(lines []string) []string {
	for i := len(lines) / 2; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if len(strings.Fields(line)) > 8 {
			continue
		}
		for _, re := range b.Sections {
			if re.MatchString(line) {
				return lines[:i]
			}
		}
	}
	return lines
}

// Teaser reports whether a line (not a text's headline) is the headline
// of another story.
func (b Boilerplate) Teaser(line string) bool {
	line = strings.TrimSpace(line)
	if len(line) > MaxPatternLine {
		return false
	}
	for _, re := range b.Teasers {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}

// Match reports whether a normalised line is boilerplate: one of the
// listed lines, or matched whole by a pattern.
func (b Boilerplate) Match(line string) bool {
	if b.lineSet[Fold(line)] {
		return true
	}
	line = strings.TrimSpace(line)
	if len(line) > MaxPatternLine {
		return false
	}
	folded := ""
	for _, re := range b.Patterns {
		if n, ok := b.needs[re]; ok {
			if folded == "" {
				folded = foldASCII(line)
			}
			if !n.heldBy(line, folded) {
				continue
			}
		}
		if re.MatchString(line) {
			return true
		}
	}
	return false
}

// MaxPatternLine is the longest line, in bytes, that boilerplate patterns
// are tried on: boilerplate lines are short, article paragraphs are not,
// and patterns cost time in proportion to the line.
const MaxPatternLine = 600

// Stats counts what a rules file holds.
type Stats struct {
	Categories, Triggers, Qualifiers, Words, Lines, Patterns int
}

// Stats counts the categories, triggers, qualifier phrases, other words
// and phrases, boilerplate lines and patterns of r.
func (r *Rules) Stats() Stats {
	st := Stats{Categories: len(r.Categories), Lines: len(r.Boilerplate.Lines),
		Patterns: len(r.Boilerplate.Patterns) + len(r.Boilerplate.Sections) + len(r.Boilerplate.Teasers)}
	for _, c := range r.Categories {
		st.Triggers += len(c.Predicates) + len(c.Nouns)
	}
	for _, q := range append(append([]Qualifier(nil), r.Before...), r.After...) {
		st.Qualifiers += len(q.Phrases)
	}
	g, a, nc, e := r.Grammar, r.Attribution, r.NotCounts, r.Entities
	for _, list := range [][]Phrase{r.Vague, r.Zero, g.Links, g.Negations, g.Partitives, g.Frames, g.Appositions,
		g.CountNouns, g.Connectors, g.PlacePrepositions, g.Prepositions, g.Determiners, g.Additives, g.TimeWords,
		g.English, g.People, g.Changes, a.Verbs, a.BeforeSource, nc.Units, nc.Things, nc.Currencies, nc.Labels, nc.Operators, nc.Streets,
		nc.Months, nc.Scores, nc.ScoreVerbs, nc.Attributive, nc.Quantifiers, e.Honorifics, e.Titles, e.Roles, e.OrgHeads, e.OrgNouns, e.Bodies,
		e.Organisations, e.Places, e.NotAcronyms, e.NameParticles, e.Clutter, e.OrgOpeners, e.PlaceHeads,
		e.PlaceOpeners, e.SportsVerbs, e.Groups} {
		st.Words += len(list)
	}
	return st
}
