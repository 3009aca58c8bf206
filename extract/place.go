package extract

import (
	"strings"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
)

// places reads the names of the gazetteer (countries, cities, first-level
// divisions) and the places the rules add (continents, regions). A place
// whose name is also a common word ("China", "Phoenix") must be
// capitalised, and for a city, not open a sentence.
func (x *Extractor) places(s *sentence, add func(mention)) {
	for i := 0; i < len(s.words); i++ {
		if !s.capitalized(i) {
			continue
		}
		if p, n := x.gazetteer.at(s.words, i); n > 0 {
			if p.kind == "demonym" || x.lex.groups.has(s.words, i) {
				i += n - 1 // "German", "Iraqis": no place
				continue
			}
			if p.common && p.kind == "city" && (i == 0 || s.titleCase) {
				continue
			}
			// "UN", "EU": two capitals are an acronym, not a town ("Un").
			if n == 1 && p.kind == "city" && isAllCaps(s.toks[i].Text) && len([]rune(s.toks[i].Text)) == 2 {
				continue
			}
			// "Philip Hammond", "Said Hassan", "Michael Jordan": a place's
			// name closing a person's.
			if n == 1 && !s.titleCase && x.givenNameAt(s, i-1) {
				continue
			}
			// "Vladimir Putin", "Georgia Smith": a town's name opening a
			// person's.
			if p.kind != "country" && n == 1 && !s.titleCase && s.capitalized(i+1) && nameWord(s.toks[i+1].Text) &&
				!x.notNameWord(s, i+1) {
				if _, m := x.gazetteer.at(s.words, i+1); m == 0 || x.isGivenName(s.words[i]) {
					continue // "Michael Jordan": a given name, though a region too
				}
			}
			// "Milan beat Inter", "signed for Chelsea", "shares of
			// Lonmin": a club or a company named after its town.
			if p.kind != "country" && x.sportsContext(s, i, i+n-1) {
				// "Bayern Munich", "Werder Bremen": the club's name before
				// its town's.
				first := i
				for first > 0 && first > i-2 && s.capitalized(first-1) && nameWord(s.toks[first-1].Text) &&
					!x.notNameWord(s, first-1) && !(first-1 == 0 && x.lex.openers.has(s.words, 0)) {
					first--
				}
				add(mention{first: first, last: i + n - 1, typ: claimex.Org, rule: "entity/club", prio: prioOrg})
				i += n - 1
				continue
			}
			// "Kazakh" is no place, but "Kazakhstan" is; "Washington" in
			// "George Washington" belongs to the person, which outranks it.
			add(mention{first: i, last: i + n - 1, typ: claimex.GPE, canonical: p.canonical, rule: "entity/gazetteer", prio: prioPlace})
			i += n - 1
			continue
		}
		if _, n := x.lex.places.at(s.words, i); n > 0 {
			add(mention{first: i, last: i + n - 1, typ: claimex.Loc, rule: "entity/place", prio: prioPlace})
			i += n - 1
		}
	}
}

