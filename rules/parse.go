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
			r.Qualifiers = p.qualifiers(val)
		case "vague":
			r.Vague = p.phrases(val)
		case "boilerplate":
			r.Boilerplate = p.boilerplate(val)
		default:
			p.errorf(key, "unknown section %q (known: version, categories, qualifiers, vague, boilerplate)", key.Value)
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
		ph := parsePhrase(item.Value)
		if len(ph.Words) == 0 {
			p.errorf(item, "%q has no words", item.Value)
			continue
		}
		if strings.Contains(strings.TrimSuffix(strings.TrimSpace(item.Value), "*"), "*") {
			p.errorf(item, "%q: * may only end a phrase", item.Value)
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

func (p *parser) categories(n *yaml.Node) []Category {
	var out []Category
	p.eachPair(n, func(key, val *yaml.Node) {
		name := claimex.Category(key.Value)
		if !claimex.ValidCategory(name) {
			p.errorf(key, "unknown category %q (known: %s)", key.Value, joinCategories())
			return
		}
		c := Category{Name: name}
		p.eachPair(val, func(k, v *yaml.Node) {
			switch k.Value {
			case "triggers":
				c.Triggers = p.phrases(v)
			default:
				p.errorf(k, "unknown field %q in category %s (known: triggers)", k.Value, name)
			}
		})
		out = append(out, c)
	})
	return out
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
	var b Boilerplate
	p.eachPair(n, func(key, val *yaml.Node) {
		switch key.Value {
		case "lines":
			b.lineSet = map[string]bool{}
			for _, item := range p.strings(val) {
				b.Lines = append(b.Lines, Fold(item.Value))
				b.lineSet[Fold(item.Value)] = true
			}
		case "patterns":
			for _, item := range p.strings(val) {
				re, err := regexp.Compile(`^(?:` + item.Value + `)$`)
				if err != nil {
					p.errorf(item, "bad pattern %q: %v", item.Value, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
					continue
				}
				b.Patterns = append(b.Patterns, re)
			}
		default:
			p.errorf(key, "unknown field %q in boilerplate (known: lines, patterns)", key.Value)
		}
	})
	return b
}

func joinCategories() string {
	names := make([]string, len(claimex.Categories))
	for i, c := range claimex.Categories {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}
