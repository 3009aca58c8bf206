package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/claimex/claimex/rules"
)

// The gazetteer of countries, cities and first-level divisions, and of
// the countries' demonyms, built by internal/gendata from GeoNames (CC BY
// 4.0) and mledoze/countries (ODbL 1.0); see the README.
//
//go:embed data/gazetteer.tsv.gz
var gazetteerData []byte

// place is one gazetteer name.
type place struct {
	canonical string
	kind      string // country, city, region, or demonym ("German": no place)
	// common is set for names that are also common English words
	// ("China", "Phoenix"): they need a capital in running text.
	common bool
}

// gazetteer maps folded names ("nur-sultan", "united states") to places.
type gazetteer struct {
	names map[string]place
	// longest is the most words a name has; first, for each word a name
	// starts with, the most words such a name has. Most words start
	// none, and are passed over at once.
	longest int
	first   map[string]int
	// byPrefix indexes names by their first two letters, for near matches.
	byPrefix map[string][]string
}

var loadGazetteer = sync.OnceValues(func() (*gazetteer, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gazetteerData))
	if err != nil {
		return nil, err
	}
	g := &gazetteer{names: map[string]place{}, byPrefix: map[string][]string{}, first: map[string]int{}}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		col := strings.Split(line, "\t")
		if len(col) != 5 {
			return nil, fmt.Errorf("gazetteer: bad line %q", line)
		}
		key := rules.Fold(col[0])
		g.names[key] = place{canonical: col[1], kind: col[2], common: col[4] == "1"}
		fields := strings.Fields(key)
		if len(fields) == 0 {
			continue
		}
		g.longest = max(g.longest, len(fields))
		g.first[fields[0]] = max(g.first[fields[0]], len(fields))
		if p := prefix2(key); p != "" {
			g.byPrefix[p] = append(g.byPrefix[p], key)
		}
	}
	return g, sc.Err()
})

func prefix2(key string) string {
	r := []rune(key)
	if len(r) < 2 {
		return ""
	}
	return string(r[:2])
}

// at returns the longest gazetteer name starting at words[i], and its
// length in words.
func (g *gazetteer) at(words []string, i int) (place, int) {
	if i < 0 || i >= len(words) {
		return place{}, 0
	}
	var buf [128]byte
	for n := min(g.first[words[i]], len(words)-i); n > 0; n-- {
		if n == 1 {
			if p, ok := g.names[words[i]]; ok {
				return p, n
			}
			continue
		}
		// The key is built in buf, without an allocation for most.
		key := append(buf[:0], words[i]...)
		for _, w := range words[i+1 : i+n] {
			key = append(append(key, ' '), w...)
		}
		if p, ok := g.names[string(key)]; ok {
			return p, n
		}
	}
	// "U.S.", "U.K.": an abbreviation written with points.
	if strings.Contains(words[i], ".") {
		if p, ok := g.names[strings.ReplaceAll(words[i], ".", "")]; ok {
			return p, 1
		}
	}
	return place{}, 0
}

// near returns a place whose name is one edit from the folded name
// ("Nure-Sultan" for Nur-Sultan); names of fewer than eight letters must
// match exactly, as short names one letter apart are often different
// places.
func (g *gazetteer) near(name string) (place, bool) {
	if p, ok := g.names[name]; ok && p.kind != "demonym" {
		return p, true
	} else if ok {
		return place{}, false
	}
	if len([]rune(name)) < 8 {
		return place{}, false
	}
	for _, cand := range g.byPrefix[prefix2(name)] {
		// Both ends must agree, so that a demonym is not taken for a town
		// ("American", "Americana"). One edit changes the length by at
		// most one letter's bytes.
		if d := len(name) - len(cand); d > utf8.UTFMax || d < -utf8.UTFMax || !oneEdit(name, cand) || !sameEnds(name, cand, 3) {
			continue
		}
		if p := g.names[cand]; p.kind != "demonym" {
			return p, true
		}
	}
	return place{}, false
}

func sameEnds(a, b string, n int) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < n || len(rb) < n {
		return false
	}
	return string(ra[:n]) == string(rb[:n]) && string(ra[len(ra)-n:]) == string(rb[len(rb)-n:])
}

// oneEdit reports whether a and b differ by one inserted, deleted or
// replaced letter.
func oneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return i < len(ra) && string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i+1:]) == string(rb[i:])
}