// modelMentions adds what prose's entity model found. Its person labels
// are fair evidence; its other labels mark capitalised words of every
// kind, so they stand only as a place one letter from the gazetteer
// ("Nure-Sultan"), as a person's name of two or three words, or, alone,
// for the document's evidence to decide.
func (x *Extractor) modelMentions(s *sentence, add func(mention)) {
	for _, e := range s.ents {
		first, last := trimMention(s, e.first, e.last)
		if first < 0 || last < first || !s.capitalized(first) {
			continue
		}
		if p, n := x.gazetteer.at(s.words, last); n == 1 && p.kind == "demonym" || x.lex.groups.has(s.words, last) {
			continue // "German", "Shia Arab"
		}
		if x.foreignGloss(s, first) {
			continue // "(Kurdish: Kitêba Cilwe)"
		}
		if e.label != "ORGANIZATION" && x.placeContext(s, first, last) && last-first <= 3 && !x.endsInOrgHead(s, first, last) &&
			!x.noName(s, first) && !x.isMonth(s, first) && s.capitalized(last) {
			// "near Al Huwayjah": a name after a place preposition that
			// opens with no given name is a place's; not one opened by a
			// people's adjective ("in German literary circles") or a
			// month ("in March"), or ending in a word in lower case.
			add(mention{first: first, last: last, typ: claimex.GPE, rule: "entity/place-context", prio: prioGuess})
			continue
		}
		if e.label == "PERSON" && first == last && !s.titleCase && x.ownedName(s, first) {
			// "Assad's inhumanity", "the Assad regime": a name, no
			// common word, owning something.
			add(mention{first: first, last: last, typ: claimex.Person, rule: "entity/model-word", prio: prioGuess})
			continue
		}
		if e.label == "PERSON" && !x.attributive(s, last) && !s.titleCase {
			if nf, nl := x.nameRun(s, first); nl >= last && nf == first {
				last = nl // "Isiah L. Booker", read by the model as "Isiah L"
				switch {
				case s.words[first] == "al" && !x.isGivenName(s.words[first+min(1, last-first)]):
					// "Al Sumaria", "Al Bu Nimr": the Arabic article opens
					// more places and bodies than names; the document must
					// name the person otherwise ("Vice President Al Gore").
					add(mention{first: first, last: last, typ: claimex.Person, rule: "entity/model", prio: prioEvidence})
				case first == last:
					// One word: a person only if the document names one so.
					add(mention{first: first, last: last, typ: claimex.Person, rule: "entity/model-word", prio: prioEvidence})
				case x.isGivenName(s.words[first]) || !x.isCommon(s.words[last]) && !x.commonWords(s, first, last):
					add(mention{first: first, last: last, typ: claimex.Person, rule: "entity/model", prio: prioModel})
				default:
					// "MacBook Pro": no given name, a common word last; the
					// document must name the person otherwise.
					add(mention{first: first, last: last, typ: claimex.Person, rule: "entity/model", prio: prioEvidence})
				}
				continue
			}
		}
		name := rules.Fold(s.cut(first, last))
		if p, ok := x.gazetteer.near(name); ok {
			add(mention{first: first, last: last, typ: claimex.GPE, canonical: p.canonical, rule: "entity/gazetteer-near", prio: prioModel})
			continue
		}
		nf, nl := x.nameRun(s, first)
		switch {
		case nf == first && nl == last && last > first && last-first <= 2 && !s.titleCase && !x.afterPlacePrep(s, first) &&
			!x.commonWords(s, first, last):
			// A name the model took for something else: it stands if the
			// document names the person strongly elsewhere.
			add(mention{first: first, last: last, typ: claimex.Person, rule: "entity/model-name", prio: prioEvidence})
		case nf == first && nl == last && last == first && !x.attributive(s, last):
			// One word: a person only if the document names one so.
			add(mention{first: first, last: last, typ: claimex.Person, rule: "entity/model-word", prio: prioEvidence})
		}
	}
}

// givenNamePeople reads names that open with a given name ("John
// Smith", "Rose Byrne") where prose's model saw nothing. A common word
// for a given name needs an uncommon surname ("Mark Smith" is left out,
// "Will" of "Will the government" never makes a name alone).
func (x *Extractor) givenNamePeople(s *sentence, add func(mention)) {
	if s.titleCase {
		return
	}
	for i := 0; i < len(s.words); i++ {
		if !s.capitalized(i) || !x.isGivenName(s.words[i]) || i > 0 && s.capitalized(i-1) && !isQuote(s.words[i-1]) {
			continue
		}
		first, last := x.nameRun(s, i)
		if last <= first || last-first > 2 || x.isPlaceName(s, first, last) || x.lex.orgHeads.has(s.words, last+1) {
			continue
		}
		if x.isCommon(s.words[first]) && x.isCommon(s.words[last]) {
			continue
		}
		if s.words[first] == "al" && !x.isGivenName(s.words[first+1]) {
			continue // "Al Sumaria", "Al Bu Nimr": the Arabic article
		}
		add(mention{first: first, last: last, typ: claimex.Person, rule: "entity/given-name", prio: prioGuess})
		i = last
	}
}

// commonWords reports whether every word of tokens first..last is a
// common English word: "Global Lighting", "Human Rights" and "Sky Sports"
// name no one, "Danny Green" does.
func (x *Extractor) commonWords(s *sentence, first, last int) bool {
	for i := first; i <= last; i++ {
		if !x.isCommon(s.words[i]) {
			return false
		}
	}
	return true
}

// trimMention drops quotation marks, punctuation and possessives at the
// ends of a span.
func trimMention(s *sentence, first, last int) (int, int) {
	if first < 0 {
		return -1, -1
	}
	for first <= last && !nameWord(s.toks[first].Text) && !isAllCaps(s.toks[first].Text) {
		first++
	}
	for last >= first && (!nameWord(s.toks[last].Text) && !isDigitWord(s.words[last]) && !isAllCaps(s.toks[last].Text) ||
		s.words[last] == "'s") {
		last--
	}
	return first, last
}

