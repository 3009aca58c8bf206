package namescore

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Name is a person's name of a variant set, with its gold cluster.
type Name struct {
	Text, Cluster string
}

// Set is a variant set: names in gold clusters, one cluster a person.
type Set struct {
	Name  string
	Names []Name
}

// Gold maps each name of the set to its cluster.
func (s Set) Gold() map[string]string {
	out := make(map[string]string, len(s.Names))
	for _, n := range s.Names {
		out[n.Text] = n.Cluster
	}
	return out
}

// ErrNoData is returned when the folder holds no names data.
var ErrNoData = errors.New("no names data")

// Filter says how the sets are built from the development data, for the
// report.
const Filter = "transliteration: pairs of synonames.txt in Latin letters, three letters or more, " +
	"patronymics left out, no more than half the letters changed; each pair a person with a surname of its own; " +
	"every third person has a namesake (same surname, unrelated given name, or its feminine form) who must stay apart. " +
	"nicknames: each row of nicknames.csv a person, full name and nickname with one surname. " +
	"look-alikes: real people's variants and look-alikes written for claimex"

// Load builds the variant sets from dir (the folder holding
// names/synonames.txt and names/nicknames.csv): "transliteration",
// "nicknames", and "look-alikes", which needs no data.
func Load(dir string) ([]Set, error) {
	syn, err := readSynonames(filepath.Join(dir, "names", "synonames.txt"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w in %s: %v", ErrNoData, dir, err)
	}
	if err != nil {
		return nil, err
	}
	nick, err := readNicknames(filepath.Join(dir, "names", "nicknames.csv"))
	if err != nil {
		return nil, err
	}
	related := map[string]map[string]bool{}
	relate := func(a, b string) {
		for _, p := range [][2]string{{a, b}, {b, a}} {
			if related[p[0]] == nil {
				related[p[0]] = map[string]bool{}
			}
			related[p[0]][p[1]] = true
		}
	}
	for _, p := range syn {
		relate(p[0], p[1])
	}
	for _, p := range nick {
		relate(p[0], p[1])
	}
	surnames := newSurnames()
	var trans Set
	trans.Name = "transliteration"
	for i, p := range syn {
		s := surnames.next()
		id := fmt.Sprintf("t%d", i)
		trans.Names = append(trans.Names, Name{title(p[0]) + " " + s, id}, Name{title(p[1]) + " " + s, id})
		if i%3 != 2 {
			continue
		}
		// A namesake: the given name of another pair, related to
		// neither of these; a woman of an -ov family is an -ova.
		other := syn[(i*7+5)%len(syn)][0]
		if related[other][p[0]] || related[other][p[1]] || other == p[0] || other == p[1] || other[0] == p[0][0] ||
			other[0] == p[1][0] {
			continue
		}
		namesake := title(other) + " " + s
		if strings.HasSuffix(s, "ov") {
			namesake += "a"
		}
		trans.Names = append(trans.Names, Name{namesake, id + "-namesake"})
	}
	var nicks Set
	nicks.Name = "nicknames"
	for i, p := range nick {
		s := surnames.next()
		id := fmt.Sprintf("n%d", i)
		nicks.Names = append(nicks.Names, Name{title(p[0]) + " " + s, id}, Name{title(p[1]) + " " + s, id})
	}
	return []Set{trans, nicks, lookAlikes()}, nil
}

// readSynonames reads the pairs of synonames.txt ("william, ويليام")
// that a Latin-script news text could use for one person: both names in
// Latin letters, of three letters or more, not patronymics, with no more
// than half their letters changed (translations such as "carlos,
// charles" go further).
func readSynonames(path string) ([][2]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][2]string
	seen := map[[2]string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		a, b, ok := strings.Cut(sc.Text(), ",")
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		if !ok || a == b || !latinName(a) || !latinName(b) || patronymic(a) || patronymic(b) {
			continue
		}
		fa, fb := fold(a), fold(b)
		if fa == fb && a == b || 2*levenshtein(fa, fb) > max(len(fa), len(fb)) {
			continue
		}
		p := [2]string{a, b}
		if a > b {
			p = [2]string{b, a}
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] || out[i][0] == out[j][0] && out[i][1] < out[j][1] })
	return out, nil
}

// readNicknames reads nicknames.csv (name1,relationship,name2): each
// has_nickname row a full name and its nickname.
func readNicknames(path string) ([][2]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	var out [][2]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if len(rec) != 3 || rec[1] != "has_nickname" || !latinName(rec[0]) || !latinName(rec[2]) || rec[0] == rec[2] {
			continue
		}
		out = append(out, [2]string{rec[0], rec[2]})
	}
	return out, nil
}

func latinName(s string) bool {
	if len([]rune(s)) < 3 {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Latin, r) || !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// patronymic reports the Slavic patronymics synonames.txt lists beside
// given names ("ivanovich", "ivanovitsj").
func patronymic(s string) bool {
	for _, end := range []string{"vich", "vitch", "vitsj", "witsch", "vna", "ytsch", "vič", "vic", "vitx", "wna", "ovych"} {
		if strings.HasSuffix(s, end) {
			return true
		}
	}
	return false
}

func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	row := make([]int, len(rb)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(rb); j++ {
			cur := row[j]
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(rb)]
}

func title(s string) string {
	r := []rune(s)
	return string(unicode.ToUpper(r[0])) + string(r[1:])
}

// surnames makes surnames of five syllables whose consonants differ
// from every other's in two places at least (the fifth is a check on the
// first four), so that no two people of a set share a surname or its
// consonants; one in five ends in -ov, to have feminine forms.
type surnames struct{ n int }

const (
	surnameConsonants = "bdfgklmnprstvz"
	surnameVowels     = "aeiou"
)

func newSurnames() *surnames { return &surnames{} }

func (s *surnames) next() string {
	q := len(surnameConsonants)
	s.n++
	i := s.n * 7919 % (q * q * q * q) // spread neighbours apart
	code := []int{i % q, i / q % q, i / (q * q) % q, i / (q * q * q) % q}
	code = append(code, (code[0]+code[1]+code[2]+code[3])%q)
	var b strings.Builder
	for k, c := range code {
		b.WriteByte(surnameConsonants[c])
		b.WriteByte(surnameVowels[(c+2*k)%len(surnameVowels)])
	}
	name := title(b.String())
	if s.n%5 == 0 {
		name += "ov"
	}
	return name
}
