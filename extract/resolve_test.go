package extract

import (
	"testing"

	"github.com/claimex/claimex"
)

func uses(typ string, names ...string) []claimex.NameUse {
	var out []claimex.NameUse
	for _, n := range names {
		out = append(out, claimex.NameUse{Name: n, Type: typ, Mentions: 1})
	}
	return out
}

// entitiesOf maps each name to its canonical name.
func entitiesOf(names []claimex.EntityName) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		out[n.Name] = n.Canonical
	}
	return out
}

func TestResolve(t *testing.T) {
	in := append(uses(claimex.Person,
		"Kassym-Jomart Tokayev", "Kasim-Yomart Tokáyev", "Kassym-Shomart Tokayev", "Tokayev",
		"Serik Shalabayev", "Serik Shalabaev", "Shalabaev",
		"Jane Smith", "John Smith", "Smith",
		"Karim Masimov", "Karim Massimov", "Masimov",
		"Ivan Petrov", "Anna Petrova"),
		uses(claimex.Org, "CSTO", "Collective Security Treaty Organization", "Organization of the Collective Security Treaty",
			"Interior Ministry", "Ministry of the Interior", "Foreign Ministry")...)
	in = append(in, uses(claimex.GPE, "Nure-Sultan", "Nur-Sultan", "USA", "United States", "Austria", "Australia")...)
	// The most used spelling names the person.
	in = append(in, claimex.NameUse{Name: "Kassym-Jomart Tokayev", Type: claimex.Person, Mentions: 3})
	// "Tokayev" is sometimes taken for a place; most documents say a person.
	in = append(in, claimex.NameUse{Name: "Tokayev", Type: claimex.GPE, Mentions: 1},
		claimex.NameUse{Name: "Tokayev", Type: claimex.Person, Mentions: 5})
	got := entitiesOf(Resolve(in, nil, nil))

	same := [][]string{
		{"Kassym-Jomart Tokayev", "Kasim-Yomart Tokáyev", "Kassym-Shomart Tokayev", "Tokayev"},
		{"Serik Shalabayev", "Serik Shalabaev", "Shalabaev"},
		{"Karim Masimov", "Karim Massimov", "Masimov"},
		{"CSTO", "Collective Security Treaty Organization", "Organization of the Collective Security Treaty"},
		{"Interior Ministry", "Ministry of the Interior"},
		{"Nure-Sultan", "Nur-Sultan"},
		{"USA", "United States"},
	}
	for _, group := range same {
		for _, n := range group[1:] {
			if got[n] != got[group[0]] {
				t.Errorf("%q resolves to %q, %q to %q; want one entity", n, got[n], group[0], got[group[0]])
			}
		}
	}
	apart := [][2]string{
		{"Jane Smith", "John Smith"}, {"Smith", "Jane Smith"}, {"Smith", "John Smith"}, {"Ivan Petrov", "Anna Petrova"},
		{"Interior Ministry", "Foreign Ministry"}, {"Austria", "Australia"}, {"CSTO", "Interior Ministry"},
	}
	for _, p := range apart {
		if got[p[0]] == got[p[1]] {
			t.Errorf("%q and %q both resolve to %q; want two entities", p[0], p[1], got[p[0]])
		}
	}
	for name, want := range map[string]string{
		"Tokayev": "Kassym-Jomart Tokayev", "Collective Security Treaty Organization": "CSTO",
		"USA": "United States", "Nure-Sultan": "Nur-Sultan",
	} {
		if got[name] != want {
			t.Errorf("%q resolves to %q, want %q", name, got[name], want)
		}
	}
	for _, n := range Resolve(in, nil, nil) {
		if n.Name == "Tokayev" && n.Type != claimex.Person {
			t.Errorf("Tokayev typed %s, want PERSON", n.Type)
		}
	}
}

func TestResolveAcronymWithTwoExpansions(t *testing.T) {
	in := []claimex.NameUse{
		{Name: "WHO", Type: claimex.Org, Mentions: 4},
		{Name: "World Health Organization", Type: claimex.Org, Mentions: 3},
		{Name: "World Hunger Organization", Type: claimex.Org, Mentions: 1},
	}
	got := entitiesOf(Resolve(in, nil, nil))
	if got["WHO"] != got["World Health Organization"] || got["WHO"] == got["World Hunger Organization"] {
		t.Errorf("WHO → %q, World Health Organization → %q, World Hunger Organization → %q",
			got["WHO"], got["World Health Organization"], got["World Hunger Organization"])
	}
}

func TestResolveCorrections(t *testing.T) {
	in := uses(claimex.Person, "Karim Masimov", "Karim Massimov", "Masimov", "Erzhan Kazykhan", "Sultan Gamaletdinov")
	merge := func(a, b string) claimex.EntityCorrection {
		return claimex.EntityCorrection{Kind: claimex.Merge, A: a, B: b}
	}
	split := func(a string) claimex.EntityCorrection { return claimex.EntityCorrection{Kind: claimex.Split, A: a} }
	tests := []struct {
		name        string
		corrections []claimex.EntityCorrection
		together    [][2]string
		apart       [][2]string
		canonical   map[string]string
	}{
		{"none", nil, [][2]string{{"Karim Masimov", "Karim Massimov"}}, [][2]string{{"Erzhan Kazykhan", "Karim Masimov"}}, nil},
		{"split takes a name out", []claimex.EntityCorrection{split("Karim Massimov")},
			[][2]string{{"Karim Masimov", "Masimov"}}, [][2]string{{"Karim Massimov", "Karim Masimov"}, {"Karim Massimov", "Masimov"}},
			map[string]string{"Karim Massimov": "Karim Massimov"}},
		{"merge joins what the matcher keeps apart", []claimex.EntityCorrection{merge("Erzhan Kazykhan", "Sultan Gamaletdinov")},
			[][2]string{{"Erzhan Kazykhan", "Sultan Gamaletdinov"}}, nil,
			map[string]string{"Sultan Gamaletdinov": "Erzhan Kazykhan"}},
		{"a later merge undoes a split", []claimex.EntityCorrection{split("Karim Massimov"), merge("Karim Masimov", "Karim Massimov")},
			[][2]string{{"Karim Masimov", "Karim Massimov"}}, nil, map[string]string{"Karim Massimov": "Karim Masimov"}},
		{"a later split undoes a merge", []claimex.EntityCorrection{merge("Erzhan Kazykhan", "Sultan Gamaletdinov"), split("Sultan Gamaletdinov")},
			nil, [][2]string{{"Erzhan Kazykhan", "Sultan Gamaletdinov"}}, nil},
		{"unknown names are ignored", []claimex.EntityCorrection{merge("Nobody", "Karim Masimov"), split("No One")},
			[][2]string{{"Karim Masimov", "Karim Massimov"}}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entitiesOf(Resolve(in, nil, tt.corrections))
			for _, p := range tt.together {
				if got[p[0]] != got[p[1]] {
					t.Errorf("%q → %q, %q → %q; want one entity", p[0], got[p[0]], p[1], got[p[1]])
				}
			}
			for _, p := range tt.apart {
				if got[p[0]] == got[p[1]] {
					t.Errorf("%q and %q both → %q; want two", p[0], p[1], got[p[0]])
				}
			}
			for n, want := range tt.canonical {
				if got[n] != want {
					t.Errorf("%q → %q, want %q", n, got[n], want)
				}
			}
		})
	}
}
