package extract

import (
	"sort"
	"strings"
	"sync"
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

// Replacers used on every name, built once (building one costs more than
// using it): typographic quotes and dashes made plain; a name's words
// split at hyphens (keeping the quote plain); an acronym's dots and
// hyphens dropped.
var (
	plainPunct   = strings.NewReplacer("’", "'", "‘", "'", "–", "-", "—", "-")
	hyphenSpaced = strings.NewReplacer("’", "'", "-", " ")
	acronymMarks = strings.NewReplacer(".", "", "-", "")
)

// foldName folds a name the way the gazetteer's keys are folded.
func foldName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(plainPunct.Replace(s))), " ")
}

// samePerson compares two people's names. Names whose given names fit
// one another are Same: the same given names spelt otherwise, initials
// for names, fewer given names ("Tayyip Erdoğan", "Recep Tayyip
// Erdogan"), a nickname ("Tony Blinken", "Antony Blinken"). Resolution
// asks more of the looser fits (see comparePeople).
func samePerson(a, b string) Verdict {
	pa, pb := parsePerson(a), parsePerson(b)
	switch rel, _ := comparePeople(pa, pb); rel {
	case relSame, relLess, relMore:
		if len(pa.given) == 0 || len(pb.given) == 0 {
			if len(pa.given) == 0 && len(pb.given) == 0 {
				return Same
			}
			return Compatible
		}
		return Same
	}
	return Different
}

// relation is how two people's names relate.
type relation int

const (
	relDifferent relation = iota
	// relSame: equally full names of one person.
	relSame
	// relLess: the first name says less than the second and fits it (a
	// surname alone, fewer given names, initials, a nickname): one
	// person if the corpus has no other the first fits.
	relLess
	// relMore: the second says less than the first.
	relMore
)

// personKey is a person's name read for matching: the keys (see
// nameKey) of its words.
type personKey struct {
	given   []string // given names and initials, in order
	initial []bool   // given[i] is an initial
	surname string
	gen     string // "jr", "sr", "ii", "iii", "iv": a generation
	folded  string // the letters of the name, folded, without spaces or hyphens
	joined  string // the keys, run together
}

// honorifics and particles are not part of what tells people apart.
var nameSkip = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sir": true, "miss": true, "prof": true, "mme": true, "mlle": true,
	"bin": true, "ibn": true, "bint": true, "al": true, "el": true, "abu": true, "von": true, "van": true, "der": true,
	"de": true, "da": true, "di": true, "du": true, "le": true, "la": true,
}

var generations = map[string]string{"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}

// abdWords open an Arabic compound given name: "Abdul Aziz", "Abd
// al-Aziz" and "Abdelaziz" are one name.
var abdWords = map[string]bool{"abd": true, "abdul": true, "abdel": true, "abdal": true, "abdil": true, "abdol": true,
	"abdoul": true, "abdur": true, "abder": true, "abdou": true}

// parsePerson reads a person's name: honorifics and particles dropped
// ("Mr", "al-", "bin"), hyphenated names taken word by word ("Kim Jong-un"
// is "Kim Jong Un"), initials marked ("George H.W. Bush"), a generation
// kept apart ("Jr.").
func parsePerson(name string) personKey {
	var p personKey
	var words []string
	var initial []bool
	for _, w := range strings.Fields(name) {
		w = strings.Trim(w, ".,;:()\"“”")
		lw := strings.ToLower(foldDiacritics(w))
		if nameSkip[strings.Trim(lw, ".")] {
			continue
		}
		if g, ok := generations[strings.Trim(lw, ".")]; ok && len(words) > 0 {
			p.gen = g
			continue
		}
		// "al-Assad", "el-Sisi": the article is not the name.
		for _, pre := range []string{"al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-", "ul-", "ud-"} {
			if strings.HasPrefix(lw, pre) && len(lw) > len(pre)+2 {
				w, lw = w[len(pre):], lw[len(pre):]
				break
			}
		}
		// "H.W.": initials run together.
		if dotted := strings.Split(strings.Trim(lw, "."), "."); len(dotted) > 1 && allShort(dotted) {
			for _, d := range dotted {
				words, initial = append(words, d), append(initial, true)
			}
			continue
		}
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‐' || r == '–' }) {
			k := nameKey(part)
			if k == "" {
				continue
			}
			words, initial = append(words, part), append(initial, len([]rune(strings.Trim(part, "."))) == 1)
		}
	}
	var keys []string
	var isInitial []bool
	for i := 0; i < len(words); i++ {
		w := words[i]
		lw := strings.ToLower(foldDiacritics(w))
		if abdWords[lw] && i+2 < len(words) && !initial[i+1] {
			w, i = w+words[i+1], i+1
		}
		keys, isInitial = append(keys, nameKey(w)), append(isInitial, initial[i])
		p.folded += strings.ToLower(foldDiacritics(strings.ReplaceAll(w, "'", "")))
	}
	if len(keys) == 0 {
		return p
	}
	p.surname = keys[len(keys)-1]
	p.given, p.initial = keys[:len(keys)-1], isInitial[:len(keys)-1]
	p.joined = strings.Join(keys, "")
	return p
}

