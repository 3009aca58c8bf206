package claimex

import (
	"strings"
	"time"
)

// NameUse counts how a name is used across the database: the name that
// documents resolved entity mentions to ("Serik Shalabayev" for "Mr
// Shalabayev"), with the type they gave it.
type NameUse struct {
	Name     string
	Type     string
	Mentions int
}

// NameAlias is a name a document defines as another name of the same
// entity: "Iraqi Security Forces (ISF)", "ISIL, also known as Daesh". Name
// and Alias are names as documents resolved their mentions to.
type NameAlias struct {
	Name, Alias string
}

// EntityName says which entity a name belongs to, by the entity's
// canonical name and type, and why: the rule (one of the Why
// constants) that joined it to Via, another name of the entity. The
// canonical name itself, and a name alone, have no reason.
type EntityName struct {
	Name, Canonical, Type string
	Why, Via              string
}

// Why a name was joined to another name of its entity.
const (
	// WhyFolding: the same letters once accents, case, hyphens and
	// spaces are folded ("Erdoğan", "Erdogan"; "Kim Jong-un", "Kim Jong Un").
	WhyFolding = "folding"
	// WhyTransliteration: another transliteration of the name
	// ("Yeltsin", "Jelzin"; "Usama", "Osama").
	WhyTransliteration = "transliteration"
	// WhyGivenNames: the name with fewer given names or with initials,
	// which fits only one person of the corpus ("Hosni Mubarak",
	// "Muhammad Hosni Mubarak").
	WhyGivenNames = "given names"
	// WhyNickname: a nickname for the given name of the only person of
	// the corpus it fits ("Tony Blinken", "Antony Blinken").
	WhyNickname = "nickname"
	// WhySurname: a surname alone, of the only person of the corpus who
	// bears it ("Kerry", "John Kerry").
	WhySurname = "surname"
	// WhyWords: an organisation's name with the same words in another
	// order or spelling ("Interior Ministry", "Ministry of the Interior").
	WhyWords = "words"
	// WhyAcronym: an acronym and what it stands for ("CSTO";
	// "CENTCOM", "U.S. Central Command").
	WhyAcronym = "acronym"
	// WhyQualifier: an organisation's name without the country or parent
	// body that only one body of the corpus adds ("State Department",
	// "U.S. Department of State").
	WhyQualifier = "qualifier"
	// WhyAlias: a document defines one name as the other ("Iraqi
	// Security Forces (ISF)", "ISIL, also known as Daesh").
	WhyAlias = "alias"
	// WhyPlace: the gazetteer gives both names one place.
	WhyPlace = "place"
	// WhyKnown: the rules list both names as one body's ("United
	// Nations", "UN"; "Islamic State", "ISIL").
	WhyKnown = "known body"
	// WhyOwner: an organisation's name less the body that owns it
	// ("Department of the Treasury's Office of Foreign Assets Control":
	// "Office of Foreign Assets Control"), the only body of the corpus
	// it fits.
	WhyOwner = "owner"
	// WhyAcronymPart: the first part of a hyphenated acronym ("CJTF" of
	// "CJTF-OIR"), when the corpus has one body it opens.
	WhyAcronymPart = "acronym part"
	// WhyCorrection: a reviewer merged the names.
	WhyCorrection = "correction"
	// WhySplit marks a name a reviewer split out of its entity; Via is
	// empty.
	WhySplit = "split"
)

// WhyText says in words why name belongs with via, for people reviewing
// a merge.
func WhyText(why, via string) string {
	switch why {
	case "":
		return ""
	case WhySplit:
		return "split out by a reviewer"
	case WhyCorrection:
		return "merged with \"" + via + "\" by a reviewer"
	}
	text, ok := whyText[why]
	if !ok {
		text = why + " (%q)"
	}
	return strings.ReplaceAll(text, "%q", "\""+via+"\"")
}

var whyText = map[string]string{
	WhyFolding:         "the same letters as %q once accents, case and hyphens are folded",
	WhyTransliteration: "another transliteration of %q",
	WhyGivenNames:      "fewer given names or initials than %q, the only person of the corpus it fits",
	WhyNickname:        "a nickname for the given name of %q, the only person of the corpus it fits",
	WhySurname:         "the surname of %q, the only person of the corpus who bears it",
	WhyWords:           "the same words as %q, in another order or spelling",
	WhyAcronym:         "an acronym and its expansion, with %q",
	WhyQualifier:       "%q with or without its country or parent body, the only body of the corpus it fits",
	WhyAlias:           "an alias of %q that a document defines",
	WhyPlace:           "the same place as %q in the gazetteer",
	WhyKnown:           "another name of %q among the known organisations of the rules",
	WhyOwner:           "%q with or without the body that owns it (\"X's Y\", \"Y\"), the only body of the corpus it fits",
	WhyAcronymPart:     "%q with or without the end of a hyphenated acronym (\"CJTF-OIR\", \"CJTF\"), the only body of the corpus it fits",
}

// Entity correction kinds.
const (
	// Merge puts B's entity into A's; A's name becomes the canonical one.
	Merge = "merge"
	// Split takes A out of its entity.
	Split = "split"
)

// EntityCorrection is a person's correction to entity resolution. It
// outlives every re-extraction.
type EntityCorrection struct {
	ID        int64
	Kind      string
	A, B      string
	Reviewer  string
	CreatedAt time.Time
}
