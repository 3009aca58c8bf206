package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimex/claimex"
	"go.yaml.in/yaml/v3"
)

// Category is one count category: its name, the words that signal it,
// the category it is part of and the names it had before.
type Category struct {
	Name claimex.Category
	// Predicates say what happened to those counted ("killed", "dead").
	Predicates []Phrase
	// Nouns name what is counted ("deaths", "detainees").
	Nouns []Phrase
	// RollsUpTo is the category whose counts include this one's ("killed"
	// and "injured" are casualties), empty for none.
	RollsUpTo claimex.Category
	// RenamedFrom are names the category had in earlier rules: claims
	// and reviews under those names are this category's.
	RenamedFrom []claimex.Category
	// Line is where the category is named in its rules file.
	Line int
}

// MaxCategoryName is the longest category name, in characters.
const MaxCategoryName = 40

// CategoryNames returns the names of r's categories in file order, then
// claimex.Other, which every rules file has.
func (r *Rules) CategoryNames() []claimex.Category {
	out := make([]claimex.Category, 0, len(r.Categories)+1)
	for _, c := range r.Categories {
		out = append(out, c.Name)
	}
	return append(out, claimex.Other)
}

// HasCategory reports whether c is one of r's categories (or
// claimex.Other).
func (r *Rules) HasCategory(c claimex.Category) bool {
	_, ok := r.category(c)
	return ok || c == claimex.Other
}

func (r *Rules) category(name claimex.Category) (Category, bool) {
	for _, c := range r.Categories {
		if c.Name == name {
			return c, true
		}
	}
	return Category{}, false
}

// Canonical returns the name c goes by in r: the category that lists c
// in renamed_from, else c itself.
func (r *Rules) Canonical(c claimex.Category) claimex.Category {
	for _, k := range r.Categories {
		for _, old := range k.RenamedFrom {
			if old == c {
				return k.Name
			}
		}
	}
	return c
}

// Renames maps every renamed_from name of r to the category that now
// has it.
func (r *Rules) Renames() map[claimex.Category]claimex.Category {
	out := map[claimex.Category]claimex.Category{}
	for _, k := range r.Categories {
		for _, old := range k.RenamedFrom {
			out[old] = k.Name
		}
	}
	return out
}

// RollUps returns the categories whose counts include c's, nearest first:
// for "killed" in the default rules, ["casualties"]. A name r does not
// know is taken through Canonical first; it rolls up to nothing if still
// unknown.
func (r *Rules) RollUps(c claimex.Category) []claimex.Category {
	var out []claimex.Category
	cur, ok := r.category(r.Canonical(c))
	// Parse refuses cycles; the bound keeps a hand-made Rules from
	// looping.
	for ok && cur.RollsUpTo != "" && len(out) <= len(r.Categories) {
		out = append(out, cur.RollsUpTo)
		cur, ok = r.category(cur.RollsUpTo)
	}
	return out
}

// checkCategoryName returns why name cannot be a category, or nil: a
// name is a letter followed by letters, digits or underscores, none of
// them capitals, at most MaxCategoryName long, and not "other". (Names
// appear in URLs, CSS classes and export columns.)
func checkCategoryName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("a category needs a name")
	case name == string(claimex.Other):
		return fmt.Errorf("%q is built in: it is what a count of anything else gets, and has no triggers", name)
	case utf8.RuneCountInString(name) > MaxCategoryName:
		return fmt.Errorf("category name %q is longer than %d characters", name, MaxCategoryName)
	}
	for i, r := range name {
		ok := unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsTitle(r)
		if i > 0 {
			ok = ok || r == '_' || unicode.IsDigit(r)
		}
		if !ok {
			return fmt.Errorf("bad category name %q: use lower-case letters, digits and _, starting with a letter", name)
		}
	}
	return nil
}

// nameRef is a category name given in a rules file, with where it was
// given and the category that gave it (an index into the categories).
type nameRef struct {
	name  claimex.Category
	node  *yaml.Node
	owner int
}

