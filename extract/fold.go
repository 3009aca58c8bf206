package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
)

// foldDiacritics folds a Latin name to plain letters: combining marks
// removed ("Tokáyev" → "Tokayev", "İlham" → "Ilham") and the letters that
// have no decomposition spelt with the letters they are made from ("Wałęsa"
// → "Walesa", "Əliyev" → "Aliyev", "Øresund" → "Oresund", "Straße" →
// "Strasse"). Letters of other scripts are kept as they are.
func foldDiacritics(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	table := latinFold()
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= utf8.RuneSelf && table[r] != "":
			b.WriteString(table[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// latinFold maps each letter of the Latin script that does not decompose
// into a plain letter and marks (ł, ø, đ, ħ, ı, ə, ß, æ, þ …) to the
// plain letters it is written with. The table is made once from the
// letters' Unicode names, so it covers the whole script: "LATIN SMALL
// LETTER L WITH STROKE" is an l, "LATIN CAPITAL LETTER AE" is AE.
var latinFold = sync.OnceValue(func() map[rune]string {
	table := map[rune]string{}
	for _, rng := range unicode.Latin.R16 {
		for r := rune(rng.Lo); r <= rune(rng.Hi); r += rune(rng.Stride) {
			addLatinFold(table, r)
		}
	}
	for _, rng := range unicode.Latin.R32 {
		for r := rune(rng.Lo); r <= rune(rng.Hi); r += rune(rng.Stride) {
			addLatinFold(table, r)
		}
	}
	return table
})

// latinWords are the letters named by a word rather than by their
// plain letter. Schwa is written a: the Azerbaijani names that use it are
// romanised so ("Əliyev", "Aliyev").
var latinWords = map[string]string{
	"SHARP S": "ss", "DOTLESS I": "i", "DOTLESS J": "j", "SCHWA": "a", "ETH": "d", "THORN": "th", "ENG": "ng",
	"KRA": "q", "LONG S": "s", "EZH": "z", "OPEN E": "e", "OPEN O": "o", "ALPHA": "a", "IOTA": "i", "UPSILON": "u",
	"GAMMA": "g", "ESH": "sh", "WYNN": "w", "YOGH": "gh", "INSULAR D": "d", "INSULAR G": "g", "REVERSED E": "e",
}

func addLatinFold(table map[rune]string, r rune) {
	if r < utf8.RuneSelf || !unicode.IsLetter(r) {
		return
	}
	if d := norm.NFD.String(string(r)); d != string(r) {
		// Decomposes: the marks go, and folding goes on with the base
		// letter ("ǿ" is "ø" with an acute).
		base, _ := utf8.DecodeRuneInString(d)
		if base < utf8.RuneSelf {
			return
		}
		r = base
	}
	name := runenames.Name(r)
	var upper bool
	switch {
	case strings.HasPrefix(name, "LATIN CAPITAL LETTER "):
		upper, name = true, strings.TrimPrefix(name, "LATIN CAPITAL LETTER ")
	case strings.HasPrefix(name, "LATIN CAPITAL LIGATURE "):
		upper, name = true, strings.TrimPrefix(name, "LATIN CAPITAL LIGATURE ")
	case strings.HasPrefix(name, "LATIN SMALL LETTER "):
		name = strings.TrimPrefix(name, "LATIN SMALL LETTER ")
	case strings.HasPrefix(name, "LATIN SMALL LIGATURE "):
		name = strings.TrimPrefix(name, "LATIN SMALL LIGATURE ")
	case strings.HasPrefix(name, "LATIN LETTER "):
		name = strings.TrimPrefix(name, "LATIN LETTER ")
	case strings.HasPrefix(name, "LATIN SUBSCRIPT SMALL LETTER "), strings.HasPrefix(name, "LATIN SUPERSCRIPT SMALL LETTER "):
		_, name, _ = strings.Cut(name, " SMALL LETTER ")
	case strings.HasPrefix(name, "LATIN "):
		name = strings.TrimPrefix(name, "LATIN ")
	default:
		return
	}
	name, _, _ = strings.Cut(name, " WITH ")
	name = strings.TrimSuffix(strings.TrimSuffix(name, " DIGRAPH"), " BAR")
	name = strings.TrimPrefix(strings.TrimPrefix(name, "SMALL "), "CAPITAL ")
	if strings.HasPrefix(name, "LONG S ") {
		name = "S" + strings.TrimPrefix(name, "LONG S ") // "ſt"
	}
	for _, p := range []string{"SMALL CAPITAL ", "TURNED ", "REVERSED ", "SCRIPT ", "BARRED ", "CLOSED ", "SIDEWAYS ",
		"BROKEN ", "STRETCHED ", "INVERTED ", "LONG ", "MIDDLE-WELSH ", "VISIGOTHIC ", "INSULAR ", "BLACKLETTER ", "HALF ",
		"AFRICAN ", "DOUBLE "} {
		if w, ok := strings.CutPrefix(name, p); ok && latinWords[name] == "" {
			name = w
		}
	}
	var out string
	switch {
	case latinWords[name] != "":
		out = latinWords[name]
	case len(name) <= 3 && isASCIIUpper(name):
		out = strings.ToLower(name)
	default:
		return
	}
	if upper {
		out = strings.ToUpper(out[:1]) + out[1:]
	}
	table[r] = out
}

func isASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// surname is the folded last word of a name, without diacritics.
func surname(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return foldDiacritics(strings.ToLower(f[len(f)-1]))
}
