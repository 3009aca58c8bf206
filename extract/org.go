package extract

import (
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
		if _, n := lx.organisations.at(s.words, i); n > 0 {
			add(mention{first: i, last: i + n - 1, typ: claimex.Org, rule: "entity/known", prio: prioOrg})
		}
		// "AC Milan", "PT Tambang Timah": an opening word of clubs and
		// companies, then the name.
		if _, n := lx.orgOpeners.at(s.words, i); n > 0 && (isAllCaps(s.toks[i].Text) || !s.titleCase && i > 0) {
			if last := x.properRun(s, i+n); last >= i+n {
				add(mention{first: i, last: last, typ: claimex.Org, rule: "entity/org-opener", prio: prioOrg})
				i = last
				continue
			}
		}
		if _, n := lx.orgHeads.at(s.words, i); n > 0 {
			// The head closes a capitalised name: walk back over it.
			first := i
			for first > 0 && (s.capitalized(first-1) && !lx.determiners.has(s.words, first-1) && first-1 > 0 ||
				s.words[first-1] == "'s" && s.capitalized(first-2)) && !isQuote(s.words[first-1]) {
				first--
			}
			last := i + n - 1
			// Opening head, or any head followed by "of": "Ministry of
			// Defence", "Office of the Prosecutor General of Kazakhstan".
			opener := first == i
			for {
				w := s.word(last + 1)
				if w != "of" && !(opener && (w == "for" || w == "and" || w == "on" || w == "in")) {
					break
				}
				k := last + 2
				if s.word(k) == "the" {
					k++
				}
				end := x.capitalRun(s, k, false)
				if end < k {
					break
				}
				last = end
			}
			if first < i || last > i+n-1 {
				add(mention{first: first, last: last, typ: claimex.Org, rule: "entity/org-shape", prio: prioOrg})
				i = last
			}
			continue
		}
		// "the Iraqi government": a demonym, then a body.
		if p, n := x.gazetteer.at(s.words, i); n > 0 && p.kind == "demonym" {
			if _, m := lx.bodies.at(s.words, i+n); m > 0 && !s.capitalized(i+n) {
				add(mention{first: i, last: i + n + m - 1, typ: claimex.Org, rule: "entity/body", prio: prioPlace})
			}
		}
		if t := s.toks[i].Text; !caps && isAllCaps(t) && acronymLetters(t) <= 8 && !lx.notAcronyms.has(s.words, i) {
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

// acronymLetters counts the letters of an acronym ("CJTF-OIR": 7).
func acronymLetters(t string) int {
	n := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
