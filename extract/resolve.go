package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
)

// Resolve gives every name used across the database its entity: the
// canonical name and type shared by all the names of one person,
// organisation or place, and why each name joined it (claimex.Why*).
//
// People: names that say as much as each other merge when their keys
// match (folding, transliteration); a name that says less — a surname
// alone, fewer given names, initials, a nickname — joins the one person
// of the corpus it fits, and stays alone if it fits none or several.
// Organisations: the same words in any order, an acronym and its
// expansion, a name without the country or parent body only one body
// adds, the names the default rules give one known body, and the aliases
// documents define (aliases). Places: the
// gazetteer's name. A name in capitals taken for an organisation, or a
// town's name, that is the surname of the one person of the corpus who
// bears it and is used more as a person, joins that person.
//
// corrections, in the order they were made, are applied last: a split
// keeps a name out of every automatic merge, a merge joins two names
// whatever the matcher says; the later correction of a name wins.
//
// Names are compared within blocks of like keys, so the work grows with
// the number of names, not its square.
func Resolve(uses []claimex.NameUse, aliases []claimex.NameAlias, corrections []claimex.EntityCorrection) []claimex.EntityName {
	return ResolveWith(rules.Default(), uses, aliases, corrections)
}

// ResolveWith is Resolve with the known bodies of rules rs: the rules of
// the run whose names are resolved.
func ResolveWith(rs *rules.Rules, uses []claimex.NameUse, aliases []claimex.NameAlias, corrections []claimex.EntityCorrection) []claimex.EntityName {
	r := newResolver(uses)
	r.rules = rs
	split, merges := r.corrections(corrections)
	r.people(split)
	r.orgs(split, aliases)
	r.places(split)
	r.surnamesElsewhere(split)
	preferred := map[int]bool{}
	for _, m := range merges {
		a, okA := r.index[m[0]]
		b, okB := r.index[m[1]]
		if okA && okB {
			// A reviewer's merge is the reason for it, even where a rule
			// had made it already.
			if !r.union(a, b, claimex.WhyCorrection) {
				r.edges = append(r.edges, edge{a, b, claimex.WhyCorrection})
			}
			preferred[a] = true
		}
	}
	return r.result(preferred, split)
}

// resolver holds the names and a union-find forest over them, with the
// unions that built it: each joined two entities for a reason.
type resolver struct {
	names    []string
	votes    []map[string]int // mentions per type
	mentions []int
	typ      []string
	index    map[string]int
	parent   []int
	members  map[int][]int // root → names, for roots of more than one
	edges    []edge
	person   []personKey  // of PERSON names
	rules    *rules.Rules // whose known bodies are one body each
}

// edge is a union: a joined b's entity for why.
type edge struct {
	a, b int
	why  string
}

func newResolver(uses []claimex.NameUse) *resolver {
	r := &resolver{index: map[string]int{}, members: map[int][]int{}}
	for _, u := range uses {
		i, ok := r.index[u.Name]
		if !ok {
			i = len(r.names)
			r.index[u.Name] = i
			r.names = append(r.names, u.Name)
			r.votes = append(r.votes, map[string]int{})
			r.mentions = append(r.mentions, 0)
			r.parent = append(r.parent, i)
		}
		r.votes[i][u.Type] += u.Mentions
		r.mentions[i] += u.Mentions
	}
	r.typ = make([]string, len(r.names))
	r.person = make([]personKey, len(r.names))
	g, _ := loadGazetteer()
	for i, n := range r.names {
		r.typ[i] = majority(r.votes[i])
		// A name of the gazetteer that some document took for a place is
		// a place, whatever prose's model said elsewhere ("Maryland").
		if g != nil && r.votes[i][claimex.GPE] > 0 {
			if _, ok := g.names[foldName(n)]; ok {
				r.typ[i] = claimex.GPE
			}
		}
		if r.typ[i] == claimex.Person {
			r.person[i] = parsePerson(n)
		}
	}
	return r
}

