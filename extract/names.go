package extract

import (
	"sort"
	"strings"
	"unicode"

	"github.com/adrg/strutil/metrics"
	"github.com/claimex/claimex"
)

// Verdict is what the name matcher says of two names.
type Verdict int

// Verdicts.
const (
	// Different names are of different entities.
	Different Verdict = iota
	// Compatible names may be of one entity: a surname alone and a full
	// name with that surname. Resolution decides, from the whole database.
	Compatible
	// Same names are of one entity.
	Same
)

func (v Verdict) String() string {
	return [...]string{"different", "compatible", "same"}[v]
}

// nameThreshold is the Jaro-Winkler similarity of two transliteration
// keys (see nameKey) above which two name words are taken for one. Most
// variants get equal keys ("Shalabayev"/"Shalabaev", "Zelenskiy"
// /"Zelensky", "Massimov"/"Masimov": 1.0). Measured on the pairs of
// TestMatchNames, the variants the keys leave apart score 0.900
// ("Moammar"/"Muammar"), 0.933 ("Kyiv"/"Kiev"), 0.950 ("Gorbachev"
// /"Gorbatschow") and 0.977 ("Nure-Sultan"/"Nur-Sultan"), while the
// closest different names score 0.876 ("Rahman"/"Rahim") and 0.867
// ("Jong-un"/"Jong-il"). 0.89 sits in that gap with room either side.
// Two closer pairs of different names are told apart by other rules: a
// feminine surname ("Petrov"/"Petrova", 0.971) and two places of the
// gazetteer ("Austria"/"Australia", 0.927).
const nameThreshold = 0.89

var jaroWinkler = metrics.NewJaroWinkler()

// SameName compares two names of entities of type typ ("PERSON", "ORG",
// "GPE", "LOC"). People match when their surnames match and so do their
// given names (an initial matches its name), spelling variants of
// transliteration allowed ("Kassym-Jomart Tokayev", "Kasim-Yomart
// Tokáyev", "Kassym-Shomart Tokayev"); a surname alone is Compatible with
// a full name. Organisations match when their content words are the same
// in any order ("Interior Ministry", "Ministry of the Interior") or one is
// the acronym of the other in either word order ("CSTO", "Organization of
// the Collective Security Treaty"). Places match when their keys do.
func SameName(typ, a, b string) Verdict {
	switch typ {
	case claimex.Person:
		return samePerson(a, b)
	case claimex.Org:
		if sameOrg(a, b) {
			return Same
		}
		return Different
	}
	// Two places of the gazetteer are one only if it says so ("Austria"
	// is not "Australia", however alike they look).
	if g, err := loadGazetteer(); err == nil {
		pa, oka := g.near(foldName(a))
		pb, okb := g.near(foldName(b))
		if oka && okb {
			if pa.canonical == pb.canonical {
				return Same
			}
			return Different
		}
	}
	if similarWord(nameKey(a), nameKey(b)) {
		return Same
	}
	return Different
}

// foldName folds a name the way the gazetteer's keys are folded.
func foldName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.NewReplacer("’", "'", "‘", "'", "–", "-", "—", "-").Replace(s))), " ")
}

func samePerson(a, b string) Verdict {
	pa, pb := nameParts(a), nameParts(b)
	if len(pa) == 0 || len(pb) == 0 {
		return Different
	}
	if !similarSurname(pa[len(pa)-1], pb[len(pb)-1]) {
		return Different
	}
	if len(pa) == 1 || len(pb) == 1 {
		if len(pa) == 1 && len(pb) == 1 {
			return Same
		}
		return Compatible
	}
	// Middle names or initials that both give must agree: "George W.
	// Bush" is not "George H. W. Bush".
	if len(pa) > 2 && len(pb) > 2 && pa[1][0] != pb[1][0] {
		return Different
	}
	if sameGiven(pa[0], pb[0]) {
		return Same
	}
	return Different
}

// sameGiven compares given-name keys; an initial matches a name it opens.
func sameGiven(a, b string) bool {
	if len(a) == 1 || len(b) == 1 {
		return a[0] == b[0]
	}
	return similarWord(a, b)
}

// similarSurname compares two surname keys. Besides their similarity, a
// surname and its feminine form ("Petrov", "Petrova") are different
// people, however alike they look.
func similarSurname(a, b string) bool {
	if a == b {
		return true
	}
	if strings.TrimSuffix(a, "a") == b || strings.TrimSuffix(b, "a") == a {
		return false
	}
	return similarWord(a, b)
}

func similarWord(a, b string) bool {
	if a == b {
		return true
	}
	if a == "" || b == "" {
		return false
	}
	sim := jaroWinkler.Compare(a, b)
	if sim >= nameThreshold {
		return true
	}
	// Vowels are what transliterations disagree on most ("Mohammed",
	// "Muhammad"): the same consonants in the same order, and a fair
	// likeness besides, make one name.
	ca, cb := consonants(a), consonants(b)
	return len(ca) >= 3 && ca == cb && sim >= consonantThreshold
}

// consonantThreshold is the likeness two names with the same consonants
// still need ("mohamed"/"muhamad" 0.87; "rahman"/"rahim" share no
// consonant skeleton).
const consonantThreshold = 0.80

