package rules

import (
	"reflect"
	"strings"
	"testing"

	"github.com/claimex/claimex"
)

// cats wraps a categories section in the smallest rules file.
func cats(section string) string {
	return "version: 1\nqualifiers: {}\ncategories:\n" + section
}

func TestCategoryErrors(t *testing.T) {
	tests := []struct {
		name, section string
		want          []string // "line: fragment"; the section starts on line 4
	}{
		{"capital", "  Killed:\n    predicates: [a]\n", []string{`4: bad category name "Killed"`}},
		{"digit first", "  1dead:\n    predicates: [a]\n", []string{`4: bad category name "1dead"`}},
		{"hyphen", "  shot-dead:\n    predicates: [a]\n", []string{`4: bad category name "shot-dead"`}},
		{"space", "  shot dead:\n    predicates: [a]\n", []string{`4: bad category name "shot dead"`}},
		{"empty name", "  \"\":\n    predicates: [a]\n", []string{`4: a category needs a name`}},
		{"too long", "  " + strings.Repeat("a", MaxCategoryName+1) + ":\n    predicates: [a]\n", []string{"4: is longer than 40 characters"}},
		{"other is built in", "  other:\n    predicates: [a]\n", []string{`4: "other" is built in`}},
		{"duplicate name", "  killed:\n    predicates: [a]\n  killed:\n    predicates: [b]\n", []string{`6: "killed" given twice (first on line 4)`}},
		{"unknown roll-up target", "  killed:\n    predicates: [a]\n    rolls_up_to: casualtys\n",
			[]string{`6: killed rolls up to "casualtys", which is not a category of this file (categories: killed)`}},
		{"roll-up to a removed category", "  killed:\n    predicates: [a]\n    rolls_up_to: casualties\n  injured:\n    predicates: [b]\n",
			[]string{`6: killed rolls up to "casualties"`}},
		{"roll-up to other", "  killed:\n    predicates: [a]\n    rolls_up_to: other\n", []string{`6: killed rolls up to "other"`}},
		{"roll-up to itself", "  killed:\n    predicates: [a]\n    rolls_up_to: killed\n", []string{`6: category killed cannot roll up to itself`}},
		{"roll-up is a list", "  killed:\n    predicates: [a]\n    rolls_up_to: [casualties]\n  casualties:\n    nouns: [c]\n",
			[]string{`6: rolls_up_to takes one category name, found a list`}},
		{"two-way cycle", "  a:\n    nouns: [x]\n    rolls_up_to: b\n  b:\n    nouns: [y]\n    rolls_up_to: a\n",
			[]string{`7: roll-ups go round in a circle: a → b → a`}},
		{"three-way cycle reported once", "  c:\n    nouns: [z]\n    rolls_up_to: a\n  a:\n    nouns: [x]\n    rolls_up_to: b\n  b:\n    nouns: [y]\n    rolls_up_to: c\n  d:\n    nouns: [w]\n    rolls_up_to: a\n",
			[]string{`10: roll-ups go round in a circle: c → a → b → c`}},
		{"renamed_from collides", "  killed:\n    predicates: [a]\n    renamed_from: [dead]\n  dead:\n    predicates: [b]\n",
			[]string{`6: renamed_from "dead" collides with category dead (line 7)`}},
		{"renamed_from own name", "  killed:\n    predicates: [a]\n    renamed_from: [killed]\n", []string{`6: category killed lists its own name in renamed_from`}},
		{"renamed_from twice", "  killed:\n    predicates: [a]\n    renamed_from: [dead, dead]\n", []string{`6: renamed_from "dead" listed twice`}},
		{"old name with two new names", "  killed:\n    predicates: [a]\n    renamed_from: [dead]\n  slain:\n    predicates: [b]\n    renamed_from: [dead]\n",
			[]string{`9: renamed_from "dead" is also renamed to killed`}},
		{"renamed_from bad name", "  killed:\n    predicates: [a]\n    renamed_from: [Dead]\n", []string{`6: renamed_from: bad category name "Dead"`}},
		{"renamed_from other", "  killed:\n    predicates: [a]\n    renamed_from: [other]\n", []string{`6: renamed_from: "other" is built in`}},
		{"renamed_from not a list", "  killed:\n    predicates: [a]\n    renamed_from: dead\n", []string{`6: expected a list`}},
		{"unknown field", "  killed:\n    predicates: [a]\n    roll_up: casualties\n",
			[]string{`6: unknown field "roll_up" in category killed (known: nouns, predicates, renamed_from, rolls_up_to)`}},
		{"trigger of two categories", "  infected:\n    predicates: [infected]\n  sick:\n    predicates: [ill, infected]\n",
			[]string{`7: predicate "infected" is also a predicate of infected`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(cats(tt.section)))
			checkErrors(t, "c.yaml", err, tt.want)
		})
	}
}

