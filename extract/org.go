package extract

import (
	"strings"
	"unicode"

	"github.com/claimex/claimex"
)

// organisations reads organisation names by their shape: a name ending
// in an organisation word ("Interior Ministry", "Attorney General's
// Office") or opening with one before "of" or "for" ("Ministry of
// Defence", "Organisation for Security and Cooperation in Europe"); a
// name after an organisation noun ("the state broadcaster Khabar 24");
// a lower-case body ("the health ministry"); an acronym ("CSTO"); and
// the organisations the rules name ("Kremlin").
func (x *Extractor) organisations(s *sentence, add func(mention)) {
	lx := x.lex
	caps := allCapsSentence(s)
	for i := 0; i < len(s.words); i++ {
		if !s.capitalized(i) {
			// "the state broadcaster Khabar 24"
			if _, n := lx.orgNouns.at(s.words, i); n > 0 {
				if last := x.capitalRun(s, i+n, true); last >= i+n {
					add(mention{first: i + n, last: last, typ: claimex.Org, rule: "entity/org-noun", prio: prioOrg})
				}
			}
			// "the health ministry", "the country’s health ministry"
			if w := s.word(i - 1); w == "the" || w == "'s" {
				for k := i; k <= i+2 && k < len(s.words); k++ {
					if _, n := lx.bodies.at(s.words, k); n > 0 && k > i && !s.capitalized(k) {
						add(mention{first: i, last: k + n - 1, typ: claimex.Org, rule: "entity/body", prio: prioPlace})
						break
					}
					if s.capitalized(k) || !isAdjTag(s.tag(k)) && !isNounTag(s.tag(k)) {
						break
					}
				}
			}
			continue
		}
		if _, n := lx.organisations.at(s.words, i); n > 0 && (n > 1 || !shortAcronym(s.words[i]) || isAllCaps(s.toks[i].Text)) {
			// "Islamic State of Iraq and the Levant"; "UN", not "Un"
			add(mention{first: i, last: x.orgOf(s, i+n-1, false), typ: claimex.Org, rule: "entity/known", prio: prioOrg})
		}
		// "AC Milan", "PT Tambang Timah": an opening word of clubs and
		// companies, then the name.
		if _, n := lx.orgOpeners.at(s.words, i); n > 0 && (isAllCaps(s.toks[i].Text) ||
			!s.titleCase && (i > 0 || !x.isCommon(s.words[i]))) {
			if last := x.properRun(s, i+n); last >= i+n {
				add(mention{first: i, last: last, typ: claimex.Org, rule: "entity/org-opener", prio: prioOrg})
				i = last
				continue
			}
		}
		if _, n := lx.orgHeads.at(s.words, i); n > 0 {
			// The head closes a capitalised name: walk back over it, and
			// over the ordinal of a unit ("158th Fighter Wing") and the
			// body owning it ("Department of Treasury's Office").
			first := i
			for {
				for first > 0 && (s.capitalized(first-1) && !lx.determiners.has(s.words, first-1) && first-1 > 0 ||
					s.words[first-1] == "'s" && s.capitalized(first-2)) && !isQuote(s.words[first-1]) {
					first--
				}
				if first > 1 && s.word(first-1) == "of" && lx.orgHeads.has(s.words, first-2) && s.capitalized(first-2) && first < i {
					first -= 2
					continue
				}
				break
			}
			if first > 0 && isOrdinal(s.words[first-1]) {
				first--
			}
			last := x.orgOf(s, i+n-1, first == i)
			if first < i || last > i+n-1 {
				add(mention{first: first, last: last, typ: claimex.Org, rule: "entity/org-shape", prio: prioOrg})
				i = last
			}
			continue
		}
		// "the Iraqi government", "the Kurdistan regional government": a
		// demonym or a place, then a body.
		if _, n := x.gazetteer.at(s.words, i); n > 0 || lx.places.has(s.words, i) {
			if n == 0 {
				_, n = lx.places.at(s.words, i)
			}
			k := i + n
			for k < i+n+2 && !s.capitalized(k) && isAdjTag(s.tag(k)) && !lx.bodies.has(s.words, k) {
				k++
			}
			if _, m := lx.bodies.at(s.words, k); m > 0 && !s.capitalized(k) {
				add(mention{first: i, last: k + m - 1, typ: claimex.Org, rule: "entity/body", prio: prioPlace})
			}
		}
		// "SOCCER", "RESULTS": a word in capitals is no acronym.
		if t := s.toks[i].Text; !caps && isAllCaps(t) && acronymShape(t) && !lx.notAcronyms.has(s.words, i) &&
			!(len(t) >= 4 && x.isCommon(s.words[i])) {
			if _, n := x.gazetteer.at(s.words, i); n == 0 {
				add(mention{first: i, last: i, typ: claimex.Org, rule: "entity/acronym", prio: prioPlace})
			}
		}
	}
}

