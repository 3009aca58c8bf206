package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimex/claimex"
)

// mention is a person, organisation or place found in a sentence.
type mention struct {
	first, last int // token indexes
	typ         string
	role        string
	canonical   string
	rule        string
	// prio ranks the evidence: where two mentions overlap, the higher
	// wins, then the longer.
	prio int
	// tagged marks the mentions the name tagger read; personRead the
	// places of the gazetteer it read as a person's name.
	tagged, personRead bool
}

// Evidence ranks, highest first.
const (
	prioTitled   = 6 // "President Kassym-Jomart Tokayev", "Mr Shalabayev"
	prioRole     = 5 // "his predecessor Nursultan Nazarbayev", "X, a spokesman,"
	prioOrg      = 4 // "Interior Ministry", "the broadcaster Khabar 24"
	prioPlace    = 3 // the gazetteer, acronyms, "the health ministry"
	prioModel    = 2 // prose's model, person labels
	prioGuess    = 1 // prose's other labels, read as a name
	prioEvidence = 0 // needs the document's evidence to stand
)

// recognize finds the mentions of every sentence of a document, and sets
// each sentence's mentions and entAt.
func (x *Extractor) recognize(sents []*sentence) {
	x.recognizeRules(sents)
	if x.names != nil {
		x.tagged(x.names, sents)
	}
	for _, s := range sents {
		for i := range s.entAt {
			s.entAt[i] = -1
		}
		for k, m := range s.ments {
			for i := m.first; i <= m.last; i++ {
				s.entAt[i] = k
			}
		}
	}
}

// recognizeRules finds the mentions the rules and prose's model give
// every sentence, with the document's evidence.
func (x *Extractor) recognizeRules(sents []*sentence) {
	for _, s := range sents {
		s.ments = x.sentenceMentions(s)
	}
	x.documentEvidence(sents)
}

// sentenceMentions finds the candidate mentions of one sentence and keeps
// the best of those that overlap.
func (x *Extractor) sentenceMentions(s *sentence) []mention {
	cands := append([]mention(nil), s.cheap...)
	x.modelMentions(s, func(m mention) {
		if x.usable(s, m) {
			cands = append(cands, m)
		}
	})
	return choose(s, cands)
}

// usable reports whether a candidate mention lies in the sentence and is
// not page furniture.
func (x *Extractor) usable(s *sentence, m mention) bool {
	return m.first >= 0 && m.last >= m.first && m.last < len(s.words) && !x.isClutter(s, m)
}

// ruleMentions are the candidate mentions of the recognisers the rules
// drive: titles, roles, given names, organisations, places.
func (x *Extractor) ruleMentions(s *sentence) []mention {
	var cands []mention
	add := func(m mention) {
		if x.usable(s, m) {
			cands = append(cands, m)
		}
	}
	x.titledPeople(s, add)
	x.rolePeople(s, add)
	x.givenNamePeople(s, add)
	x.organisations(s, add)
	x.places(s, add)
	x.shapedPlaces(s, add)
	x.particlePeople(s, add)
	x.regimePeople(s, add)
	return cands
}

// explained marks the tokens that candidates ranked above every mention
// of the entity model take: the model's output there cannot be chosen.
func explained(s *sentence, cheap []mention) []bool {
	var strong []mention
	for _, m := range cheap {
		if m.prio > prioModel {
			strong = append(strong, m)
		}
	}
	out := make([]bool, len(s.words))
	for _, m := range choose(s, strong) {
		for i := m.first; i <= m.last; i++ {
			out[i] = true
		}
	}
	return out
}

// choose picks, best first (priority, then length, then position), the
// candidates that do not overlap one already picked, in text order.
func choose(s *sentence, cands []mention) []mention {
	cands = append([]mention(nil), cands...)
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.prio != b.prio {
			return a.prio > b.prio
		}
		if la, lb := a.last-a.first, b.last-b.first; la != lb {
			return la > lb
		}
		return a.first < b.first
	})
	taken := make([]bool, len(s.words))
	var out []mention
	for _, m := range cands {
		free := true
		for i := m.first; i <= m.last; i++ {
			free = free && !taken[i]
		}
		if !free {
			continue
		}
		for i := m.first; i <= m.last; i++ {
			taken[i] = true
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].first < out[j].first })
	return out
}

