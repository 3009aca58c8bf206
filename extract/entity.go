package extract

import (
	"strings"

	"github.com/claimex/claimex"
)

// entityTypes are the recogniser labels kept as entity claims.
var entityTypes = map[string]string{
	"PERSON": claimex.Person, "ORG": claimex.Org, "GPE": claimex.GPE, "LOC": claimex.Loc,
}

// entities turns the recogniser's entities in s into entity claims.
func (x *Extractor) entities(s *sentence) []claimex.Claim {
	var out []claimex.Claim
	for _, e := range s.ents {
		typ, ok := entityTypes[e.label]
		if !ok {
			continue
		}
		text := strings.TrimSuffix(strings.TrimSuffix(e.text, "'s"), "\u2019s")
		if strings.TrimSpace(text) == "" {
			continue
		}
		out = append(out, claimex.Claim{
			Kind:          claimex.KindEntity,
			EntityType:    typ,
			Canonical:     text,
			Text:          text,
			Sentence:      s.text,
			Start:         e.start,
			End:           e.start + len(text),
			SentenceStart: s.start,
			SentenceEnd:   s.start + len(s.text),
			Rule:          "entity/prose-ner",
		})
	}
	return out
}

// harmonizeTypes makes entity types consistent within a document: a
// mention whose last word is the surname of a person named elsewhere in
// the document is a person too ("Serik Shalabayev" labelled a place, where
// "Mr Shalabayev" was labelled a person). Only strong evidence names a
// surname: a person mention of several words, or one word after an
// honorific; a lone word labelled a person ("Kazakh") does not.
func harmonizeTypes(text string, claims []claimex.Claim) {
	surnames := map[string]bool{}
	for _, c := range claims {
		if c.Kind != claimex.KindEntity || c.EntityType != claimex.Person {
			continue
		}
		if len(strings.Fields(c.Text)) > 1 || honorificBefore(text, c.Start) {
			surnames[surname(c.Text)] = true
		}
	}
	for i := range claims {
		c := &claims[i]
		if c.Kind == claimex.KindEntity && c.EntityType != claimex.Person && surnames[surname(c.Text)] {
			c.EntityType = claimex.Person
			c.Rule += "+same-surname"
		}
	}
}

// honorifics are titles that announce a person's name.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "sir": true, "dame": true,
	"president": true, "minister": true, "premier": true, "chancellor": true, "senator": true, "governor": true,
	"mayor": true, "general": true, "gen": true, "colonel": true, "col": true, "captain": true, "capt": true,
	"lieutenant": true, "sergeant": true, "judge": true, "justice": true, "king": true, "queen": true,
	"prince": true, "princess": true, "pope": true, "rev": true, "father": true, "sheikh": true,
}

// honorificBefore reports whether the word before byte offset b of text is
// an honorific ("Mr Shalabayev", "President Tokayev").
func honorificBefore(text string, b int) bool {
	f := strings.Fields(text[:b])
	if len(f) == 0 {
		return false
	}
	return honorifics[strings.TrimSuffix(strings.ToLower(f[len(f)-1]), ".")]
}

// surname is the folded last word of a name, without diacritics.
func surname(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return foldDiacritics(strings.ToLower(f[len(f)-1]))
}
