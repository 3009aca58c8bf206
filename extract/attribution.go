package extract

import (
	"strings"

	"github.com/claimex/claimex"
)

// source is a candidate attribution in a sentence: who, and the token
// where the attributing words stand.
type source struct {
	who string
	at  int
}

// sources finds who the sentence attributes figures to: "according to
// X", "citing X", "X said ...", "..., X added", "reported X", "as reported
// today by X", "with X giving the latest figure". he and she stand for the
// last person named.
func (x *Extractor) sources(s *sentence, d *discourse) []source {
	lx := x.lex
	var out []source
	for j := 0; j < len(s.words); j++ {
		if _, n := lx.attrBefore.at(s.words, j); n > 0 {
			if who := x.sourceAfter(s, j+n); who != "" {
				out = append(out, source{who, j})
			}
			j += n - 1
			continue
		}
		// "the ministry's figure of 300": the owner of a count noun.
		if _, n := lx.countNouns.at(s.words, j); n > 0 && (s.word(j-1) == "'s" || s.word(j-1) == "'") {
			if who := x.subjectBefore(s, j-1, d); who != "" {
				out = append(out, source{who, j})
			}
			continue
		}
		_, n := lx.attrVerbs.at(s.words, j)
		if n == 0 || isNounTag(s.tag(j)) && !s.titleCase && j > 0 && s.capitalized(j) {
			continue // "United States" is a name, not "states"
		}
		// Passive: "as reported (today) by X".
		if k := j + n; s.word(k) == "by" || s.word(k+1) == "by" && !isBreak(s.word(k)) {
			if s.word(k) != "by" {
				k++
			}
			if who := x.sourceAfter(s, k+1); who != "" {
				out = append(out, source{who, j})
			}
			continue
		}
		if (s.tag(j) == "VBN" || isAdjTag(s.tag(j))) && x.nounFollows(s, j+n) {
			continue // "confirmed deaths": an adjective
		}
		if who := x.subjectBefore(s, j, d); who != "" {
			out = append(out, source{who, j})
			continue
		}
		// Inverted: "..., reported the state broadcaster Khabar 24".
		if j == 0 || s.word(j-1) == "," || isQuote(s.word(j-1)) {
			if who := x.sourceAfter(s, j+n); who != "" {
				out = append(out, source{who, j})
			}
		}
	}
	return out
}

// attribution picks, for a figure at token i, the nearest source.
func attribution(srcs []source, first, last int) string {
	best, dist := "", -1
	for _, src := range srcs {
		d := src.at - last
		if src.at < first {
			d = first - src.at
		}
		if dist < 0 || d < dist {
			best, dist = src.who, d
		}
	}
	return best
}

// sourceAfter reads the noun phrase naming a source from token i
// ("police", "the Interior Ministry", "the head of the Criminal Procedure
// Service of the Office of the Prosecutor General of Kazakhstan, Serik
// Shalabaev"); a name in apposition at its end is preferred to the role.
func (x *Extractor) sourceAfter(s *sentence, i int) string {
	first, last := i, i-1
	for j := i; j < len(s.words) && j < i+24; j++ {
		w, tag := s.words[j], s.tag(j)
		// "according to a statement from the defence ministry": the source
		// is the ministry.
		if _, n := x.lex.attrBefore.at(s.words, j); n > 0 && j > i {
			if who := x.sourceAfter(s, j+n); who != "" {
				return who
			}
		}
		if isBreak(w) || w == "," || isQuote(w) {
			break
		}
		if j > i && (isVerbTag(tag) && x.lex.attrVerbs.has(s.words, j) || tag == "VBN" || tag == "VBG") {
			break // "credible reports received by Amnesty"
		}
		if x.lex.prepositions.has(s.words, j) && w != "of" {
			break
		}
		if isVerbTag(tag) && !s.capitalized(j) && j > i {
			break
		}
		if _, ok := ParseNumber(s.words[j:]); ok && !s.capitalized(j-1) {
			break
		}
		last = j
	}
	if last < first || !hasNoun(s, first, last) {
		return ""
	}
	if s.word(last+1) == "," {
		if name := x.nameAt(s, last+2); name != "" {
			return name
		}
	}
	return trimSource(s, first, last)
}

