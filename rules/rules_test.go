package rules

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimex/claimex"
)

func TestDefaultParses(t *testing.T) {
	r := Default()
	if r.Name != DefaultName || r.Hash == "" || len(r.Text) == 0 {
		t.Fatalf("default rules lack name, hash or text: %q %q %d", r.Name, r.Hash, len(r.Text))
	}
	have := map[claimex.Category]bool{}
	for _, c := range r.Categories {
		if len(c.Predicates)+len(c.Nouns) == 0 {
			t.Errorf("category %s has no triggers", c.Name)
		}
		have[c.Name] = true
	}
	for _, want := range []claimex.Category{claimex.Killed, claimex.Injured, claimex.Arrested} {
		if !have[want] {
			t.Errorf("default rules lack category %s", want)
		}
	}
	lists := map[string]int{
		"qualifiers.before": len(r.Before), "qualifiers.after": len(r.After), "vague": len(r.Vague), "zero": len(r.Zero),
		"grammar.links": len(r.Grammar.Links), "grammar.partitives": len(r.Grammar.Partitives),
		"grammar.count_nouns": len(r.Grammar.CountNouns), "grammar.connectors": len(r.Grammar.Connectors),
		"attribution.verbs": len(r.Attribution.Verbs), "attribution.before_source": len(r.Attribution.BeforeSource),
		"not_counts.units": len(r.NotCounts.Units), "not_counts.months": len(r.NotCounts.Months),
		"boilerplate.lines": len(r.Boilerplate.Lines), "boilerplate.patterns": len(r.Boilerplate.Patterns),
	}
	for name, n := range lists {
		if n == 0 {
			t.Errorf("default rules have an empty %s", name)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "line: fragment"
	}{
		{"syntax", "version: 1\ncategories: [\n", []string{"2: did not find expected node content"}},
		{"not a mapping", "- a\n- b\n", []string{"1: the rules file must be a mapping"}},
		{"empty", "", []string{"0: empty rules file"}},
		{"missing sections", "version: 1\n", []string{`1: missing section "categories"`, `1: missing section "qualifiers"`}},
		{"wrong version", "version: 7\ncategories: {}\nqualifiers: {}\n", []string{"1: version must be 1"}},
		{"unknown section", "version: 1\ncategories: {}\nqualifiers: {}\ntriggers: []\n", []string{`4: unknown section "triggers"`}},
		{"bad category name", "version: 1\ncategories:\n  Killed:\n    predicates: [a]\nqualifiers: {}\n", []string{`3: bad category name "Killed"`}},
		{"other has no triggers", "version: 1\ncategories:\n  other:\n    nouns: [things]\nqualifiers: {}\n", []string{`3: "other" is built in`}},
		{"unknown category field", "version: 1\ncategories:\n  killed:\n    words: [a]\nqualifiers: {}\n", []string{`4: unknown field "words" in category killed (known: nouns, predicates, renamed_from, rolls_up_to)`}},
		{"duplicate trigger", "version: 1\ncategories:\n  killed:\n    predicates:\n      - dead\n      - Dead\nqualifiers: {}\n", []string{`6: "Dead" listed twice (first on line 5)`}},
		{"trigger in two categories", "version: 1\ncategories:\n  killed:\n    nouns: [victims]\n  casualties:\n    nouns: [victims]\nqualifiers: {}\n", []string{`6: noun "victims" is also a noun of killed`}},
		{"empty trigger", "version: 1\ncategories:\n  killed:\n    predicates: ['  ']\nqualifiers: {}\n", []string{"4: empty entry"}},
		{"star inside", "version: 1\ncategories:\n  killed:\n    predicates: ['de*ad']\nqualifiers: {}\n", []string{"4: \"de*ad\": * may only end a phrase"}},
		{"only a star", "version: 1\ncategories:\n  killed:\n    predicates: ['*']\nqualifiers: {}\n", []string{"4: \"*\" has no words"}},
		{"not a list", "version: 1\ncategories:\n  killed:\n    predicates: dead\nqualifiers: {}\n", []string{"4: expected a list"}},
		{"unknown qualifier", "version: 1\ncategories: {}\nqualifiers:\n  before:\n    roughly: [about]\n", []string{`5: unknown qualifier "roughly"`}},
		{"exact is not listed", "version: 1\ncategories: {}\nqualifiers:\n  after:\n    exact: [precisely]\n", []string{`5: unknown qualifier "exact"`}},
		{"qualifier side", "version: 1\ncategories: {}\nqualifiers:\n  during: {}\n", []string{`4: unknown field "during" in qualifiers (known: after, before)`}},
		{"grammar field", "version: 1\ncategories: {}\nqualifiers: {}\ngrammar:\n  linkz: [is]\n", []string{`5: unknown field "linkz" in grammar`}},
		{"bad pattern", "version: 1\ncategories: {}\nqualifiers: {}\nboilerplate:\n  patterns:\n    - 'a(b'\n", []string{"6: bad pattern"}},
		{"duplicate key", "version: 1\ncategories: {}\nqualifiers: {}\nqualifiers: {}\n", []string{`4: "qualifiers" given twice (first on line 3)`}},
		{"several at once", "version: 1\ncategories:\n  kil led:\n    predicates: [a]\n  killed:\n    predicates: [b, b]\nqualifiers:\n  before:\n    over: [x]\n",
			[]string{`3: bad category name`, `6: "b" listed twice`, `9: unknown qualifier "over"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("r.yaml", []byte(tt.text))
			checkErrors(t, "r.yaml", err, tt.want)
		})
	}
}

// checkErrors checks that err lists the errors want describes, in order:
// each "line: fragment", line 0 for an error without a line.
func checkErrors(t *testing.T, file string, err error, want []string) {
	t.Helper()
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Parse error = %v, want Errors", err)
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(errs), len(want), errs)
	}
	for i, w := range want {
		line, frag, _ := strings.Cut(w, ": ")
		got := errs[i].Error()
		prefix := file + ":" + line + ": "
		if line == "0" {
			prefix = file + ": "
		}
		if !strings.HasPrefix(got, prefix) || !strings.Contains(got, frag) {
			t.Errorf("error %d = %q, want prefix %q containing %q", i, got, prefix, frag)
		}
	}
}

func TestParseValid(t *testing.T) {
	text := `version: 1
categories:
  killed:
    predicates: [dead, lost their lives]
    nouns: ["death toll"]
  arrested:
    predicates: [detain*]
qualifiers:
  before:
    at_least: [at least]
  after:
    at_least: [or more]
vague: [dozens]
grammar:
  links: [were, have been]
attribution:
  verbs: [said]
not_counts:
  units: [years]
boilerplate:
  lines: ["Leave a  Reply"]
  patterns: ['\d+ \+ \d+ =']
`
	r, err := Parse("ok.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Categories) != 2 || r.Categories[0].Name != claimex.Killed || r.Categories[1].Name != claimex.Arrested {
		t.Fatalf("categories = %+v", r.Categories)
	}
	if got := r.Categories[0].Predicates[1].String(); got != "lost their lives" {
		t.Errorf("second predicate = %q", got)
	}
	if got := r.Categories[0].Nouns[0]; got.String() != "death toll" || got.Line != 5 {
		t.Errorf("noun = %q on line %d, want \"death toll\" on line 5", got.String(), got.Line)
	}
	if p := r.Categories[1].Predicates[0]; !p.Prefix || p.String() != "detain*" {
		t.Errorf("prefix trigger = %+v", p)
	}
	if len(r.Before) != 1 || r.Before[0].Name != claimex.AtLeast || len(r.After) != 1 || r.After[0].Phrases[0].String() != "or more" {
		t.Errorf("qualifiers: before %+v after %+v", r.Before, r.After)
	}
	if len(r.Grammar.Links) != 2 || len(r.Attribution.Verbs) != 1 || len(r.NotCounts.Units) != 1 {
		t.Errorf("grammar %+v attribution %+v not_counts %+v", r.Grammar, r.Attribution, r.NotCounts)
	}
	for line, want := range map[string]bool{
		"Leave a Reply": true, "  LEAVE A REPLY ": true, "Leave a Reply now": false,
		"8 + 1 =": true, "8 + 1 = 9 apples": false,
	} {
		if got := r.Boilerplate.Match(line); got != want {
			t.Errorf("Match(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestPhraseMatchAt(t *testing.T) {
	tests := []struct {
		phrase string
		words  string
		want   bool
	}{
		{"dead", "dead and injured", true},
		{"death toll", "death toll of", true},
		{"death toll", "death", false},
		{"death toll", "death tolls", false},
		{"detain*", "detainees were", true},
		{"detain*", "detain", true},
		{"detain*", "retained", false},
		{"lost their lives", "lost their lives", true},
		{"lost their lives", "lost their homes", false},
		{"’s", "'s", true},
	}
	for _, tt := range tests {
		p := parsePhrase(tt.phrase)
		if got := p.MatchAt(strings.Fields(Fold(tt.words))); got != tt.want {
			t.Errorf("%q.MatchAt(%q) = %v, want %v", tt.phrase, tt.words, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"  Leave a\tReply ":  "leave a reply",
		"Attorney General’s": "attorney general's",
		"“quoted” – dash":    `"quoted" - dash`,
		"":                   "",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStats(t *testing.T) {
	r, err := Parse("s.yaml", []byte("version: 1\ncategories:\n  killed:\n    predicates: [dead, died]\n    nouns: [deaths]\n"+
		"qualifiers:\n  before:\n    at_least: [at least]\n  after:\n    at_least: [or more, and counting]\n"+
		"vague: [dozens]\ngrammar:\n  links: [were, have]\nboilerplate:\n  lines: [Top]\n  patterns: ['x+']\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Categories: 1, Triggers: 3, Qualifiers: 3, Words: 3, Lines: 1, Patterns: 1}
	if got := r.Stats(); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(path, DefaultText(), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != path || r.Hash != Default().Hash {
		t.Errorf("loaded rules: name %q hash %q, want %q and the default hash", r.Name, r.Hash, path)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing) error = %v, want not-exist", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(DefaultText())
	f.Add([]byte("version: 1\ncategories: {}\nqualifiers: {}\n"))
	f.Add([]byte("version: 1\ncategories:\n  killed:\n    predicates: [a*, '*']\nqualifiers:\n  before:\n    over: 3\n"))
	f.Add([]byte("boilerplate:\n  patterns: ['(']\n"))
	f.Add([]byte("version: 1\nqualifiers: {}\ncategories:\n  a:\n    nouns: [x]\n    rolls_up_to: b\n  b:\n    nouns: [y]\n    rolls_up_to: a\n    renamed_from: [c, a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse("fuzz.yaml", data)
		if err != nil {
			var errs Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error %v is not a non-empty Errors", err)
			}
			return
		}
		for _, c := range r.Categories {
			if err := checkCategoryName(string(c.Name)); err != nil || !r.HasCategory(c.Name) {
				t.Fatalf("accepted category %q: %v", c.Name, err)
			}
			if up := r.RollUps(c.Name); len(up) >= len(r.Categories) || slices.Contains(up, c.Name) {
				t.Fatalf("category %s rolls up in a circle: %v", c.Name, up)
			}
			for _, old := range c.RenamedFrom {
				if _, current := r.category(old); current || r.Canonical(old) != c.Name {
					t.Fatalf("old name %s of %s is current or renamed elsewhere", old, c.Name)
				}
			}
			for _, p := range append(c.Predicates, c.Nouns...) {
				if len(p.Words) == 0 {
					t.Fatalf("accepted an empty trigger in %s", c.Name)
				}
			}
		}
	})
}

func TestSubjectGroup(t *testing.T) {
	r := Default()
	tests := map[string]string{
		"police and army officers":              "security forces",
		"law enforcement officers and military": "security forces",
		"policemen and soldiers and civilians":  "security forces",
		"demonstrators":                         "demonstrators",
		"Protesters":                            "demonstrators",
		"children":                              "children",
		"bandits and terrorists":                "armed groups",
		"people":                                DefaultSubject,
		"":                                      DefaultSubject,
		"deaths":                                DefaultSubject,
	}
	for subject, want := range tests {
		if got := r.SubjectGroup(subject); got != want {
			t.Errorf("SubjectGroup(%q) = %q, want %q", subject, got, want)
		}
	}
	custom, err := Parse("s.yaml", []byte("version: 1\ncategories: {killed: {predicates: [killed]}}\nqualifiers: {}\nsubjects:\n  medics: [doctors, nurses]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := custom.SubjectGroup("two nurses"); got != "medics" {
		t.Errorf("custom group: %q", got)
	}
}
