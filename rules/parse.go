package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/claimex/claimex"
	"go.yaml.in/yaml/v3"
)

// Version is the rules-file format this build reads.
const Version = 1

// Parse reads a rules file. name labels errors ("my.yaml:12: ..."). The
// returned error is an Errors value listing every problem found.
func Parse(name string, data []byte) (*Rules, error) {
	p := &parser{file: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, Errors{p.syntaxError(err)}
	}
	r := &Rules{Name: name, Text: append([]byte(nil), data...), Hash: hashOf(data)}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, Errors{{File: name, Msg: "empty rules file"}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "the rules file must be a mapping of sections, found %s", kindName(root))
		return nil, p.errs
	}
	g, a, nc := &r.Grammar, &r.Attribution, &r.NotCounts
	seen := map[string]bool{}
	p.eachPair(root, func(key, val *yaml.Node) {
		seen[key.Value] = true
		switch key.Value {
		case "version":
			var v int
			if err := val.Decode(&v); err != nil || v != Version {
				p.errorf(val, "version must be %d", Version)
			}
		case "categories":
			r.Categories = p.categories(val)
		case "qualifiers":
			p.lists(val, "qualifiers", map[string]func(*yaml.Node){
				"before": func(n *yaml.Node) { r.Before = p.qualifiers(n) },
				"after":  func(n *yaml.Node) { r.After = p.qualifiers(n) },
			})
		case "vague":
			r.Vague = p.phrases(val)
		case "zero":
			r.Zero = p.phrases(val)
		case "grammar":
			p.lists(val, "grammar", phraseFields(p, map[string]*[]Phrase{
				"links": &g.Links, "negations": &g.Negations, "partitives": &g.Partitives, "frames": &g.Frames,
				"appositions": &g.Appositions, "count_nouns": &g.CountNouns, "connectors": &g.Connectors,
				"place_prepositions": &g.PlacePrepositions, "prepositions": &g.Prepositions, "determiners": &g.Determiners,
				"additives": &g.Additives, "time_words": &g.TimeWords, "english": &g.English, "openers": &g.Openers,
				"people": &g.People, "changes": &g.Changes,
				"adverbs": &g.Adverbs, "near_misses": &g.NearMisses, "persons": &g.Persons,
				"single_victim_categories": &g.SingleVictimCategories, "dwell_verbs": &g.DwellVerbs,
			}))
		case "attribution":
			p.lists(val, "attribution", phraseFields(p, map[string]*[]Phrase{
				"verbs": &a.Verbs, "before_source": &a.BeforeSource,
			}))
		case "not_counts":
			p.lists(val, "not_counts", phraseFields(p, map[string]*[]Phrase{
				"units": &nc.Units, "things": &nc.Things, "currencies": &nc.Currencies, "labels": &nc.Labels, "operators": &nc.Operators, "streets": &nc.Streets,
				"months": &nc.Months, "scores": &nc.Scores, "score_verbs": &nc.ScoreVerbs,
				"attributive": &nc.Attributive, "quantifiers": &nc.Quantifiers,
			}))
		case "entities":
			e := &r.Entities
			fields := phraseFields(p, map[string]*[]Phrase{
				"honorifics": &e.Honorifics, "titles": &e.Titles, "roles": &e.Roles, "org_heads": &e.OrgHeads,
				"org_nouns": &e.OrgNouns, "bodies": &e.Bodies, "places": &e.Places,
				"not_acronyms": &e.NotAcronyms, "name_particles": &e.NameParticles, "clutter": &e.Clutter,
				"org_openers": &e.OrgOpeners, "place_heads": &e.PlaceHeads, "place_openers": &e.PlaceOpeners,
				"sports_verbs": &e.SportsVerbs, "groups": &e.Groups,
			})
			fields["organisations"] = func(n *yaml.Node) { e.Organisations, e.KnownBodies = p.knownBodies(n) }
			p.lists(val, "entities", fields)
		case "boilerplate":
			r.Boilerplate = p.boilerplate(val)
		case "subjects":
			p.eachPair(val, func(key, val *yaml.Node) {
				r.Subjects = append(r.Subjects, SubjectGroup{Name: key.Value, Words: p.phrases(val)})
			})
		default:
			p.errorf(key, "unknown section %q (known: %s)", key.Value, strings.Join(sections, ", "))
		}
	})
	for _, need := range []string{"version", "categories", "qualifiers"} {
		if !seen[need] {
			p.errorf(root, "missing section %q", need)
		}
	}
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Line < p.errs[j].Line })
		return nil, p.errs
	}
	return r, nil
}

var sections = []string{"version", "categories", "qualifiers", "vague", "zero", "grammar", "attribution",
	"not_counts", "entities", "boilerplate", "subjects"}

type parser struct {
	file string
	errs Errors
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, Error{File: p.file, Line: n.Line, Msg: fmt.Sprintf(format, args...)})
}

// syntaxError turns a YAML parser error ("yaml: line 3: ...") into an Error
// carrying its line.
func (p *parser) syntaxError(err error) Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	return Error{File: p.file, Line: line, Msg: msg}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

// eachPair calls fn for every key and value of a mapping node, and
// reports keys given twice.
func (p *parser) eachPair(n *yaml.Node, fn func(key, val *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "expected a mapping, found %s", kindName(n))
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if line, dup := seen[key.Value]; dup {
			p.errorf(key, "%q given twice (first on line %d)", key.Value, line)
			continue
		}
		seen[key.Value] = key.Line
		fn(key, val)
	}
}