// titledPeople reads names after titles and honorifics: "President
// Kassym-Jomart Tokayev", "Deputy Defense Minister Sultan Gamaletdinov",
// "US Secretary of State Antony Blinken", "Mr Shalabayev". The title, with
// the capitalised words before it, is the role.
func (x *Extractor) titledPeople(s *sentence, add func(mention)) {
	lx := x.lex
	for i := 0; i < len(s.words); i++ {
		_, nt := lx.titles.at(s.words, i)
		_, nh := lx.honorifics.at(s.words, i)
		if nt == 0 && nh == 0 {
			continue
		}
		// Walk over a chain of titles and the capitalised words between
		// them ("Deputy Defense Minister").
		j, lastTitle, honorific := i, -1, false
		for j < len(s.words) {
			if _, n := lx.titles.at(s.words, j); n > 0 {
				lastTitle, j, honorific = j+n-1, j+n, false
				continue
			}
			if _, n := lx.honorifics.at(s.words, j); n > 0 {
				lastTitle, j, honorific = j+n-1, j+n, true
				continue
			}
			if s.capitalized(j) && j+1 < len(s.words) && lx.titles.has(s.words, j+1) && !x.titleSurname(s, j+1) {
				j++
				continue
			}
			break
		}
		first, last := x.nameRun(s, lastTitle+1)
		if last < first && (s.word(lastTitle+1) == "of" || s.word(lastTitle+1) == "for") {
			// "Secretary of Defense Ash Carter": the title's domain, then
			// the name from its given name on.
			if k := x.givenAfterDomain(s, lastTitle+2); k > 0 {
				lastTitle = k - 1
				first, last = x.nameRun(s, k)
			}
		}
		if last < first || x.isPlaceName(s, first, last) || s.titleCase && x.commonWords(s, first, last) {
			continue // "Prime Minister Discuss Next Moves"
		}
		start := i
		for start > 0 && s.capitalized(start-1) && !lx.determiners.has(s.words, start-1) &&
			!isBreak(s.words[start-1]) && !isQuote(s.words[start-1]) && !lx.honorifics.has(s.words, start-1) {
			start--
		}
		if start == i && !s.capitalized(i) {
			// "former intelligence chief Karim Massimov"
			for start > 0 && start > i-3 && !s.capitalized(start-1) &&
				(isAdjTag(s.tag(start-1)) || isNounTag(s.tag(start-1))) && !lx.determiners.has(s.words, start-1) {
				start--
			}
		}
		role := ""
		if !honorific {
			role = s.cut(start, lastTitle)
		}
		add(mention{first: first, last: last, typ: claimex.Person, role: role, rule: "entity/title", prio: prioTitled})
		i = last
	}
}

// rolePeople reads names with their part: "his predecessor Nursultan
// Nazarbayev", "81-year-old Nursultan Nazarbayev", "Serik Shalabayev, a
// representative of the state prosecutor,", "The president of
// Kazakhstan, Kasim-Yomart Tokáyev, wrote".
func (x *Extractor) rolePeople(s *sentence, add func(mention)) {
	lx := x.lex
	for i := 0; i < len(s.words); i++ {
		w := s.words[i]
		// A role noun or an age right before a name.
		if _, n := lx.roles.at(s.words, i); n > 0 && !s.capitalized(i) || strings.HasSuffix(w, "-year-old") {
			if n == 0 {
				n = 1
			}
			if first, last := x.nameRun(s, i+n); last >= first && (last > first || !x.isCommon(s.words[first])) {
				role := ""
				if !strings.HasSuffix(w, "-year-old") {
					role = s.cut(x.modifiersBefore(s, i), i+n-1)
				}
				add(mention{first: first, last: last, typ: claimex.Person, role: role, rule: "entity/role", prio: prioRole})
				i = last
				continue
			}
		}
		if !s.capitalized(i) || (i > 0 && s.capitalized(i-1) && !isQuote(s.words[i-1])) {
			continue
		}
		first, last := x.nameRun(s, i)
		if last < first || last == first && (!s.capitalized(first) || x.isCommon(s.words[first])) ||
			x.isPlaceName(s, first, last) {
			continue
		}
		// Apposition after: "Name, a representative of ...,".
		if s.word(last+1) == "," {
			if role := x.roleAfter(s, last+2); role != "" {
				add(mention{first: first, last: last, typ: claimex.Person, role: role, rule: "entity/apposition", prio: prioRole})
				i = last
				continue
			}
		}
		// Apposition before: "The president of Kazakhstan, Name,".
		if s.word(first-1) == "," && (s.word(last+1) == "," || isBreak(s.word(last+1))) {
			if role := x.roleBefore(s, first-1); role != "" {
				add(mention{first: first, last: last, typ: claimex.Person, role: role, rule: "entity/apposition", prio: prioRole})
				i = last
			}
		}
	}
}

