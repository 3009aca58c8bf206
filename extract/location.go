package extract

import "github.com/claimex/claimex"

// location returns the place a figure at tokens first..last refers to:
// the nearest name after a place preposition in the figure's clause
// ("103 of the deaths had occurred in Almaty"), preferring one after the
// figure.
func (x *Extractor) location(s *sentence, first, last int) string {
	lo, hi := first, last
	for lo > 0 && s.words[lo-1] != ";" && s.words[lo-1] != ":" {
		lo--
	}
	for hi < len(s.words)-1 && s.words[hi+1] != ";" && s.words[hi+1] != ":" {
		hi++
	}
	best, dist := "", -1
	for k := lo; k <= hi; k++ {
		_, n := x.lex.placePreps.at(s.words, k)
		if n == 0 || k >= first && k <= last {
			continue
		}
		j := k + n
		if s.word(j) == "the" {
			j++
		}
		// "in the city of Mariupol", "in the Donetsk region" reads on.
		if !s.capitalized(j) && s.word(j+1) == "of" {
			j += 2
		}
		name := x.placeAt(s, j)
		if name == "" {
			continue
		}
		d := k - last
		if k < first {
			d = (first - k) * 2 // a place before the figure is a weaker reading
		}
		if dist < 0 || d < dist {
			best, dist = name, d
		}
	}
	return best
}

// placeAt returns the name of a place starting at token i: an entity the
// recogniser found, or a run of capitalised nouns that is not a month.
func (x *Extractor) placeAt(s *sentence, i int) string {
	if i >= len(s.words) || !s.capitalized(i) || x.isMonth(s, i) {
		return ""
	}
	if e := s.entAt[i]; e >= 0 && s.ments[e].first == i {
		if m := s.ments[e]; m.typ != claimex.Person {
			return s.cut(m.first, m.last)
		}
		return ""
	}
	j := i
	for j < len(s.words) && s.capitalized(j) && isNounTag(s.tag(j)) && !x.isMonth(s, j) {
		j++
	}
	if j == i {
		return ""
	}
	return s.cut(i, j-1)
}