// typeOrder breaks ties between types: a person's name is rarely taken
// for anything else by mistake, a place's often.
var typeOrder = map[string]int{claimex.Person: 4, claimex.Org: 3, claimex.GPE: 2, claimex.Loc: 1}

func majority(votes map[string]int) string {
	best, n := "", -1
	for t, v := range votes {
		if v > n || v == n && typeOrder[t] > typeOrder[best] {
			best, n = t, v
		}
	}
	return best
}

func (r *resolver) find(i int) int {
	for r.parent[i] != i {
		r.parent[i] = r.parent[r.parent[i]]
		i = r.parent[i]
	}
	return i
}

// union joins b's entity to a's for why, and reports whether they were
// two.
func (r *resolver) union(a, b int, why string) bool {
	ra, rb := r.find(a), r.find(b)
	if ra == rb {
		return false
	}
	r.parent[rb] = ra
	r.members[ra] = append(r.group(ra), r.group(rb)...)
	delete(r.members, rb)
	r.edges = append(r.edges, edge{a, b, why})
	return true
}

// group returns the names of the entity with this root.
func (r *resolver) group(root int) []int {
	if m, ok := r.members[root]; ok {
		return m
	}
	return []int{root}
}

// corrections reads the corrections in order: the names split out, and
// the merges that stand.
func (r *resolver) corrections(cs []claimex.EntityCorrection) (map[int]bool, [][2]string) {
	split := map[int]bool{}
	var merges [][2]string
	for _, c := range cs {
		switch c.Kind {
		case claimex.Split:
			if i, ok := r.index[c.A]; ok {
				split[i] = true
			}
			kept := merges[:0]
			for _, m := range merges {
				if m[0] != c.A && m[1] != c.A {
					kept = append(kept, m)
				}
			}
			merges = kept
		case claimex.Merge:
			for _, n := range []string{c.A, c.B} {
				if i, ok := r.index[n]; ok {
					delete(split, i)
				}
			}
			merges = append(merges, [2]string{c.A, c.B})
		}
	}
	return split, merges
}

// blocks groups the names of one type by keys, leaving out split names;
// a name may have several keys.
func (r *resolver) blocks(typ string, split map[int]bool, keys func(int) []string) map[string][]int {
	blocks := map[string][]int{}
	for i, t := range r.typ {
		if t != typ || split[i] {
			continue
		}
		for _, k := range keys(i) {
			if k != "" {
				blocks[k] = append(blocks[k], i)
			}
		}
	}
	return blocks
}

// people merges names of people that say as much as each other and
// match, then joins each name that says less to the one person it fits.
func (r *resolver) people(split map[int]bool) {
	blocks := r.blocks(claimex.Person, split, func(i int) []string {
		p := r.person[i]
		if p.surname == "" {
			return nil
		}
		keys := []string{"s:" + skeleton(p.surname)}
		if len(p.given) > 0 {
			keys = append(keys, "j:"+p.joined)
		}
		return keys
	})
	// less[i] are the names i says less than and fits, with why.
	less := map[int][]edge{}
	seen := map[[2]int]bool{}
	for _, ids := range sortedBlocks(blocks) {
		for x := 0; x < len(ids); x++ {
			for y := x + 1; y < len(ids); y++ {
				a, b := ids[x], ids[y]
				if seen[[2]int{a, b}] {
					continue
				}
				seen[[2]int{a, b}] = true
				switch rel, why := comparePeople(r.person[a], r.person[b]); rel {
				case relSame:
					r.union(a, b, why)
				case relLess:
					less[a] = append(less[a], edge{a, b, why})
				case relMore:
					less[b] = append(less[b], edge{b, a, why})
				}
			}
		}
	}
	// Each name that says less joins the one entity it fits; joining may
	// settle another name's choice, so go on until none joins.
	var order []int
	for i := range less {
		order = append(order, i)
	}
	sort.Slice(order, func(x, y int) bool {
		sx, sy := r.person[order[x]].specificity(), r.person[order[y]].specificity()
		return sx > sy || sx == sy && order[x] < order[y]
	})
	attached := map[int]bool{}
	for joined := true; joined; {
		joined = false
		for _, i := range order {
			if attached[i] {
				continue
			}
			var pick edge
			targets := map[int]bool{}
			for _, e := range less[i] {
				if t := r.find(e.b); t != r.find(i) {
					if len(targets) == 0 {
						pick = e
					}
					targets[t] = true
				}
			}
			if len(targets) == 1 {
				r.union(pick.b, pick.a, pick.why)
				attached[i], joined = true, true
			}
		}
	}
}