// isPlaceName reports whether tokens first..last are exactly a name of
// the gazetteer ("Greenbelt, Maryland," is no person in apposition).
func (x *Extractor) isPlaceName(s *sentence, first, last int) bool {
	_, n := x.gazetteer.at(s.words, first)
	return n == last-first+1
}

// roleAfter reads a role in apposition from token i: "a representative
// of the state prosecutor", "presidential adviser", "the Polish Foreign
// Minister". It ends at a comma, a clause break or "and the".
func (x *Extractor) roleAfter(s *sentence, i int) string {
	if x.lex.determiners.has(s.words, i) {
		_, n := x.lex.determiners.at(s.words, i)
		i += n
	}
	end, found := i-1, false
	for j := i; j < len(s.words) && j < i+9; j++ {
		w := s.words[j]
		if w == "," || isBreak(w) || isQuote(w) || w == "and" && x.lex.determiners.has(s.words, j+1) {
			break
		}
		if isVerbTag(s.tag(j)) && !s.capitalized(j) {
			return ""
		}
		if x.lex.roles.has(s.words, j) || x.lex.titles.has(s.words, j) {
			found = true
			// "Tokayev, Russian President Vladimir Putin and ...": a
			// list of people, not a role.
			if f, l := x.nameRun(s, j+1); l >= f && s.capitalized(j+1) {
				return ""
			}
		}
		end = j
	}
	if !found || end < i {
		return ""
	}
	return s.cut(i, end)
}

// roleBefore reads a role ending at the comma at token c, opening the
// sentence or a clause: "The president of Kazakhstan".
func (x *Extractor) roleBefore(s *sentence, c int) string {
	start := c
	for j := c - 1; j >= 0 && j >= c-16; j-- {
		w := s.words[j]
		if w == "," || isBreak(w) || isQuote(w) || isVerbTag(s.tag(j)) || s.tag(j) == "VBG" || w == "to" {
			break
		}
		start = j
	}
	for start < c && x.lex.determiners.has(s.words, start) {
		start++
	}
	// The role opens with its head, give or take two modifiers: "the
	// head of the Criminal Procedure Service ...", "the Polish Foreign
	// Minister".
	for j := start; j < c && j <= start+2; j++ {
		if x.lex.roles.has(s.words, j) || x.lex.titles.has(s.words, j) {
			return s.cut(start, c-1)
		}
	}
	return ""
}

// modifiersBefore returns where the lower-case adjectives before token i
// begin: "the authoritarian ruler" → "authoritarian ruler".
func (x *Extractor) modifiersBefore(s *sentence, i int) int {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if !isAdjTag(s.tag(k)) || s.capitalized(k) {
			break
		}
		i = k
	}
	return i
}

// nameRun returns the proper name starting at token i: up to four
// capitalised words (with particles such as "bin" or "von" between them,
// and initials: "Stephen J. Townsend"), not titles, months,
// organisation words or the verbs of a Title Case headline. Empty (last <
// first) when none starts there.
func (x *Extractor) nameRun(s *sentence, i int) (first, last int) {
	lx := x.lex
	first, last = i, i-1
	words := 0
	for j := i; j < len(s.words); j++ {
		if lx.particles.has(s.words, j) && j > i && !particleName(s.toks[j].Text) && s.capitalized(j+1) {
			continue
		}
		if j > i && x.titleSurname(s, j) {
			last = j // "Julie Bishop met", "Ben Judge said"
			break
		}
		// "J." of "Stephen J. Townsend", tokenised apart; an initial is
		// no word ("A." of "Gerald A. Daniel" is no article).
		initial := j > i && x.initialBefore(s, j)
		if !initial && (!s.capitalized(j) || !nameWord(s.toks[j].Text) || x.notNameWord(s, j)) {
			break
		}
		if words++; words > 4 {
			return first, i - 1
		}
		last = j
		if initial {
			last = j + 1
			j++
		}
	}
	return first, last
}

// givenAfterDomain returns the given name that opens a person's name
// after a title's domain starting at token i ("Defense Ash Carter",
// "Foreign Affairs Sergey Lavrov"), or -1: the domain is capitalised
// words, given names the person's.
func (x *Extractor) givenAfterDomain(s *sentence, i int) int {
	if s.word(i) == "the" {
		i++
	}
	for k := i + 1; k < len(s.words) && k <= i+4 && s.capitalized(k-1); k++ {
		if s.capitalized(k) && x.isGivenName(s.words[k]) && s.capitalized(k+1) && !x.notNameWord(s, k+1) {
			return k
		}
	}
	return -1
}