// nameAt returns the proper name (a run of capitalised words ending the
// clause) starting at token i, or "".
func (x *Extractor) nameAt(s *sentence, i int) string {
	j := i
	for j < len(s.words) && s.capitalized(j) && isNounTag(s.tag(j)) {
		j++
	}
	if j == i || (j < len(s.words) && !isBreak(s.words[j]) && s.words[j] != ",") {
		return ""
	}
	return s.cut(i, j-1)
}

// subjectBefore reads the subject of a reporting verb at v: "Kazakh
// authorities said", "The health ministry said", "The authorities had
// initially only confirmed", "The president of Kazakhstan, Kasim-Yomart
// Tokáyev, wrote" (the name in apposition), "he explained" (the last
// person named).
func (x *Extractor) subjectBefore(s *sentence, v int, d *discourse) string {
	k := v - 1
	for k >= 0 && (x.lex.links.has(s.words, k) || strings.HasPrefix(s.tag(k), "RB")) && s.words[k] != "that" {
		if passive[s.words[k]] {
			return "" // "no casualties were reported": what is reported, not who
		}
		k--
	}
	if k < 0 {
		return ""
	}
	if s.words[k] == "," {
		// "The president of Kazakhstan, Kasim-Yomart Tokáyev, wrote".
		m := k - 1
		for m >= 0 && s.capitalized(m) && isNounTag(s.tag(m)) {
			m--
		}
		if m < k-1 && m >= 0 && s.words[m] == "," {
			return s.cut(m+1, k-1)
		}
		// "Abdenour, who heads the League for Human Rights, said": the
		// subject before the relative clause.
		for m := k - 1; m > 0 && m >= k-25; m-- {
			if w := s.words[m]; (w == "who" || w == "which") && s.words[m-1] == "," {
				return x.subjectBefore(s, m-1, d)
			}
			if isBreak(s.words[m]) {
				break
			}
		}
		return ""
	}
	switch s.words[k] {
	case "he", "she":
		// The last person named before, in this sentence or an earlier one.
		for m := k - 1; m >= 0; m-- {
			if e := s.entAt[m]; e >= 0 && s.ments[e].typ == claimex.Person {
				return personName(s, s.ments[e])
			}
		}
		return d.lastPerson
	case "it", "they", "we", "i", "you", "who", "which":
		return ""
	}
	m := k
	for m >= 0 {
		w, tag := s.words[m], s.tag(m)
		if w == "that" || w == "," || isBreak(w) || isQuote(w) || isVerbTag(tag) && !s.capitalized(m) {
			break
		}
		if x.lex.prepositions.has(s.words, m) && w != "of" {
			break
		}
		if !(isNounTag(tag) || isAdjTag(tag) || tag == "DT" || tag == "POS" || tag == "PRP$" || tag == "CD" ||
			w == "of" || w == "'s" || s.capitalized(m)) {
			break
		}
		m--
	}
	for m+1 <= k && s.words[m+1] == "of" {
		m++
	}
	for k > m+1 && (s.words[k] == "of" || s.tag(k) == "DT") {
		k--
	}
	if m+1 > k || !hasNoun(s, m+1, k) {
		return ""
	}
	// A count is not a source: "3,248 cases reported".
	for i := m + 1; i <= k; i++ {
		if s.tag(i) == "CD" && !s.capitalized(i-1) {
			return ""
		}
	}
	return trimSource(s, m+1, k)
}

// passive are the forms of "be" that make a reporting verb passive.
var passive = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true}

func hasNoun(s *sentence, i, j int) bool {
	for k := i; k <= j; k++ {
		if isNounTag(s.tag(k)) {
			return true
		}
	}
	return false
}

// trimSource cuts tokens i..j without leading determiners.
func trimSource(s *sentence, i, j int) string {
	for i < j && (s.words[i] == "the" || s.words[i] == "a" || s.words[i] == "an") {
		i++
	}
	return s.cut(i, j)
}

// opensStatement reports whether s introduces a statement that the
// paragraphs after it give, as press releases do: "Minister Ellwood
// said:", "The Foreign Secretary said:". Its source stands for their
// figures until another statement opens.
func opensStatement(s *sentence) bool {
	n := len(s.words)
	return n >= 3 && s.words[n-1] == ":" && isVerbTag(s.tag(n-2))
}