// orgs merges organisations whose content words are the same, an
// acronym with the one expansion it stands for, the aliases documents
// define, and a name without a qualifier with the one body that adds it.
func (r *resolver) orgs(split map[int]bool, aliases []claimex.NameAlias) {
	tokens := make([][]string, len(r.names))
	for i, n := range r.names {
		if r.typ[i] == claimex.Org && !split[i] {
			tokens[i] = orgTokens(n)
		}
	}
	bagKey := func(w []string) string {
		s := append([]string(nil), w...)
		sort.Strings(s)
		return strings.Join(slices.Compact(s), " ")
	}
	bags := r.blocks(claimex.Org, split, func(i int) []string { return []string{bagKey(tokens[i])} })
	for _, ids := range sortedBlocks(bags) {
		for _, i := range ids[1:] {
			why := claimex.WhyWords
			if foldName(foldDiacritics(r.names[i])) == foldName(foldDiacritics(r.names[ids[0]])) {
				why = claimex.WhyFolding
			}
			r.union(ids[0], i, why)
		}
	}
	r.acronyms(split)
	r.acronymParts(split)
	for _, a := range aliases {
		x, okX := r.index[a.Name]
		y, okY := r.index[a.Alias]
		if okX && okY && !split[x] && !split[y] && r.typ[x] == r.typ[y] &&
			(r.typ[x] == claimex.Org || r.typ[x] == claimex.Person) {
			r.union(x, y, claimex.WhyAlias)
		}
	}
	// The rules' known bodies after what the corpus says: a document's
	// own definition or an acronym's letters are the better reason.
	r.knownBodies(split, tokens)
	// "UN Security Council": an acronym inside a name stands for words
	// of another ("United Nations Security Council"), or for the
	// expansion the corpus gives it.
	withAcronym, spelt := map[string][]int{}, map[string][]int{}
	for i, n := range r.names {
		if len(tokens[i]) < 2 {
			continue
		}
		words := strings.Fields(hyphenSpaced.Replace(n))
		acr, runs := acronymKeys(tokens[i], words)
		for _, k := range acr {
			withAcronym[k] = append(withAcronym[k], i)
		}
		for _, k := range runs {
			spelt[k] = append(spelt[k], i)
		}
	}
	for _, k := range sortedKeys(withAcronym) {
		// Spelt out by one body only: two ("World Health Organization",
		// "World Hunger Organization") leave "WH Organization" alone.
		roots := map[int]int{}
		for _, j := range spelt[k] {
			roots[r.find(j)] = j
		}
		if len(roots) != 1 {
			continue
		}
		for _, j := range roots {
			for _, i := range withAcronym[k] {
				r.union(j, i, claimex.WhyAcronym)
			}
		}
	}
	expansion := map[string][]string{}
	parents := map[string]bool{}
	for i, n := range r.names {
		if r.typ[i] != claimex.Org || split[i] || !isAcronym(n) {
			continue
		}
		acr := strings.ToLower(strings.ReplaceAll(n, ".", ""))
		parents[acr] = true
		best := -1
		for _, m := range r.group(r.find(i)) {
			if !isAcronym(r.names[m]) && r.typ[m] == claimex.Org && (best < 0 || r.mentions[m] > r.mentions[best]) {
				best = m
			}
		}
		if best >= 0 {
			expansion[acr] = tokens[best]
			parents[bagKey(tokens[best])] = true
		}
	}
	for i := range r.names {
		if len(tokens[i]) < 2 {
			continue
		}
		var grown []string
		changed := false
		for _, w := range tokens[i] {
			if e, ok := expansion[w]; ok {
				grown, changed = append(grown, e...), true
			} else {
				grown = append(grown, w)
			}
		}
		if !changed {
			continue
		}
		tokens[i] = grown
		for _, j := range bags[bagKey(grown)] {
			r.union(j, i, claimex.WhyAcronym)
		}
	}
	// "State Department" is "U.S. Department of State" if no other body
	// of the corpus adds a country or parent to it.
	type reduction struct {
		name int
		why  string
	}
	reduced := map[string][]reduction{}
	for i, w := range tokens {
		// "Government of Iraq and the Kurdistan Regional Government" is
		// two bodies, not one with a parent.
		p := parents
		if strings.Contains(r.names[i], " and ") {
			p = nil
		}
		for _, k := range qualified(w, p) {
			reduced[bagKey(k)] = append(reduced[bagKey(k)], reduction{i, claimex.WhyQualifier})
		}
		// "Department of Treasury's Office of Foreign Assets Control"
		if owned := ownedPart(r.names[i]); r.typ[i] == claimex.Org && !split[i] && len(owned) >= 2 {
			reduced[bagKey(owned)] = append(reduced[bagKey(owned)], reduction{i, claimex.WhyOwner})
		}
	}
	for i, w := range tokens {
		if len(w) < 2 || isAcronym(r.names[i]) {
			continue
		}
		targets := map[int]reduction{}
		for _, red := range reduced[bagKey(w)] {
			if t := r.find(red.name); t != r.find(i) {
				targets[t] = red
			}
		}
		if len(targets) == 1 {
			for _, red := range targets {
				r.union(red.name, i, red.why)
			}
		}
	}
}

