package rules

import (
	"reflect"
	"testing"
)

// TestKnownBodies: the organisations list takes names and lists of one
// body's names; every name is an organisation, the lists are the bodies.
func TestKnownBodies(t *testing.T) {
	head := "version: 1\ncategories: {}\nqualifiers: {}\nentities:\n  organisations:\n"
	r, err := Parse("r.yaml", []byte(head+"    - kremlin\n    - [united nations, un, u.n.]\n    - [nato]\n    - [european union, eu]\n"))
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range r.Entities.Organisations {
		all = append(all, p.String())
	}
	if want := []string{"kremlin", "united nations", "un", "u.n.", "nato", "european union", "eu"}; !reflect.DeepEqual(all, want) {
		t.Errorf("organisations %q, want %q", all, want)
	}
	var groups [][]string
	for _, g := range r.Entities.KnownBodies {
		var names []string
		for _, p := range g {
			names = append(names, p.String())
		}
		groups = append(groups, names)
	}
	// A list of one name is a name, not a body to join.
	if want := [][]string{{"united nations", "un", "u.n."}, {"european union", "eu"}}; !reflect.DeepEqual(groups, want) {
		t.Errorf("bodies %q, want %q", groups, want)
	}
	for _, tt := range []struct {
		name, list string
		want       []string
	}{
		{"a name in two bodies", "    - [un, united nations]\n    - [un, unicef]\n", []string{`7: "un" listed twice (first on line 6)`}},
		{"a name twice in one", "    - [isil, isis, isil]\n", []string{`6: "isil" listed twice`}},
		{"an empty body", "    - []\n", []string{"6: empty list of names"}},
		{"a list in a body", "    - [un, [united nations]]\n", []string{"6: expected a word or phrase"}},
		{"no list", "    kremlin\n", []string{"6: expected a list"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("r.yaml", []byte(head+tt.list))
			checkErrors(t, "r.yaml", err, tt.want)
		})
	}
	// The default rules name the bodies resolution joins.
	if len(Default().Entities.KnownBodies) < 5 {
		t.Errorf("default rules: %d known bodies", len(Default().Entities.KnownBodies))
	}
}