func TestCategoriesAreData(t *testing.T) {
	r, err := Parse("mine.yaml", []byte(cats(`  infected:
    predicates: [infected, tested positive]
    nouns: [infections]
    rolls_up_to: affected
  hospitalised:
    predicates: [hospitalised]
    rolls_up_to: infected
  affected:
    predicates: [affected]
    rolls_up_to:
  dead:
    predicates: [died]
    renamed_from: [killed, fatalities]
`)))
	if err != nil {
		t.Fatal(err)
	}
	wantNames := []claimex.Category{"infected", "hospitalised", "affected", "dead", claimex.Other}
	if got := r.CategoryNames(); !reflect.DeepEqual(got, wantNames) {
		t.Errorf("CategoryNames = %v, want %v", got, wantNames)
	}
	for c, want := range map[claimex.Category]bool{"infected": true, "dead": true, claimex.Other: true,
		"killed": false, "injured": false, "": false} {
		if got := r.HasCategory(c); got != want {
			t.Errorf("HasCategory(%q) = %v", c, got)
		}
	}
	rollUps := map[claimex.Category][]claimex.Category{
		"hospitalised": {"infected", "affected"}, // through infected
		"infected":     {"affected"},
		"affected":     nil, // rolls_up_to left empty
		"dead":         nil,
		"killed":       nil, // an old name: dead's roll-ups, none
		"unknown":      nil,
	}
	for c, want := range rollUps {
		if got := r.RollUps(c); !reflect.DeepEqual(got, want) {
			t.Errorf("RollUps(%s) = %v, want %v", c, got, want)
		}
	}
	for c, want := range map[claimex.Category]claimex.Category{"killed": "dead", "fatalities": "dead", "dead": "dead",
		"infected": "infected", "unknown": "unknown"} {
		if got := r.Canonical(c); got != want {
			t.Errorf("Canonical(%s) = %s, want %s", c, got, want)
		}
	}
	if got, want := r.Renames(), map[claimex.Category]claimex.Category{"killed": "dead", "fatalities": "dead"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Renames = %v, want %v", got, want)
	}
	if c := r.Categories[0]; c.Line != 4 || c.RollsUpTo != "affected" || len(c.Predicates) != 2 || len(c.Nouns) != 1 {
		t.Errorf("infected = %+v", c)
	}
}

func TestDefaultCategories(t *testing.T) {
	r := Default()
	for _, c := range r.CategoryNames() {
		if err := checkCategoryName(string(c)); err != nil && c != claimex.Other {
			t.Errorf("default category %s: %v", c, err)
		}
		var want []claimex.Category
		if c == claimex.Killed || c == claimex.Injured {
			want = []claimex.Category{claimex.Casualties}
		}
		if got := r.RollUps(c); !reflect.DeepEqual(got, want) {
			t.Errorf("default rules: %s rolls up to %v, want %v", c, got, want)
		}
	}
	if len(r.Renames()) != 0 {
		t.Errorf("the default rules rename %v", r.Renames())
	}
	// The names the root package gives the default categories are the
	// default rules' names, in their order.
	want := []claimex.Category{claimex.Killed, claimex.Injured, claimex.Arrested, claimex.Kidnapped, claimex.Missing,
		claimex.Displaced, claimex.Evacuated, claimex.Released, claimex.Protesters, claimex.Deployed, claimex.Casualties,
		claimex.Affected, claimex.Other}
	if got := r.CategoryNames(); !reflect.DeepEqual(got, want) {
		t.Errorf("default categories = %v, want %v", got, want)
	}
}

func TestCategoryNames(t *testing.T) {
	for name, ok := range map[string]bool{"killed": true, "sought_refuge": true, "covid19": true, "déplacés": true,
		"убитые": true, "Killed": false, "_x": false, "9": false, "a-b": false, "a b": false, "a.b": false,
		"a/b": false, "<b>": false, "other": false, "": false, strings.Repeat("x", MaxCategoryName): true,
		strings.Repeat("x", MaxCategoryName+1): false} {
		if err := checkCategoryName(name); (err == nil) != ok {
			t.Errorf("checkCategoryName(%q) = %v, want ok=%v", name, err, ok)
		}
	}
}