// governmentLevels qualify a government without naming another one.
var governmentLevels = map[string]bool{"federal": true, "central": true, "national": true}

// qualified returns the content words of an organisation's name less one
// qualifier: a country ("=United States" in "U.S. Department of State"),
// a parent body before it, by an acronym of the corpus or the expansion
// the corpus gives one ("UN" in "UN Security Council"), the level of a
// government ("Federal Government of Iraq"). What is left keeps two
// words or more.
func qualified(w []string, parents map[string]bool) [][]string {
	if len(w) < 3 {
		return nil
	}
	var out [][]string
	without := func(i, n int) []string {
		return append(append([]string(nil), w[:i]...), w[i+n:]...)
	}
	government := false
	for _, x := range w {
		government = government || x == "government"
	}
	for i, x := range w {
		// A country qualifies a body from the front or the back ("Iraqi
		// Security Forces", "Government of Iraq"); in the middle it is
		// part of another body's name ("Royal Jordanian Air Force").
		if strings.HasPrefix(x, "=") && (i == 0 || i == len(w)-1) || government && governmentLevels[x] {
			out = append(out, without(i, 1))
		}
	}
	for n := 1; n <= 3 && len(w)-n >= 2; n++ {
		lead := append([]string(nil), w[:n]...)
		sort.Strings(lead)
		if parents[strings.Join(lead, " ")] && !strings.HasPrefix(w[0], "=") {
			out = append(out, without(0, n))
		}
	}
	return out
}