// consonants keeps the first letter of a key and its consonants.
func consonants(k string) string {
	var b strings.Builder
	for i, r := range k {
		if i == 0 || !isVowel(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nameParts splits a person's name into the keys of its words, dropping
// honorifics; a hyphenated given name stays one word.
func nameParts(name string) []string {
	var out []string
	for _, w := range strings.Fields(name) {
		w = strings.Trim(w, ".,")
		lw := strings.ToLower(w)
		switch lw {
		case "mr", "mrs", "ms", "dr", "sir", "miss", "prof", "", "jr", "sr", "bin", "ibn", "al", "el", "abu", "von",
			"van", "der", "de", "da", "di", "du", "le", "la":
			continue
		}
		// "al-Assad", "el-Sisi": the article is not the name.
		for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "an-", "ar-"} {
			if strings.HasPrefix(lw, p) && len(lw) > len(p)+2 {
				w = w[len(p):]
				break
			}
		}
		if k := nameKey(w); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// nameKey reduces a name word to a key that spelling variants of
// transliteration share: diacritics folded ("Tokáyev"), doubled letters
// single ("Massimov"), the alternations of j, y and i ("Jomart",
// "Yomart"), zh, sh and dzh, kh and ch, w and v, and a y between vowels
// dropped ("Shalabayev", "Shalabaev"). Keys are for comparing, not for
// reading.
func nameKey(w string) string {
	w = foldDiacritics(strings.ToLower(w))
	var b strings.Builder
	for _, r := range w {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	k := b.String()
	for _, rep := range [][2]string{
		{"tsch", "ch"}, {"sch", "sh"}, {"dzh", "j"}, {"dj", "j"}, {"zh", "j"}, {"sh", "j"}, {"kh", "h"}, {"ch", "h"},
		{"gh", "g"}, {"dh", "d"}, {"ph", "f"}, {"th", "t"}, {"x", "ks"}, {"w", "v"}, {"q", "k"}, {"ck", "k"},
		{"j", "i"}, {"y", "i"},
	} {
		k = strings.ReplaceAll(k, rep[0], rep[1])
	}
	// Drop an i between two vowels: "tokaiev" → "tokaev".
	r := []rune(k)
	var out []rune
	for i, c := range r {
		if c == 'i' && i > 0 && i+1 < len(r) && isVowel(r[i-1]) && isVowel(r[i+1]) {
			continue
		}
		if len(out) > 0 && out[len(out)-1] == c {
			continue // doubled letters
		}
		out = append(out, c)
	}
	return string(out)
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiou", r) }

// orgStop are the words an organisation's name may add or drop in
// another word order: "Ministry of the Interior".
var orgStop = map[string]bool{"of": true, "the": true, "for": true, "and": true, "in": true, "on": true, "&": true}

// orgWords returns the content words of an organisation's name, folded,
// with British and American spellings made one.
func orgWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(strings.NewReplacer("’", "'", "-", " ").Replace(name)) {
		w = strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(foldDiacritics(w)), "'s"), "'")
		w = strings.Trim(w, ".,()")
		if w == "" || orgStop[w] {
			continue
		}
		for _, rep := range [][2]string{{"isation", "ization"}, {"defence", "defense"}, {"centre", "center"},
			{"programme", "program"}, {"labour", "labor"}} {
			w = strings.ReplaceAll(w, rep[0], rep[1])
		}
		out = append(out, w)
	}
	return out
}

func sameOrg(a, b string) bool {
	wa, wb := orgWords(a), orgWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if sameBag(wa, wb) {
		return true
	}
	return isAcronymOf(a, wb) || isAcronymOf(b, wa)
}

func sameBag(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// isAcronymOf reports whether acr, written in capitals, is made of the
// initials of words in their order, or in the order of the other way of
// naming the body, where the head word moves from the end to the front
// ("CSTO" of "Organization of the Collective Security Treaty"). Other
// orders are not accepted: "SLS" is not "Life Support Systems".
func isAcronymOf(acr string, words []string) bool {
	acr = strings.ReplaceAll(acr, ".", "")
	if !isAllCaps(acr) || strings.ContainsRune(acr, ' ') || len(words) < 2 {
		return false
	}
	letters := strings.ToLower(acr)
	if len([]rune(letters)) != len(words) {
		return false
	}
	initials := make([]rune, len(words))
	for i, w := range words {
		initials[i] = []rune(w)[0]
	}
	if string(initials) == letters {
		return true
	}
	n := len(initials)
	// "Organization of the C S T" → CSTO; "C S T Organization" → OCST.
	if movableHeads[words[0]] && string(initials[1:])+string(initials[:1]) == letters {
		return true
	}
	return movableHeads[words[n-1]] && string(initials[n-1:])+string(initials[:n-1]) == letters
}

// movableHeads are the head words a body's name may put first, with "of",
// or last: "Organization of the Collective Security Treaty" and
// "Collective Security Treaty Organization".
var movableHeads = map[string]bool{
	"organization": true, "ministry": true, "office": true, "department": true, "agency": true, "council": true,
	"committee": true, "commission": true, "bureau": true, "union": true, "league": true, "association": true,
	"federation": true, "institute": true, "university": true, "bank": true, "court": true, "service": true,
	"party": true, "front": true, "movement": true, "alliance": true, "treaty": true, "conference": true,
}
