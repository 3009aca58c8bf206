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

// The gazetteer of countries, cities and first-level divisions (each city
// with the division it lies in), and of the countries' demonyms, built by internal/gendata from GeoNames (CC BY
// 4.0) and mledoze/countries (ODbL 1.0); see the README.
//
//go:embed data/gazetteer.tsv.gz
var gazetteerData []byte

// place is one gazetteer name.
type place struct {
	canonical string
	kind      string // country, city, region, or demonym ("German": no place)
	// country is the ISO code of the country the place is or lies in
	// ("KZ"), region GeoNames' code of a city's first-level division or
	// of the division itself ("02"), "" when not known.
	country, region string
	// common is set for names that are also common English words
	// ("China", "Phoenix"): they need a capital in running text.
	common bool
	// large marks a city of a million people or more.
	large bool
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
	// countries names each country code's country, regions each
	// "country.region" code's division.
	countries, regions map[string]string
}

var loadGazetteer = sync.OnceValues(func() (*gazetteer, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gazetteerData))
	if err != nil {
		return nil, err
	}
	g := &gazetteer{names: map[string]place{}, byPrefix: map[string][]string{}, first: map[string]int{},
		countries: map[string]string{}, regions: map[string]string{}}
	// The names a place's fields hold are kept once each, apart from the
	// lines read: a field cut from a line would keep the whole line, and
	// most fields (kinds, codes, a canonical name with its aliases) recur.
	seen := map[string]string{}
	intern := func(s string) string {
		if v, ok := seen[s]; ok {
			return v
		}
		s = strings.Clone(s)
		seen[s] = s
		return s
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		col := strings.Split(line, "\t")
		if len(col) != 7 {
			return nil, fmt.Errorf("gazetteer: bad line %q", line)
		}
		if col[2] == "division" {
			// The name of a division whose name is another place's.
			g.regions[col[3]+"."+col[5]] = intern(col[1])
			continue
		}
		key := rules.Fold(col[0])
		p := place{canonical: intern(col[1]), kind: intern(col[2]), common: col[4] == "1", country: intern(col[3]),
			region: intern(col[5]), large: col[6] == "1"}
		g.names[key] = p
		switch {
		case p.kind == "country" && col[0] == col[1]:
			g.countries[p.country] = p.canonical
		case p.kind == "region" && col[0] == col[1] && p.region != "":
			g.regions[p.country+"."+p.region] = p.canonical
		}
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
	if err := sc.Err(); err != nil {
		return nil, err
	}
	// A city's other names take its region from its own name's line.
	for key, p := range g.names {
		if p.kind == "city" && p.region == "" {
			if own, ok := g.names[rules.Fold(p.canonical)]; ok && own.kind == "city" && own.country == p.country {
				p.region, p.large = own.region, own.large
				g.names[key] = p
			}
		}
	}
	return g, nil
})

// Place is a place of the gazetteer with the places that hold it: a city
// lies in a region (a country's first-level division) and a country, a
// region in a country.
type Place struct {
	// Name is the place's canonical name ("Almaty"), Kind "city",
	// "region" or "country".
	Name, Kind string
	// Region is the division a city lies in ("Illinois" for Chicago),
	// Country the country a city or region lies in, or a country's own
	// name; "" when not known.
	Region, Country string
	// Large marks a city of a million people or more, whose
	// neighbourhoods are places of their own.
	Large bool
}

// LookupPlace finds a place by any name the gazetteer holds for it
// ("Nur-Sultan", "united states"), in any case; ok is false for names it
// does not hold and for demonyms.
func LookupPlace(name string) (Place, bool) {
	g, err := loadGazetteer()
	if err != nil {
		return Place{}, false
	}
	p, ok := g.names[rules.Fold(name)]
	if !ok || p.kind == "demonym" {
		return Place{}, false
	}
	out := Place{Name: p.canonical, Kind: p.kind, Country: g.countries[p.country], Large: p.large}
	if p.kind == "city" && p.region != "" {
		out.Region = g.regions[p.country+"."+p.region]
	}
	return out, true
}

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