// acronyms joins each acronym to the expansion it stands for: the
// initials of its words ("CSTO") or the first letters of each ("CENTCOM"
// for Central Command). Several expansions may fit ("World Health
// Organization", "World Hunger Organization"): the acronym goes with the
// one used most.
func (r *resolver) acronyms(split map[int]bool) {
	initials := r.blocks(claimex.Org, split, func(i int) []string {
		n := r.names[i]
		if isAcronym(n) {
			return []string{"i:" + sortedLetters(strings.ToLower(strings.ReplaceAll(n, ".", ""))), "c:" + firstLetter(n)}
		}
		w := orgWords(n)
		if len(w) < 2 {
			return nil
		}
		var b strings.Builder
		for _, x := range w {
			b.WriteRune([]rune(x)[0])
		}
		keys := []string{"i:" + sortedLetters(b.String()), "c:" + firstLetter(w[0])}
		if rest := withoutCountry(w); len(rest) >= 2 {
			keys = append(keys, "c:"+firstLetter(rest[0]))
		}
		return keys
	})
	for _, key := range sortedKeys(initials) {
		ids := initials[key]
		clipped := strings.HasPrefix(key, "c:")
		var acronyms, full []int
		for _, i := range ids {
			if isAcronym(r.names[i]) {
				acronyms = append(acronyms, i)
			} else {
				full = append(full, i)
			}
		}
		for _, a := range acronyms {
			expansions := map[int]int{} // root → mentions
			for _, f := range full {
				w := orgWords(r.names[f])
				if !clipped && isAcronymOf(r.names[a], w) || clipped && (isClippedOf(r.names[a], w) || isClippedOf(r.names[a], withoutCountry(w))) {
					expansions[r.find(f)] += r.mentions[f]
				}
			}
			best, n := -1, -1
			for root, m := range expansions {
				if m > n || m == n && root < best {
					best, n = root, m
				}
			}
			if best >= 0 {
				r.union(best, a, claimex.WhyAcronym)
			}
		}
	}
}

func firstLetter(s string) string {
	for _, c := range strings.ToLower(s) {
		return string(c)
	}
	return ""
}

// places merges places that the gazetteer gives one name, or whose keys
// SameName finds alike.
func (r *resolver) places(split map[int]bool) {
	g, _ := loadGazetteer()
	for _, typ := range []string{claimex.GPE, claimex.Loc} {
		blocks := r.blocks(typ, split, func(i int) []string {
			if g != nil {
				if p, ok := g.near(foldName(r.names[i])); ok {
					return []string{"=" + p.canonical}
				}
			}
			return []string{consonants(nameKey(r.names[i]))}
		})
		for _, ids := range sortedBlocks(blocks) {
			for x := 0; x < len(ids); x++ {
				for y := x + 1; y < len(ids); y++ {
					a, b := ids[x], ids[y]
					if SameName(typ, r.names[a], r.names[b]) != Same {
						continue
					}
					why := claimex.WhyTransliteration
					if foldName(foldDiacritics(r.names[a])) == foldName(foldDiacritics(r.names[b])) {
						why = claimex.WhyFolding
					} else if g != nil {
						if _, ok := g.near(foldName(r.names[a])); ok {
							why = claimex.WhyPlace
						}
					}
					r.union(a, b, why)
				}
			}
		}
	}
}

// surnamesElsewhere joins a surname that documents took for something
// else to the one person of the corpus who bears it: a name in capitals
// read as an acronym ("KERRY" in a transcript), or a town's name
// ("Hammond") that the corpus uses at least twice as often for the
// person. A name already part of another entity is left where it is.
func (r *resolver) surnamesElsewhere(split map[int]bool) {
	bySurname := map[string][]int{}
	for i, p := range r.person {
		if r.typ[i] == claimex.Person && len(p.given) > 0 && !split[i] {
			bySurname[p.surname] = append(bySurname[p.surname], i)
		}
	}
	if len(bySurname) == 0 {
		return
	}
	g, _ := loadGazetteer()
	for i, n := range r.names {
		if split[i] || strings.ContainsAny(n, " -.") || len(r.group(r.find(i))) > 1 {
			continue
		}
		var inGazetteer place
		found := false
		if g != nil {
			inGazetteer, found = g.names[foldName(n)]
		}
		switch {
		case r.typ[i] == claimex.Org && isAllCaps(n) && !found && len([]rune(n)) >= 4:
		case r.typ[i] == claimex.GPE && found && inGazetteer.kind == "city":
		default:
			continue
		}
		targets := map[int]bool{}
		pick := -1
		for _, j := range bySurname[nameKey(n)] {
			targets[r.find(j)] = true
			pick = j
		}
		if len(targets) != 1 {
			continue
		}
		if r.typ[i] == claimex.GPE {
			m := 0
			for _, j := range r.group(r.find(pick)) {
				m += r.mentions[j]
			}
			if m < 2*r.mentions[i] {
				continue
			}
		}
		r.union(pick, i, claimex.WhySurname)
	}
}

