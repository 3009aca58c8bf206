package extract

import (
	"sort"
	"strings"
	"sync"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
)

// bodyKeys maps the key of each name of a set of rules' known bodies
// ("United Nations", "UN") to its body's number, by the rules' hash.
var bodyKeys sync.Map // string → map[string]int

// knownBodyKeys returns the keys of r's known bodies.
func knownBodyKeys(r *rules.Rules) map[string]int {
	if keys, ok := bodyKeys.Load(r.Hash); ok {
		return keys.(map[string]int)
	}
	keys := map[string]int{}
	for g, group := range r.Entities.KnownBodies {
		for _, ph := range group {
			keys[bodyKey(strings.Join(ph.Words, " "))] = g
		}
	}
	actual, _ := bodyKeys.LoadOrStore(r.Hash, keys)
	return actual.(map[string]int)
}

// bodyKey compares the names of a known body: their content words in
// order, with an acronym's points dropped ("U.N.", "UN").
func bodyKey(name string) string {
	if isAllCaps(name) && !strings.Contains(name, " ") || strings.Count(name, ".") > 1 && !strings.Contains(name, " ") {
		name = strings.ReplaceAll(name, ".", "")
	}
	return strings.Join(orgTokens(name), " ")
}

// knownBodies joins the organisations whose names the resolver's rules
// give one body.
func (r *resolver) knownBodies(split map[int]bool, tokens [][]string) {
	keys := knownBodyKeys(r.rules)
	first := map[int]int{} // body → its first name of the corpus
	for i, n := range r.names {
		if r.typ[i] != claimex.Org || split[i] || tokens[i] == nil {
			continue
		}
		g, ok := keys[bodyKey(n)]
		if !ok {
			continue
		}
		if j, seen := first[g]; seen {
			r.union(j, i, claimex.WhyKnown)
		} else {
			first[g] = i
		}
	}
}

// acronymParts joins an acronym to the one hyphenated acronym of the
// corpus that opens with it ("CJTF", "CJTF-OIR"); with two ("CJTF-OIR",
// "CJTF-HOA") it stays alone.
func (r *resolver) acronymParts(split map[int]bool) {
	heads := map[string][]int{}
	for i, n := range r.names {
		if r.typ[i] != claimex.Org || split[i] || !isAcronym(n) {
			continue
		}
		head, rest, ok := strings.Cut(n, "-")
		if ok && isAllCaps(head) && isAllCaps(rest) {
			heads[head] = append(heads[head], i)
		}
	}
	names := make([]string, 0, len(heads))
	for h := range heads {
		names = append(names, h)
	}
	sort.Strings(names)
	for _, h := range names {
		a, ok := r.index[h]
		if !ok || r.typ[a] != claimex.Org || split[a] {
			continue
		}
		roots := map[int]int{}
		for _, i := range heads[h] {
			roots[r.find(i)] = i
		}
		if len(roots) != 1 {
			continue
		}
		for _, i := range roots {
			r.union(i, a, claimex.WhyAcronymPart)
		}
	}
}

// ownedPart returns the content words of what an organisation's name
// says a body owns ("Office of Foreign Assets Control" of "Department
// of Treasury's Office of Foreign Assets Control"), or nil.
func ownedPart(name string) []string {
	name = strings.ReplaceAll(name, "’", "'")
	k := strings.LastIndex(name, "'s ")
	if k < 0 {
		return nil
	}
	return orgTokens(name[k+3:])
}