// categories reads the categories section, then checks what ties
// categories together: roll-ups, renames and triggers.
func (p *parser) categories(n *yaml.Node) []Category {
	var out []Category
	var rollUps, renames []nameRef
	p.eachPair(n, func(key, val *yaml.Node) {
		if err := checkCategoryName(key.Value); err != nil {
			p.errorf(key, "%v", err)
			return
		}
		c := Category{Name: claimex.Category(key.Value), Line: key.Line}
		p.lists(val, "category "+key.Value, map[string]func(*yaml.Node){
			"predicates": func(n *yaml.Node) { c.Predicates = p.phrases(n) },
			"nouns":      func(n *yaml.Node) { c.Nouns = p.phrases(n) },
			"rolls_up_to": func(n *yaml.Node) {
				switch {
				case n.Kind == yaml.ScalarNode && (n.Tag == "!!null" || n.Value == ""):
					// rolls up to nothing, said explicitly
				case n.Kind != yaml.ScalarNode:
					p.errorf(n, "rolls_up_to takes one category name, found %s", kindName(n))
				default:
					c.RollsUpTo = claimex.Category(n.Value)
					rollUps = append(rollUps, nameRef{c.RollsUpTo, n, len(out)})
				}
			},
			"renamed_from": func(n *yaml.Node) {
				for _, item := range p.strings(n) {
					if err := checkCategoryName(item.Value); err != nil {
						p.errorf(item, "renamed_from: %v", err)
						continue
					}
					c.RenamedFrom = append(c.RenamedFrom, claimex.Category(item.Value))
					renames = append(renames, nameRef{claimex.Category(item.Value), item, len(out)})
				}
			},
		})
		out = append(out, c)
	})
	line := map[claimex.Category]int{}
	for _, c := range out {
		line[c.Name] = c.Line
	}
	for _, r := range rollUps {
		c := &out[r.owner]
		switch _, known := line[r.name]; {
		case r.name == c.Name:
			p.errorf(r.node, "category %s cannot roll up to itself", c.Name)
			c.RollsUpTo = ""
		case !known:
			p.errorf(r.node, "%s rolls up to %q, which is not a category of this file (categories: %s)",
				c.Name, r.name, joinNames(out))
			c.RollsUpTo = ""
		}
	}
	p.checkCycles(out)
	renamedBy := map[claimex.Category]claimex.Category{}
	for _, r := range renames {
		c := out[r.owner]
		switch prev, dup := renamedBy[r.name]; {
		case r.name == c.Name:
			p.errorf(r.node, "category %s lists its own name in renamed_from", c.Name)
		case line[r.name] > 0:
			p.errorf(r.node, "renamed_from %q collides with category %s (line %d): a name is either current or old",
				r.name, r.name, line[r.name])
		case dup && prev == c.Name:
			p.errorf(r.node, "renamed_from %q listed twice", r.name)
		case dup:
			p.errorf(r.node, "renamed_from %q is also renamed to %s: an old name has one new name", r.name, prev)
		default:
			renamedBy[r.name] = c.Name
		}
	}
	p.checkTriggers(out)
	return out
}

// checkCycles reports a roll-up that leads back to where it started, once
// per cycle, at the category of the cycle that comes last in the file,
// and breaks it there.
func (p *parser) checkCycles(cats []Category) {
	at := map[claimex.Category]int{}
	for i, c := range cats {
		at[c.Name] = i
	}
	done := map[claimex.Category]bool{}
	for i := range cats {
		var path []int
		seen := map[claimex.Category]bool{}
		for j := i; ; {
			c := cats[j]
			if done[c.Name] {
				break
			}
			if seen[c.Name] {
				// The cycle is the part of path from c on.
				k := 0
				for path[k] != j {
					k++
				}
				cycle := path[k:]
				last := cycle[0]
				var names []string
				for _, m := range cycle {
					last = max(last, m)
					names = append(names, string(cats[m].Name))
				}
				names = append(names, string(c.Name))
				p.errs = append(p.errs, Error{File: p.file, Line: cats[last].Line,
					Msg: fmt.Sprintf("roll-ups go round in a circle: %s", strings.Join(names, " → "))})
				cats[last].RollsUpTo = ""
				break
			}
			seen[c.Name] = true
			path = append(path, j)
			next, ok := at[c.RollsUpTo]
			if c.RollsUpTo == "" || !ok {
				break
			}
			j = next
		}
		for _, j := range path {
			done[cats[j].Name] = true
		}
	}
}

// checkTriggers refuses a trigger that two categories have, so that one
// word cannot mean two categories.
func (p *parser) checkTriggers(cats []Category) {
	owner := map[string]claimex.Category{}
	claim := func(kind string, name claimex.Category, list []Phrase) {
		for _, ph := range list {
			key := kind + ":" + ph.String()
			if prev, dup := owner[key]; dup {
				p.errs = append(p.errs, Error{File: p.file, Line: ph.Line,
					Msg: fmt.Sprintf("%s %q is also a %s of %s", kind, ph.String(), kind, prev)})
				continue
			}
			owner[key] = name
		}
	}
	for _, c := range cats {
		claim("predicate", c.Name, c.Predicates)
		claim("noun", c.Name, c.Nouns)
	}
}

func joinNames(cats []Category) string {
	names := make([]string, len(cats))
	for i, c := range cats {
		names[i] = string(c.Name)
	}
	return strings.Join(names, ", ")
}