// result names every entity: the name a merge correction put first, else
// for people the most used full name, for organisations the most used
// acronym, for places the gazetteer's name, else the most used name.
// Each name says which name it joined and why, along the unions that
// built its entity, from the canonical name out.
func (r *resolver) result(preferred, split map[int]bool) []claimex.EntityName {
	members := map[int][]int{}
	for i := range r.names {
		root := r.find(i)
		members[root] = append(members[root], i)
	}
	links := map[int][]edge{}
	for _, e := range r.edges {
		links[e.a] = append(links[e.a], e)
		links[e.b] = append(links[e.b], edge{e.b, e.a, e.why})
	}
	for _, l := range links {
		sort.SliceStable(l, func(i, j int) bool { return l[i].why == claimex.WhyCorrection && l[j].why != claimex.WhyCorrection })
	}
	g, _ := loadGazetteer()
	out := make([]claimex.EntityName, 0, len(r.names))
	for _, ids := range members {
		votes := map[string]int{}
		for _, i := range ids {
			for t, v := range r.votes[i] {
				votes[t] += v
			}
		}
		typ := majority(votes)
		best := -1
		score := func(i int) (int, int, int) {
			pref := 0
			if preferred[i] {
				pref = 3
			}
			switch typ {
			case claimex.Person:
				if len(nameParts(r.names[i])) > 1 {
					pref++
				}
			case claimex.Org:
				if isAllCaps(r.names[i]) {
					pref++
				}
			}
			return pref, r.mentions[i], len(r.names[i])
		}
		for _, i := range ids {
			if best < 0 {
				best = i
				continue
			}
			a1, a2, a3 := score(i)
			b1, b2, b3 := score(best)
			if a1 > b1 || a1 == b1 && (a2 > b2 || a2 == b2 && (a3 > b3 || a3 == b3 && r.names[i] < r.names[best])) {
				best = i
			}
		}
		canonical := r.names[best]
		if (typ == claimex.GPE || typ == claimex.Loc) && g != nil && !preferred[best] {
			if p, ok := g.near(foldName(canonical)); ok {
				canonical = p.canonical
			}
		}
		// Walk the unions from the canonical name (or the name chosen, if
		// the gazetteer's is not one of them): each name joined the one
		// it was reached from.
		from := best
		if i, ok := r.index[canonical]; ok && r.find(i) == r.find(best) {
			from = i
		}
		why := map[int]edge{from: {}}
		queue := []int{from}
		for len(queue) > 0 {
			i := queue[0]
			queue = queue[1:]
			for _, e := range links[i] {
				if _, ok := why[e.b]; !ok {
					why[e.b] = edge{e.b, i, e.why}
					queue = append(queue, e.b)
				}
			}
		}
		for _, i := range ids {
			n := claimex.EntityName{Name: r.names[i], Canonical: canonical, Type: typ}
			if e, ok := why[i]; ok && i != from {
				n.Why, n.Via = e.why, r.names[e.b]
			} else if split[i] && len(ids) == 1 {
				n.Why = claimex.WhySplit
			}
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func sortedLetters(s string) string {
	r := []rune(s)
	sort.Slice(r, func(i, j int) bool { return r[i] < r[j] })
	return string(r)
}

func sortedKeys(blocks map[string][]int) []string {
	keys := make([]string, 0, len(blocks))
	for k := range blocks {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// sortedBlocks returns the blocks in the order of their keys, so that
// resolution does not depend on map order.
func sortedBlocks(blocks map[string][]int) [][]int {
	keys := sortedKeys(blocks)
	out := make([][]int, len(keys))
	for i, k := range keys {
		out[i] = blocks[k]
	}
	return out
}