// lists reads a mapping whose keys are the known fields of section.
func (p *parser) lists(n *yaml.Node, section string, fields map[string]func(*yaml.Node)) {
	p.eachPair(n, func(key, val *yaml.Node) {
		read, ok := fields[key.Value]
		if !ok {
			known := make([]string, 0, len(fields))
			for k := range fields {
				known = append(known, k)
			}
			sort.Strings(known)
			p.errorf(key, "unknown field %q in %s (known: %s)", key.Value, section, strings.Join(known, ", "))
			return
		}
		read(val)
	})
}

// phraseFields makes readers of phrase lists into the given fields.
func phraseFields(p *parser, fields map[string]*[]Phrase) map[string]func(*yaml.Node) {
	out := make(map[string]func(*yaml.Node), len(fields))
	for name, dst := range fields {
		out[name] = func(n *yaml.Node) { *dst = p.phrases(n) }
	}
	return out
}

// knownBodies reads the organisations list: each item a name, or a list
// of the names of one body ("[united nations, un]"). It returns every
// name, and the groups of two names or more.
func (p *parser) knownBodies(n *yaml.Node) ([]Phrase, [][]Phrase) {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "expected a list, found %s", kindName(n))
		return nil, nil
	}
	var all []Phrase
	var groups [][]Phrase
	seen := map[string]int{}
	for _, item := range n.Content {
		var names []*yaml.Node
		if item.Kind == yaml.SequenceNode {
			if len(item.Content) == 0 {
				p.errorf(item, "empty list of names")
				continue
			}
			names = p.strings(item)
		} else {
			names = p.strings(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{item}})
		}
		var group []Phrase
		for _, name := range names {
			ph, ok := p.phrase(name)
			if !ok {
				continue
			}
			if line, dup := seen[ph.String()]; dup {
				p.errorf(name, "%q listed twice (first on line %d)", name.Value, line)
				continue
			}
			seen[ph.String()] = name.Line
			all = append(all, ph)
			group = append(group, ph)
		}
		if len(group) > 1 {
			groups = append(groups, group)
		}
	}
	return all, groups
}

// strings reads a list of non-empty strings.
func (p *parser) strings(n *yaml.Node) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "expected a list, found %s", kindName(n))
		return nil
	}
	var out []*yaml.Node
	for _, item := range n.Content {
		if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
			p.errorf(item, "expected a word or phrase, found %s", kindName(item))
			continue
		}
		if strings.TrimSpace(item.Value) == "" {
			p.errorf(item, "empty entry")
			continue
		}
		out = append(out, item)
	}
	return out
}

// phrases reads a list of phrases, rejecting duplicates.
func (p *parser) phrases(n *yaml.Node) []Phrase {
	var out []Phrase
	seen := map[string]int{}
	for _, item := range p.strings(n) {
		ph, ok := p.phrase(item)
		if !ok {
			continue
		}
		if line, dup := seen[ph.String()]; dup {
			p.errorf(item, "%q listed twice (first on line %d)", item.Value, line)
			continue
		}
		seen[ph.String()] = item.Line
		out = append(out, ph)
	}
	return out
}

func (p *parser) phrase(item *yaml.Node) (Phrase, bool) {
	ph := parsePhrase(item.Value)
	if len(ph.Words) == 0 {
		p.errorf(item, "%q has no words", item.Value)
		return ph, false
	}
	if strings.Contains(strings.TrimSuffix(strings.TrimSpace(item.Value), "*"), "*") {
		p.errorf(item, "%q: * may only end a phrase", item.Value)
		return ph, false
	}
	ph.Line = item.Line
	return ph, true
}

func (p *parser) qualifiers(n *yaml.Node) []Qualifier {
	var out []Qualifier
	p.eachPair(n, func(key, val *yaml.Node) {
		name := claimex.Qualifier(key.Value)
		if !claimex.ValidQualifier(name) || name == claimex.Exact || name == claimex.Range {
			p.errorf(key, "unknown qualifier %q (known: approximately, at_least, more_than, at_most, up_to, less_than)", key.Value)
			return
		}
		out = append(out, Qualifier{Name: name, Phrases: p.phrases(val)})
	})
	return out
}

func (p *parser) boilerplate(n *yaml.Node) Boilerplate {
	b := Boilerplate{lineSet: map[string]bool{}}
	p.lists(n, "boilerplate", map[string]func(*yaml.Node){
		"lines": func(val *yaml.Node) {
			for _, item := range p.strings(val) {
				b.Lines = append(b.Lines, Fold(item.Value))
				b.lineSet[Fold(item.Value)] = true
			}
		},
		"patterns": func(val *yaml.Node) { b.Patterns = p.patterns(val) },
		"sections": func(val *yaml.Node) { b.Sections = p.patterns(val) },
		"teasers":  func(val *yaml.Node) { b.Teasers = p.patterns(val) },
	})
	b.needs = map[*regexp.Regexp]needs{}
	for _, re := range b.Patterns {
		if n := needsOf(re); n != nil {
			b.needs[re] = n
		}
	}
	return b
}

// patterns reads a list of regular expressions, each to match a whole
// line.
func (p *parser) patterns(val *yaml.Node) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, item := range p.strings(val) {
		re, err := regexp.Compile(`^(?:` + item.Value + `)$`)
		if err != nil {
			p.errorf(item, "bad pattern %q: %v", item.Value, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
			continue
		}
		out = append(out, re)
	}
	return out
}