// attributive reports whether the word at i modifies what follows it, as
// "Kazakh" does in "Kazakh authorities" and "Russian" in "Russian
// President": then it is an adjective, not a name.
func (x *Extractor) attributive(s *sentence, i int) bool {
	next := i + 1
	if next >= len(s.words) {
		return false
	}
	if x.lex.titles.has(s.words, next) || x.lex.roles.has(s.words, next) {
		return true
	}
	return !s.capitalized(next) && (isNounTag(s.tag(next)) || isAdjTag(s.tag(next)))
}

// afterPlacePrep reports whether a place preposition stands before token
// i ("in Las Colinas").
func (x *Extractor) afterPlacePrep(s *sentence, i int) bool {
	_, st := x.lex.placePreps.before(s.words, i)
	return st >= 0
}

// documentEvidence settles what one sentence cannot: a lone word the
// model marked is a person if the document names a person with that
// surname; a surname alone resolves to the full name of the only person
// of the document who bears it; and a capitalised word that is such a
// surname is a mention even where the model missed it.
func (x *Extractor) documentEvidence(sents []*sentence) {
	// Full names by folded surname; "" marks a surname two people share.
	full := map[string]string{}
	for _, s := range sents {
		for _, m := range s.ments {
			if m.typ != claimex.Person || m.last == m.first || m.prio < prioModel {
				continue
			}
			// A surname that is also a common word ("Case", "Sword")
			// needs a title or a role to be taken for one.
			if key := s.words[m.last]; x.isCommon(key) && m.prio < prioRole {
				continue
			}
			name := s.cut(m.first, m.last)
			key := surname(name)
			if old, ok := full[key]; ok && samePerson(old, name) != Same {
				full[key] = ""
				continue
			}
			if old := full[key]; len(name) > len(old) {
				full[key] = name
			}
		}
	}
	// Surnames given strongly: of a full name, or after a title.
	known := map[string]bool{}
	for key := range full {
		known[key] = true
	}
	for _, s := range sents {
		for _, m := range s.ments {
			if m.typ == claimex.Person && m.first == m.last && m.prio >= prioRole {
				known[surname(s.cut(m.first, m.last))] = true
			}
		}
	}
	for _, s := range sents {
		var kept []mention
		covered := make([]bool, len(s.words))
		for _, m := range s.ments {
			if m.prio == prioEvidence && !known[surname(s.cut(m.first, m.last))] {
				continue
			}
			if m.prio == prioEvidence && m.last > m.first && full[surname(s.cut(m.first, m.last))] == "" {
				continue // a model name whose person the document names nowhere else
			}
			kept = append(kept, m)
			for i := m.first; i <= m.last; i++ {
				covered[i] = true
			}
		}
		// Surnames the model missed: "according to Tokayev".
		for i := range s.words {
			if covered[i] || !s.capitalized(i) || !nameWord(s.toks[i].Text) || s.titleCase && i == 0 {
				continue
			}
			if key := foldDiacritics(s.words[i]); known[key] && !x.isCommon(key) && (i+1 >= len(s.words) || !s.capitalized(i+1)) {
				kept = append(kept, mention{first: i, last: i, typ: claimex.Person, rule: "entity/surname", prio: prioEvidence})
			}
		}
		sortMentions(kept)
		for k := range kept {
			m := &kept[k]
			if m.typ != claimex.Person && known[surname(s.cut(m.first, m.last))] && m.rule == "entity/model-word" {
				m.typ = claimex.Person
			}
			// "Taylor", a town, where the document names a person Taylor.
			if m.typ == claimex.GPE && m.first == m.last && known[surname(s.cut(m.first, m.last))] {
				if p, _ := x.gazetteer.at(s.words, m.first); p.kind != "country" {
					m.typ, m.canonical, m.rule = claimex.Person, "", "entity/surname"
				}
			}
			if m.typ == claimex.Person && m.first == m.last {
				if name := full[surname(s.cut(m.first, m.last))]; name != "" {
					m.canonical = name
				}
			}
		}
		s.ments = kept
	}
}

func sortMentions(ms []mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].first < ms[j-1].first; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// givenNameAt reports whether token i is a capitalised given name that
// is no place itself: then a name after it is a surname.
func (x *Extractor) givenNameAt(s *sentence, i int) bool {
	if !s.capitalized(i) || !x.isGivenName(s.words[i]) || x.lex.titles.has(s.words, i) {
		return false
	}
	p, n := x.gazetteer.at(s.words, i)
	return n == 0 || p.kind != "country"
}

