package rules

import (
	"errors"
	"os"
	"path/filepath"
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
		if len(c.Triggers) == 0 {
			t.Errorf("category %s has no triggers", c.Name)
		}
		have[c.Name] = true
	}
	for _, want := range []claimex.Category{claimex.Killed, claimex.Injured, claimex.Arrested} {
		if !have[want] {
			t.Errorf("default rules lack category %s", want)
		}
	}
	if len(r.Qualifiers) == 0 || len(r.Vague) == 0 || len(r.Boilerplate.Lines) == 0 || len(r.Boilerplate.Patterns) == 0 {
		t.Errorf("default rules lack a section: %d qualifiers, %d vague, %d lines, %d patterns",
			len(r.Qualifiers), len(r.Vague), len(r.Boilerplate.Lines), len(r.Boilerplate.Patterns))
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
		{"unknown category", "version: 1\ncategories:\n  kiled:\n    triggers: [a]\nqualifiers: {}\n", []string{`3: unknown category "kiled"`}},
		{"unknown category field", "version: 1\ncategories:\n  killed:\n    words: [a]\nqualifiers: {}\n", []string{`4: unknown field "words"`}},
		{"duplicate trigger", "version: 1\ncategories:\n  killed:\n    triggers:\n      - dead\n      - Dead\nqualifiers: {}\n", []string{`6: "Dead" listed twice (first on line 5)`}},
		{"empty trigger", "version: 1\ncategories:\n  killed:\n    triggers: ['  ']\nqualifiers: {}\n", []string{"4: empty entry"}},
		{"star inside", "version: 1\ncategories:\n  killed:\n    triggers: ['de*ad']\nqualifiers: {}\n", []string{"4: \"de*ad\": * may only end a phrase"}},
		{"not a list", "version: 1\ncategories:\n  killed:\n    triggers: dead\nqualifiers: {}\n", []string{"4: expected a list"}},
		{"unknown qualifier", "version: 1\ncategories: {}\nqualifiers:\n  roughly: [about]\n", []string{`4: unknown qualifier "roughly"`}},
		{"exact is not listed", "version: 1\ncategories: {}\nqualifiers:\n  exact: [precisely]\n", []string{`4: unknown qualifier "exact"`}},
		{"bad pattern", "version: 1\ncategories: {}\nqualifiers: {}\nboilerplate:\n  patterns:\n    - 'a(b'\n", []string{"6: bad pattern"}},
		{"duplicate key", "version: 1\ncategories: {}\nqualifiers: {}\nqualifiers: {}\n", []string{`4: "qualifiers" given twice (first on line 3)`}},
		{"several at once", "version: 1\ncategories:\n  kiled:\n    triggers: [a]\n  killed:\n    triggers: [b, b]\nqualifiers:\n  over: [x]\n",
			[]string{`3: unknown category`, `6: "b" listed twice`, `8: unknown qualifier "over"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("r.yaml", []byte(tt.text))
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("Parse error = %v, want Errors", err)
			}
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(errs), len(tt.want), errs)
			}
			for i, want := range tt.want {
				line, frag, _ := strings.Cut(want, ": ")
				got := errs[i].Error()
				prefix := "r.yaml:" + line + ": "
				if line == "0" {
					prefix = "r.yaml: "
				}
				if !strings.HasPrefix(got, prefix) || !strings.Contains(got, frag) {
					t.Errorf("error %d = %q, want prefix %q containing %q", i, got, prefix, frag)
				}
			}
		})
	}
}

func TestParseValid(t *testing.T) {
	text := `version: 1
categories:
  killed:
    triggers: [dead, "death toll", lost their lives]
  arrested:
    triggers: [detain*]
qualifiers:
  at_least: [at least]
vague: [dozens]
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
	if got := r.Categories[0].Triggers[1].String(); got != "death toll" {
		t.Errorf("second trigger = %q", got)
	}
	if p := r.Categories[1].Triggers[0]; !p.Prefix || p.String() != "detain*" {
		t.Errorf("prefix trigger = %+v", p)
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
	f.Add([]byte("version: 1\ncategories:\n  killed:\n    triggers: [a*, '*']\nqualifiers:\n  over: 3\n"))
	f.Add([]byte("boilerplate:\n  patterns: ['(']\n"))
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
			if !claimex.ValidCategory(c.Name) {
				t.Fatalf("accepted unknown category %q", c.Name)
			}
			for _, p := range c.Triggers {
				if len(p.Words) == 0 {
					t.Fatalf("accepted an empty trigger in %s", c.Name)
				}
			}
		}
	})
}