func allShort(parts []string) bool {
	for _, d := range parts {
		if len([]rune(d)) != 1 {
			return false
		}
	}
	return true
}

// specificity ranks how much a name says: each given name counts two,
// each initial one.
func (p personKey) specificity() int {
	n := 0
	for _, i := range p.initial {
		if i {
			n++
		} else {
			n += 2
		}
	}
	return n
}

// comparePeople says how two names relate, and why they fit when they
// do (a claimex.Why constant).
func comparePeople(a, b personKey) (relation, string) {
	if a.surname == "" || b.surname == "" {
		return relDifferent, ""
	}
	if a.gen != "" && b.gen != "" && a.gen != b.gen {
		return relDifferent, "" // "Jr." and "Sr."
	}
	if a.joined == b.joined && len(a.given) > 0 && len(b.given) > 0 {
		return relSame, sameWhy(a, b)
	}
	if !similarSurname(a.surname, b.surname) {
		return relDifferent, ""
	}
	switch {
	case len(a.given) == 0 && len(b.given) == 0:
		return relSame, sameWhy(a, b)
	case len(a.given) == 0:
		return relLess, claimex.WhySurname
	case len(b.given) == 0:
		return relMore, claimex.WhySurname
	}
	if len(a.given) == len(b.given) {
		same := true
		for i := range a.given {
			if a.initial[i] != b.initial[i] || !sameGiven(a.given[i], b.given[i]) {
				same = false
				break
			}
		}
		if same {
			return relSame, sameWhy(a, b)
		}
	}
	if ok, why := fits(a, b); ok {
		return relLess, why
	}
	if ok, why := fits(b, a); ok {
		return relMore, why
	}
	return relDifferent, ""
}

func sameWhy(a, b personKey) string {
	if a.folded == b.folded {
		return claimex.WhyFolding
	}
	return claimex.WhyTransliteration
}

