package extract

// nounPhrase returns the token range of the noun phrase starting at i
// ("people", "police and army officers", "members of the security forces
// and bodies"), empty (last < first) when none starts there. It stops at
// predicates that are not adjectives ("225 people dead"), links ("were"),
// prepositions other than "of", and clause punctuation.
//
// ofLead lets the phrase open with "of" ("dozens of people", "none of the
// passengers"), for vague amounts and zero.
func (x *Extractor) nounPhrase(s *sentence, i int, ofLead bool) (first, last int) {
	lx := x.lex
	if ofLead && s.word(i) == "of" {
		i++
		if _, n := lx.determiners.at(s.words, i); n > 0 {
			i += n
		}
	}
	first, last = i, i-1
	heads := 0
	for j := i; j < len(s.words) && j < i+14; {
		w, tag := s.words[j], s.tag(j)
		switch {
		case isQuote(w):
			j++
			continue
		case lx.predicates.has(s.words, j):
			_, n := lx.predicates.at(s.words, j)
			if !x.nounFollows(s, j+n) {
				return first, last
			}
			last, j = j+n-1, j+n
			continue
		case lx.links.has(s.words, j) || lx.negations.has(s.words, j) || lx.timeWords.has(s.words, j):
			return first, last
		case w == "of":
			if heads == 0 {
				return first, last
			}
			k := j + 1
			if _, n := lx.determiners.at(s.words, k); n > 0 {
				k += n
			}
			if !isNounTag(s.tag(k)) && !isAdjTag(s.tag(k)) {
				return first, last
			}
			j = k
			continue
		case lx.prepositions.has(s.words, j):
			return first, last
		case w == "and" || w == "or" || w == "&":
			if heads == 0 || !x.conjunctFollows(s, j+1) {
				return first, last
			}
			j++
			continue
		case w == ",":
			if heads == 0 || !x.listContinues(s, j+1) {
				return first, last
			}
			j++
			continue
		case isNounTag(tag):
			heads++
			last = j
		case tag == "RB" && heads == 0 && isAdjTag(s.tag(j+1)):
			// "two highly critical reports", "very young children"
		case heads == 0 && x.isAdverb(s, j) && x.modifierFollows(s, j+1):
			// "500 newly displaced people"
		case isAdjTag(tag) || (tag == "VBN" || tag == "VBG") && heads == 0 && x.nounFollows(s, j+1):
			// A participle before the noun modifies it ("displaced
			// people"); after it, it opens a clause ("detainees awaiting
			// trial").
			if !x.nounFollows(s, j+1) && heads > 0 {
				return first, last
			}
			last = j
		default:
			return first, last
		}
		j++
	}
	return first, last
}

// nounFollows reports whether a noun or adjective (past quotes) starts at
// i: the word before it then modifies it ("displaced people").
func (x *Extractor) nounFollows(s *sentence, i int) bool {
	for i < len(s.words) && isQuote(s.words[i]) {
		i++
	}
	if i >= len(s.words) || x.lex.prepositions.has(s.words, i) || x.lex.links.has(s.words, i) || x.lex.timeWords.has(s.words, i) {
		return false
	}
	if c, _ := x.lex.predicates.at(s.words, i); c != "" && !x.nounFollows(s, i+1) {
		return false
	}
	return isNounTag(s.tag(i)) || isAdjTag(s.tag(i))
}

// modifierFollows reports whether a predicate that modifies a noun
// starts at i ("displaced people").
func (x *Extractor) modifierFollows(s *sentence, i int) bool {
	_, n := x.lex.predicates.at(s.words, i)
	return n > 0 && x.nounFollows(s, i+n)
}

// conjunctFollows reports whether "and" at i-1 joins another noun
// phrase, not a new figure or clause ("police and army officers", not
// "225 dead and more than 4,500 injured").
func (x *Extractor) conjunctFollows(s *sentence, i int) bool {
	if _, n := x.lex.before.at(s.words, i); n > 0 {
		return false
	}
	if _, ok := ParseNumber(s.words[i:]); ok {
		return false
	}
	return x.nounFollows(s, i)
}

// listContinues reports whether a comma at i-1 sits inside a list of
// noun phrases that goes on to "and" or "or" ("insurgents, terrorists and
// bandits"), rather than ending the phrase ("4,500 people, officials said").
func (x *Extractor) listContinues(s *sentence, i int) bool {
	for k := i; k < len(s.words) && k < i+10; k++ {
		w, tag := s.words[k], s.tag(k)
		switch {
		case (w == "and" || w == "or") && k > i:
			return x.conjunctFollows(s, k+1)
		case w == "," || isQuote(w) || isNounTag(tag) || isAdjTag(tag):
		default:
			return false
		}
	}
	return false
}