// shapedPlaces reads places by their shape: a capitalised name closed
// by a place word ("Euphrates River", "Hamrin Mountains", "Mosul Dam")
// or opened by one ("Mount Sinjar", "Lake Tharthar", "Fort Campbell",
// "Ayn Isa").
func (x *Extractor) shapedPlaces(s *sentence, add func(mention)) {
	lx := x.lex
	for i := 0; i < len(s.words); i++ {
		if !s.capitalized(i) || s.titleCase {
			continue
		}
		if _, n := lx.placeOpeners.at(s.words, i); n > 0 && s.capitalized(i+n-1) {
			if last := x.properRun(s, i+n); last >= i+n {
				add(mention{first: i, last: last, typ: claimex.Loc, rule: "entity/place-shape", prio: prioOrg})
				i = last
				continue
			}
		}
		if _, n := lx.placeHeads.at(s.words, i); n > 0 && i > 0 {
			first := i
			for first > 0 && s.capitalized(first-1) && !lx.determiners.has(s.words, first-1) && !isQuote(s.words[first-1]) &&
				!lx.orgHeads.has(s.words, first-1) && !lx.placeHeads.has(s.words, first-1) &&
				!(first-1 == 0 && lx.openers.has(s.words, 0)) {
				first--
			}
			if first < i {
				add(mention{first: first, last: i + n - 1, typ: claimex.Loc, rule: "entity/place-shape", prio: prioOrg})
			}
			i += n - 1
		}
	}
}

// properRun returns the last token of the run of up to four capitalised
// name words starting at i (i-1 when none starts there).
func (x *Extractor) properRun(s *sentence, i int) int {
	last := i - 1
	for j := i; j < len(s.words) && j < i+4; j++ {
		if !s.capitalized(j) || !nameWord(s.toks[j].Text) && !isAllCaps(s.toks[j].Text) || isQuote(s.words[j]) ||
			x.isMonth(s, j) || x.lex.attrVerbs.has(s.words, j) {
			break
		}
		last = j
	}
	return last
}

// particlePeople reads names written with a joined particle: "al-Assad",
// "el-Sisi", "Abu Musab al-Zarqawi". Organisations and places of that
// shape ("al-Qaeda", "Al-Fallujah") are known to the rules and the
// gazetteer, which outrank this.
func (x *Extractor) particlePeople(s *sentence, add func(mention)) {
	for i := 0; i < len(s.words); i++ {
		if !particleName(s.toks[i].Text) {
			continue
		}
		if head, _, _ := strings.Cut(s.words[i], "-"); i == 0 || !s.capitalized(i-1) && !personParticles[head] {
			continue // "at-Din" alone
		}
		if _, n := x.lex.titles.at(s.words, i-1); n > 1 {
			continue // "Chargé d’Affaires"
		}
		first := i
		for first > 0 && first > i-3 && s.capitalized(first-1) && nameWord(s.toks[first-1].Text) && !x.notNameWord(s, first-1) &&
			!(first-1 == 0 && x.lex.openers.has(s.words, 0)) {
			first--
		}
		_, last := x.nameRun(s, i)
		if last < i {
			last = i
		}
		if x.lex.orgHeads.has(s.words, last+1) || x.lex.placeHeads.has(s.words, last+1) {
			continue
		}
		if x.placeContext(s, first, last) {
			add(mention{first: first, last: last, typ: claimex.GPE, rule: "entity/place-context", prio: prioGuess})
		} else {
			add(mention{first: first, last: last, typ: claimex.Person, rule: "entity/particle-name", prio: prioGuess})
		}
		i = last
	}
}

// ownedName reports whether the word at i, capitalised inside a
// sentence, neither a common word nor a place, owns what follows:
// "Assad's", "the Assad regime".
func (x *Extractor) ownedName(s *sentence, i int) bool {
	if i == 0 || !nameWord(s.toks[i].Text) || x.isCommon(s.words[i]) || x.notNameWord(s, i) {
		return false
	}
	if _, n := x.gazetteer.at(s.words, i); n > 0 {
		return false
	}
	switch s.word(i + 1) {
	case "'s", "regime", "administration", "dictatorship", "loyalists", "supporters", "family":
		return !s.capitalized(i - 1)
	}
	return false
}

// regimePeople reads the person a regime or an administration is named
// for: "the Asad regime", "the Obama administration".
func (x *Extractor) regimePeople(s *sentence, add func(mention)) {
	for i := 1; i+1 < len(s.words); i++ {
		switch s.word(i + 1) {
		case "regime", "administration", "dictatorship":
		default:
			continue
		}
		if s.word(i-1) == "the" && s.capitalized(i) && x.ownedName(s, i) && !x.lex.organisations.has(s.words, i) &&
			!x.lex.places.has(s.words, i) {
			add(mention{first: i, last: i, typ: claimex.Person, rule: "entity/regime", prio: prioGuess})
		}
	}
}