// fits reports whether a's given names say less than b's and fit them:
// each of a's is one of b's, in order, as the same name, an initial of
// it or a nickname for it. Where both give two or more, the first two
// must be each other's ("George W. Bush" does not fit "George H. W.
// Bush").
func fits(a, b personKey) (bool, string) {
	if a.specificity() > b.specificity() || len(a.given) > len(b.given) {
		return false, ""
	}
	why := claimex.WhyGivenNames
	match := func(i, j int) bool {
		x, y := a.given[i], b.given[j]
		switch {
		case a.initial[i]:
			return x[0] == y[0] || b.initial[j] && x == y
		case b.initial[j]:
			return false
		case sameGiven(x, y):
			return true
		case i == 0 && isNickname(x, y):
			why = claimex.WhyNickname
			return true
		}
		return false
	}
	same := len(a.given) == len(b.given)
	start := 0
	if len(a.given) >= 2 {
		if !match(0, 0) || !match(1, 1) {
			return false, ""
		}
		start = 2
	}
	j := start
	for i := start; i < len(a.given); i++ {
		for j < len(b.given) && !match(i, j) {
			j++
		}
		if j == len(b.given) {
			return false, ""
		}
		j++
	}
	if same && why == claimex.WhyGivenNames && a.specificity() == b.specificity() {
		return false, "" // fits both ways: not less
	}
	return true, why
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
	// A name cut short is a nickname, not a spelling ("Chris" is
	// Christopher's or Christine's): fits decides.
	if len(a) != len(b) && len(a) >= 3 && len(b) >= 3 {
		short, long := a, b
		if len(b) < len(a) {
			short, long = b, a
		}
		if len(long) >= len(short)+2 && strings.HasPrefix(long, short) {
			return false
		}
	}
	sim := jaroWinkler.Compare(a, b)
	if sim >= nameThreshold {
		return true
	}
	// Vowels are what transliterations disagree on most ("Mohammed",
	// "Muhammad"): the same consonants in the same order, and a fair
	// likeness besides, make one name. A first g, k or q is one sound
	// written three ways ("Gaddafi", "Qaddafi", "Kadhafi").
	ca, cb := skeleton(a), skeleton(b)
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

// skeleton is consonants with a first g, k or q written k.
func skeleton(k string) string {
	c := consonants(k)
	if c != "" && strings.ContainsRune("gkq", rune(c[0])) {
		c = "k" + c[1:]
	}
	return c
}

// nameParts splits a person's name into the keys of its words, dropping
// honorifics; the surname is last.
func nameParts(name string) []string {
	p := parsePerson(name)
	if p.surname == "" {
		return nil
	}
	return append(append([]string(nil), p.given...), p.surname)
}

// nameKey reduces a name word to a key that spelling variants of
// transliteration share: letters folded ("Tokáyev", "Wałęsa", "Əliyev"),
// doubled letters single ("Massimov"), the alternations of j, y and i
// ("Jomart", "Yomart"), zh, sh and dzh, kh and ch, w and v, ts and z
// ("Jelzin", "Yeltsin"), ou and u ("Youssef", "Yusuf"), a y between
// vowels dropped ("Shalabayev", "Shalabaev"), a y or j before a first e
// dropped ("Yeltsin", "Eltsin") and a first o written u ("Osama",
// "Usama"). Keys are for comparing, not for reading.
func nameKey(w string) string {
	w = foldDiacritics(strings.ToLower(w))
	var b strings.Builder
	for _, r := range w {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Lm, r) {
			b.WriteRune(r)
		}
	}
	k := b.String()
	for _, rep := range [][2]string{
		{"tsch", "ch"}, {"sch", "sh"}, {"dzh", "j"}, {"dj", "j"}, {"zh", "j"}, {"sh", "j"}, {"kh", "h"}, {"ch", "h"},
		{"gh", "g"}, {"dh", "d"}, {"ph", "f"}, {"th", "t"}, {"x", "ks"}, {"w", "v"}, {"q", "k"}, {"ck", "k"},
		{"tz", "z"}, {"ts", "z"}, {"ou", "u"}, {"j", "i"}, {"y", "i"},
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
	if len(out) > 2 && out[0] == 'i' && out[1] == 'e' {
		out = out[1:] // "ieltsin" → "eltsin"
	}
	if len(out) > 2 && out[0] == 'o' {
		out[0] = 'u' // "osama" → "usama"
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
	for _, w := range strings.Fields(hyphenSpaced.Replace(name)) {
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

// orgTokens are the words two names of one organisation share: its
// content words, with a country, its possessive or its adjective written
// as the country ("Iraqi Security Forces", "Iraq's Security Forces": "=Iraq
// security forces"; "U.S.", "United States": "=United States") and
// apostrophes dropped ("Da'esh", "Daesh").
func orgTokens(name string) []string {
	words := orgWords(name)
	var out []string
	for i := 0; i < len(words); {
		if c, n := countryAt(words, i); n > 0 {
			out = append(out, "="+c)
			i += n
			continue
		}
		out = append(out, strings.ReplaceAll(words[i], "'", ""))
		i++
	}
	return out
}

// countryAt returns the country that words[i:] open with, by its name
// ("United States", "U.S.") or its adjective ("Iraqi"), and the number of
// words it takes.
func countryAt(words []string, i int) (string, int) {
	g, err := loadGazetteer()
	if err != nil {
		return "", 0
	}
	for n := min(3, len(words)-i); n >= 1; n-- {
		key := strings.ReplaceAll(strings.Join(words[i:i+n], " "), ".", "")
		// The gazetteer holds the countries' names and their
		// demonyms ("Iraqi", "British").
		if p, ok := g.names[key]; ok && (p.kind == "country" || p.kind == "demonym") {
			return p.canonical, n
		}
	}
	if c, ok := demonyms()[words[i]]; ok && c != "" {
		return c, 1
	}
	return "", 0
}

// withoutCountry returns words less the country they open with, if any.
func withoutCountry(words []string) []string {
	if _, n := countryAt(words, 0); n > 0 {
		return words[n:]
	}
	return words
}

// irregularDemonyms are the adjectives of countries that the regular
// endings do not make.
var irregularDemonyms = map[string]string{
	"american": "united states", "british": "united kingdom", "french": "france", "dutch": "netherlands",
	"turkish": "turkey", "afghan": "afghanistan", "saudi": "saudi arabia", "swiss": "switzerland", "greek": "greece",
	"danish": "denmark", "swedish": "sweden", "finnish": "finland", "polish": "poland", "spanish": "spain",
	"irish": "ireland", "filipino": "philippines", "thai": "thailand", "emirati": "united arab emirates",
	"norwegian": "norway", "belgian": "belgium", "portuguese": "portugal", "peruvian": "peru", "welsh": "wales",
	"scottish": "scotland", "congolese": "congo",
}

// demonyms maps the adjective of each country to its name: the
// irregular ones, and those the usual endings make from a one-word
// name ("Syria" → Syrian, "Iraq" → Iraqi, "China" → Chinese, "Italy" →
// Italian). An ending that two countries would share is left out.
var demonyms = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	g, err := loadGazetteer()
	if err != nil {
		return m
	}
	add := func(form, country string) {
		if p, taken := g.names[form]; taken && p.kind != "demonym" {
			return
		}
		if old, ok := m[form]; ok && old != country {
			m[form] = ""
			return
		}
		m[form] = country
	}
	for key, p := range g.names {
		if p.kind != "country" || strings.ContainsAny(key, " -.'") || len(key) < 4 {
			continue
		}
		stems := []string{key}
		if last := key[len(key)-1]; isVowel(rune(last)) || last == 'y' {
			stems = append(stems, key[:len(key)-1])
			if strings.HasSuffix(key, "ia") {
				add(key[:len(key)-1], p.canonical) // "Somalia" → Somali
			}
		}
		for _, stem := range stems {
			for _, end := range []string{"n", "an", "ian", "i", "ese", "ish"} {
				add(stem+end, p.canonical)
			}
		}
	}
	for form, country := range irregularDemonyms {
		if p, ok := g.names[country]; ok {
			m[form] = p.canonical
		}
	}
	return m
})

func isAcronym(n string) bool { return isAllCaps(n) && !strings.Contains(n, " ") }

// isClippedOf reports whether acr, in capitals, is made of the first
// letters of each word in their order, some taking more than one
// ("CENTCOM" of "Central Command", "SOCOM" of "Special Operations
// Command"). Acronyms of fewer than five letters are left to
// isAcronymOf: clipped ones that short fit too much.
func isClippedOf(acr string, words []string) bool {
	letters := strings.ToLower(acronymMarks.Replace(acr))
	if !isAllCaps(acr) || len(letters) < 5 || len(words) < 2 || len(words) > len(letters) {
		return false
	}
	ws := make([]string, len(words))
	for i, w := range words {
		ws[i] = strings.ReplaceAll(w, ".", "")
	}
	var match func(i, j int, clipped bool) bool
	match = func(i, j int, clipped bool) bool {
		if j == len(ws) {
			return i == len(letters) && clipped
		}
		for k := 1; k <= len(ws[j]) && i+k <= len(letters); k++ {
			if letters[i:i+k] != ws[j][:k] {
				break
			}
			if match(i+k, j+1, clipped || k > 1) {
				return true
			}
		}
		return false
	}
	return match(0, 0, false)
}

// acronymKeys are keys that a name with an acronym among its words
// ("UN" in "UN Security Council": acr) shares with a name that spells
// the acronym out ("United Nations" in "United Nations Security Council":
// runs of two to five words): the tokens, the acronym or the run written
// "^un". words are the name's words as written, to tell acronyms by
// their capitals.
func acronymKeys(tokens, words []string) (acr, runs []string) {
	key := func(t []string) string {
		s := append([]string(nil), t...)
		sort.Strings(s)
		return strings.Join(s, " ")
	}
	caps := map[string]bool{}
	for _, w := range words {
		w = strings.Trim(w, ".,()")
		if isAllCaps(w) && len([]rune(w)) <= 5 {
			caps[strings.ToLower(strings.ReplaceAll(w, ".", ""))] = true
		}
	}
	for i, t := range tokens {
		if caps[t] {
			k := append(append(append([]string(nil), tokens[:i]...), "^"+t), tokens[i+1:]...)
			acr = append(acr, key(k))
		}
	}
	for i := range tokens {
		var initials strings.Builder
		for n := 1; n <= 5 && i+n <= len(tokens); n++ {
			t := tokens[i+n-1]
			if strings.HasPrefix(t, "=") || caps[t] {
				break
			}
			initials.WriteByte(t[0])
			if n >= 2 && (i+n < len(tokens) || i > 0) {
				k := append(append(append([]string(nil), tokens[:i]...), "^"+initials.String()), tokens[i+n:]...)
				runs = append(runs, key(k))
			}
		}
	}
	return acr, runs
}

func sameOrg(a, b string) bool {
	wa, wb := orgWords(a), orgWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if sameBag(orgTokens(a), orgTokens(b)) {
		return true
	}
	return isAcronymOf(a, wb) || isAcronymOf(b, wa) || isClippedOf(a, wb) || isClippedOf(b, wa) ||
		isClippedOf(a, withoutCountry(wb)) || isClippedOf(b, withoutCountry(wa))
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