// titleSurname reports whether the capitalised word at j, after a name's
// first word, is a one-word title that names no one after it, so a
// surname: "Bishop" in "Julie Bishop met", not in "Julie, Bishop Tutu".
func (x *Extractor) titleSurname(s *sentence, j int) bool {
	if !s.capitalized(j) || !s.capitalized(j-1) || s.titleCase {
		return false
	}
	if _, n := x.lex.titles.at(s.words, j); n != 1 || x.lex.honorifics.has(s.words, j) {
		return false
	}
	return !s.capitalized(j+1) && !x.lex.titles.has(s.words, j+1) && s.word(j+1) != "of"
}

// initialBefore reports whether the token at j is a middle initial, a
// capital letter and its full stop tokenised apart, before a word that
// may be a name: "J" of "Stephen J. Townsend".
func (x *Extractor) initialBefore(s *sentence, j int) bool {
	return isInitial(s.toks[j].Text) && s.word(j+1) == "." && j+2 < len(s.toks) && s.capitalized(j+2) &&
		nameWord(s.toks[j+2].Text) && !x.notNameWord(s, j+2)
}

// isInitial reports whether t is one capital letter.
func isInitial(t string) bool {
	r, n := utf8.DecodeRuneInString(t)
	return n == len(t) && unicode.IsUpper(r)
}

// nameWord reports whether a token can be part of a name: letters, with
// hyphens, apostrophes and the dots of initials.
func nameWord(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' && r != '.' {
			return false
		}
	}
	return !isAllCaps(t) || utf8.RuneCountInString(t) == 1
}

// notNameWord reports whether a capitalised token at j is a word that
// does not belong in a person's name: a title, a month, a weekday, an
// organisation word, a place, or a verb or function word of a headline.
func (x *Extractor) notNameWord(s *sentence, j int) bool {
	lx := x.lex
	if _, ok := ParseNumber(s.words[j:]); ok {
		return true // "Xbox One X"
	}
	// "Said" is a given name where it is no verb: capitalised inside a
	// sentence, or opening one before another name ("Said Hassan").
	name := !s.titleCase && x.isGivenName(s.words[j]) && (j > 0 || s.capitalized(1) && nameWord(s.toks[1].Text))
	verb := (lx.attrVerbs.has(s.words, j) || lx.english.has(s.words, j) || lx.links.has(s.words, j)) && !name
	return lx.titles.has(s.words, j) || lx.honorifics.has(s.words, j) || x.isMonth(s, j) ||
		lx.timeWords.has(s.words, j) || lx.orgHeads.has(s.words, j) || lx.determiners.has(s.words, j) ||
		lx.prepositions.has(s.words, j) || verb || lx.placeHeads.has(s.words, j) ||
		lx.predicates.has(s.words, j) || lx.nouns.has(s.words, j) || s.words[j] == "and" ||
		lx.clutter.has(s.words, j)
}

// isAllCaps reports whether t has two or more letters, all upper case.
func isAllCaps(t string) bool {
	n := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// isClutter reports whether a mention is page furniture ("Akismet").
func (x *Extractor) isClutter(s *sentence, m mention) bool {
	for i := m.first; i <= m.last; i++ {
		if _, n := x.lex.clutter.at(s.words, i); n > 0 && i+n-1 <= m.last {
			return true
		}
	}
	return false
}

// entityClaims turns the mentions of the sentences into claims.
func (x *Extractor) entityClaims(sents []*sentence) []claimex.Claim {
	var out []claimex.Claim
	for _, s := range sents {
		for _, m := range s.ments {
			first, last := m.first, m.last
			// "Tokayev’s": the name without the possessive.
			for last > first && (s.words[last] == "'s" || s.words[last] == "'") {
				last--
			}
			start, end := s.span(first, last)
			text := s.text[start-s.start : end-s.start]
			canonical := m.canonical
			if canonical == "" {
				canonical = text
			}
			out = append(out, claimex.Claim{
				Kind:          claimex.KindEntity,
				EntityType:    m.typ,
				Canonical:     canonical,
				Role:          m.role,
				Text:          text,
				Sentence:      s.text,
				Start:         start,
				End:           end,
				SentenceStart: s.start,
				SentenceEnd:   s.start + len(s.text),
				Rule:          m.rule,
			})
		}
	}
	return out
}