// capitalRun returns the last token of a run of capitalised words
// starting at i, with lower-case "of", "and", "for", "the" between them,
// and a trailing number when number is set ("Khabar 24"); i-1 when none
// starts there.
func (x *Extractor) capitalRun(s *sentence, i int, number bool) int {
	last := i - 1
	for j := i; j < len(s.words) && j < i+8; j++ {
		w := s.words[j]
		switch {
		case s.capitalized(j) && !isQuote(w) && !isBreak(w) && !x.isMonth(s, j) && !x.lex.attrVerbs.has(s.words, j):
			last = j
		case (w == "of" || w == "and" || w == "for" || w == "the") && j > i && s.capitalized(j+1):
		case number && isDigitWord(w) && j == last+1 && last >= i:
			return j
		default:
			return last
		}
	}
	return last
}

// allCapsSentence reports whether most words of s are written in capitals,
// as in a shouted headline, where capitals mark no acronym.
func allCapsSentence(s *sentence) bool {
	words, caps := 0, 0
	for _, t := range s.toks {
		if len(t.Text) < 2 || !isLetterWord(t.Text) {
			continue
		}
		words++
		if isAllCaps(t.Text) {
			caps++
		}
	}
	return words >= 4 && caps*2 > words
}

func isLetterWord(t string) bool {
	for _, r := range t {
		if r < 'A' || (r > 'Z' && r < 'a') || r > 'z' {
			return false
		}
	}
	return true
}

// acronymShape reports whether an all-capital token can be an
// organisation's acronym: up to eight letters, with dots, hyphens or an
// ampersand between them ("CJTF-OIR", "AT&T", "U.N."), no digits ("IE6",
// "STS-135"), currency signs ("US$") or Roman numerals ("XVII").
func acronymShape(t string) bool {
	n, roman := 0, true
	for _, r := range t {
		switch {
		case unicode.IsLetter(r):
			n++
			roman = roman && strings.ContainsRune("IVXLCDM", r)
		case r == '.' || r == '-' || r == '&':
		default:
			return false
		}
	}
	return n <= 8 && !(roman && n > 1)
}

// orgOf returns where an organisation's name ending at token last ends
// once the "of" phrases after it are read: "Ministry of Defence", "Office
// of the Prosecutor General of Kazakhstan", "Islamic State of Iraq and
// the Levant". An opening head (opener) reads on over "for", "on", "in"
// and "and" too ("Organisation for Security and Cooperation in Europe");
// "and the" goes on only to a place ("Government of Iraq and the
// Kurdistan Regional Government" is two).
func (x *Extractor) orgOf(s *sentence, last int, opener bool) int {
	for {
		w, k := s.word(last+1), last+2
		the := s.word(k) == "the"
		if the {
			k++
		}
		end := x.capitalRun(s, k, false)
		switch {
		case end < k:
			return last
		case w == "in" && !the && x.townSpan(s, k, end):
			// "Museum of Flight in Seattle": where it is; a country or a
			// region may be in the name ("Organisation for Security and
			// Co-operation in Europe", "Mission in Afghanistan").
			return last
		case w == "of", opener && (w == "for" || w == "on" || w == "in" || w == "and" && !the):
			last = end
		case w == "and" && the && x.placeSpan(s, k, end):
			last = end
		default:
			return last
		}
	}
}

// placeSpan reports whether tokens first..last are exactly a place of the
// gazetteer or the rules.
func (x *Extractor) placeSpan(s *sentence, first, last int) bool {
	if _, n := x.lex.places.at(s.words, first); n == last-first+1 {
		return true
	}
	p, n := x.gazetteer.at(s.words, first)
	return n == last-first+1 && p.kind != "demonym"
}

// townSpan reports whether tokens first..last are exactly a town of the
// gazetteer.
func (x *Extractor) townSpan(s *sentence, first, last int) bool {
	p, n := x.gazetteer.at(s.words, first)
	return n == last-first+1 && p.kind == "city"
}

// isOrdinal reports whether w is a number written as an ordinal: "158th",
// "3rd".
func isOrdinal(w string) bool {
	n := len(w)
	if n < 3 || !isDigit(w[0]) {
		return false
	}
	switch w[n-2:] {
	case "st", "nd", "rd", "th":
	default:
		return false
	}
	for i := 0; i < n-2; i++ {
		if !isDigit(w[i]) {
			return false
		}
	}
	return true
}

// shortAcronym reports whether a word of the known organisations is an
// acronym of three letters or fewer ("un", "u.n.", "eu"), which counts
// only in capitals.
func shortAcronym(w string) bool {
	return len([]rune(strings.ReplaceAll(w, ".", ""))) <= 3
}