// placeContext reports whether the name over tokens i..last stands after
// a place preposition ("in", "near"), or after "from" as one end of a way
// to a place, and opens with no given name: there it names a place
// ("near Al Huwayjah", "in al-Hilla", "from Quillabamba to Cusco").
func (x *Extractor) placeContext(s *sentence, i, last int) bool {
	k := i - 1
	if x.lex.determiners.has(s.words, k) {
		k--
	}
	switch s.word(k) {
	case "in", "near", "outside", "inside", "across", "throughout":
	case "from":
		// One end of a way whose other is a place ("travelling from
		// Quillabamba to Cusco"); not a source ("from Reuters").
		if !x.routeTo(s, last+1) {
			return false
		}
	default:
		return false // "at Google", "from Reuters"
	}
	// "Al" of "near Al Huwayjah" is the article, not the given name.
	given := x.isGivenName(s.words[i]) && !x.lex.particles.has(s.words, i)
	return !given && !x.lex.honorifics.has(s.words, i) && !x.lex.titles.has(s.words, i) &&
		!isAllCaps(s.toks[i].Text) && !x.lex.orgHeads.has(s.words, i)
}

// routeTo reports whether token k and those after it are "to" and a
// place of the gazetteer other than a country ("to Cusco", "to the
// Cusco region"): a country is as often the end of a trade or a move.
func (x *Extractor) routeTo(s *sentence, k int) bool {
	if s.word(k) != "to" {
		return false
	}
	k++
	if x.lex.determiners.has(s.words, k) {
		k++
	}
	if k >= len(s.words) || !s.capitalized(k) {
		return false
	}
	p, n := x.gazetteer.at(s.words, k)
	return n > 0 && p.kind != "country" && p.kind != "demonym"
}

// endsInOrgHead reports whether an organisation word is among tokens
// first..last+1 ("in the Interior Ministry").
func (x *Extractor) endsInOrgHead(s *sentence, first, last int) bool {
	for i := first; i <= last+1; i++ {
		if x.lex.orgHeads.has(s.words, i) {
			return true
		}
	}
	return false
}

// personParticles are the joined particles that open a surname standing
// alone: "al-Assad", "bin-Laden".
var personParticles = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "abu": true}

// foreignGloss reports whether token i stands in a gloss in another
// language: a bracket holding "Arabic:" or "in Kurdish" ("(Kitêba Cilwe
// in Kurdish; also transliterated as Kitab Al Jilwah)"). No name there.
func (x *Extractor) foreignGloss(s *sentence, i int) bool {
	open := -1
	for k := i - 1; k >= 0 && k >= i-20; k-- {
		if s.words[k] == ")" {
			return false
		}
		if s.words[k] == "(" {
			open = k
			break
		}
	}
	if open < 0 {
		return false
	}
	for k := open + 1; k < len(s.words) && s.words[k] != ")"; k++ {
		switch {
		case s.words[k] == ":" && s.capitalized(k-1) && k-1 > open,
			s.words[k] == "in" && s.capitalized(k+1) && (s.word(k+2) == ";" || s.word(k+2) == ")" || s.word(k+2) == ","),
			strings.HasPrefix(s.words[k], "transliterat"):
			return true
		}
	}
	return false
}

// sportsContext reports whether tokens first..last stand where a club or
// a company does: after or before a sports verb ("beat", "signed for",
// "shares of"), or before a score ("Leeds 2 Chelsea 1").
func (x *Extractor) sportsContext(s *sentence, first, last int) bool {
	if _, st := x.lex.sportsVerbs.before(s.words, first); st >= 0 {
		return true
	}
	if x.lex.sportsVerbs.has(s.words, last+1) && !x.lex.sportsVerbs.has(s.words, first) {
		return true
	}
	// "Leeds 2 Chelsea 1", "Milan 1-0".
	score := func(w string) bool { return w != "" && len(w) <= 2 && isDigit(w[0]) && isDigit(w[len(w)-1]) }
	next, after := s.word(last+1), s.word(last+2)
	switch {
	case x.isMonth(s, first-1) || x.isMonth(s, last+2):
		return false
	case next != "" && isDigit(next[0]) && strings.Contains(next, "-") && len(next) <= 5:
		return true
	case score(next) && (s.capitalized(last+2) || after == "" || after == "." || after == "," || score(after)):
		return true // "Leeds 2 Chelsea 1", a table's row "Leeds 10 7 2 1"
	}
	return score(s.word(first-1)) && s.capitalized(first-2)
}
