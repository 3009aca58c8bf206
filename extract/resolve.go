package extract

import (
	"sort"
	"strings"

	"github.com/claimex/claimex"
)

// Resolve gives every name used across the database its entity: the
// canonical name and type shared by all the names of one person,
// organisation or place. Full names of people merge when SameName says
// Same; a surname alone joins the only family of full names it matches
// (none or several: it stands alone); an acronym joins its expansion when
// that expansion is unambiguous; places join on the gazetteer's name.
// corrections, in the order they were made, are applied last: a split
// keeps a name out of every automatic merge, a merge joins two names
// whatever the matcher says; the later correction of a name wins.
//
// Names are compared within blocks of like keys, so the work grows with
// the number of names, not its square.
func Resolve(uses []claimex.NameUse, corrections []claimex.EntityCorrection) []claimex.EntityName {
	r := newResolver(uses)
	split, merges := r.corrections(corrections)
	r.people(split)
	r.orgs(split)
	r.places(split)
	preferred := map[int]bool{}
	for _, m := range merges {
		a, okA := r.index[m[0]]
		b, okB := r.index[m[1]]
		if okA && okB {
			r.union(a, b)
			preferred[a] = true
		}
	}
	return r.result(preferred)
}

// resolver holds the names and a union-find forest over them.
type resolver struct {
	names    []string
	votes    []map[string]int // mentions per type
	mentions []int
	typ      []string
	index    map[string]int
	parent   []int
}

func newResolver(uses []claimex.NameUse) *resolver {
	r := &resolver{index: map[string]int{}}
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

func (r *resolver) union(a, b int) {
	ra, rb := r.find(a), r.find(b)
	if ra != rb {
		r.parent[rb] = ra
	}
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

// block groups the names of one type by a key, leaving out split names.
func (r *resolver) block(typ string, split map[int]bool, key func(int) string) map[string][]int {
	blocks := map[string][]int{}
	for i, t := range r.typ {
		if t != typ || split[i] {
			continue
		}
		if k := key(i); k != "" {
			blocks[k] = append(blocks[k], i)
		}
	}
	return blocks
}

// people merges full names that SameName finds Same, then attaches each
// surname alone to the one family it matches.
func (r *resolver) people(split map[int]bool) {
	parts := make([][]string, len(r.names))
	for i, n := range r.names {
		if r.typ[i] == claimex.Person {
			parts[i] = nameParts(n)
		}
	}
	blocks := r.block(claimex.Person, split, func(i int) string {
		if len(parts[i]) == 0 {
			return ""
		}
		return consonants(parts[i][len(parts[i])-1])
	})
	for _, ids := range sortedBlocks(blocks) {
		var full, alone []int
		for _, i := range ids {
			if len(parts[i]) > 1 {
				full = append(full, i)
			} else {
				alone = append(alone, i)
			}
		}
		for x := 0; x < len(full); x++ {
			for y := x + 1; y < len(full); y++ {
				if samePerson(r.names[full[x]], r.names[full[y]]) == Same {
					r.union(full[x], full[y])
				}
			}
		}
		for _, i := range alone {
			families := map[int]bool{}
			for _, f := range full {
				if samePerson(r.names[i], r.names[f]) == Compatible {
					families[r.find(f)] = true
				}
			}
			if len(families) == 1 {
				for root := range families {
					r.union(root, i)
				}
			}
			// Two spellings of a surname alone are one name.
			for _, j := range alone {
				if j != i && samePerson(r.names[i], r.names[j]) == Same && len(families) <= 1 {
					r.union(i, j)
				}
			}
		}
	}
}

// orgs merges organisations whose content words are the same, and an
// acronym with the one expansion it stands for.
func (r *resolver) orgs(split map[int]bool) {
	bags := r.block(claimex.Org, split, func(i int) string {
		w := orgWords(r.names[i])
		sort.Strings(w)
		return strings.Join(w, " ")
	})
	for _, ids := range sortedBlocks(bags) {
		for _, i := range ids[1:] {
			r.union(ids[0], i)
		}
	}
	// Acronyms and expansions meet on their sorted initials.
	initials := r.block(claimex.Org, split, func(i int) string {
		n := r.names[i]
		if isAllCaps(n) && !strings.Contains(n, " ") {
			return sortedLetters(strings.ToLower(n))
		}
		w := orgWords(n)
		if len(w) < 2 {
			return ""
		}
		var b strings.Builder
		for _, x := range w {
			b.WriteRune([]rune(x)[0])
		}
		return sortedLetters(b.String())
	})
	for _, ids := range sortedBlocks(initials) {
		var acronyms, full []int
		for _, i := range ids {
			if isAllCaps(r.names[i]) && !strings.Contains(r.names[i], " ") {
				acronyms = append(acronyms, i)
			} else {
				full = append(full, i)
			}
		}
		for _, a := range acronyms {
			// Several expansions may fit ("World Health Organization",
			// "World Hunger Organization"): the acronym goes with the one
			// used most.
			expansions := map[int]int{} // root → mentions
			for _, f := range full {
				if isAcronymOf(r.names[a], orgWords(r.names[f])) {
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
				r.union(best, a)
			}
		}
	}
}

// places merges places that the gazetteer gives one name, or whose keys
// SameName finds alike.
func (r *resolver) places(split map[int]bool) {
	g, _ := loadGazetteer()
	for _, typ := range []string{claimex.GPE, claimex.Loc} {
		blocks := r.block(typ, split, func(i int) string {
			if g != nil {
				if p, ok := g.near(foldName(r.names[i])); ok {
					return "=" + p.canonical
				}
			}
			return consonants(nameKey(r.names[i]))
		})
		for _, ids := range sortedBlocks(blocks) {
			for x := 0; x < len(ids); x++ {
				for y := x + 1; y < len(ids); y++ {
					if SameName(typ, r.names[ids[x]], r.names[ids[y]]) == Same {
						r.union(ids[x], ids[y])
					}
				}
			}
		}
	}
}

// result names every entity: the name a merge correction put first, else
// for people the most used full name, for organisations the most used
// acronym, for places the gazetteer's name, else the most used name.
func (r *resolver) result(preferred map[int]bool) []claimex.EntityName {
	members := map[int][]int{}
	for i := range r.names {
		root := r.find(i)
		members[root] = append(members[root], i)
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
		for _, i := range ids {
			out = append(out, claimex.EntityName{Name: r.names[i], Canonical: canonical, Type: typ})
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

// sortedBlocks returns the blocks in the order of their keys, so that
// resolution does not depend on map order.
func sortedBlocks(blocks map[string][]int) [][]int {
	keys := make([]string, 0, len(blocks))
	for k := range blocks {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]int, len(keys))
	for i, k := range keys {
		out[i] = blocks[k]
	}
	return out
}
