package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/claimex/claimex"
)

// ent is an expected entity claim: "TYPE text" with, where given, its
// canonical name and role.
type ent struct{ typ, text, canonical, role string }

func TestEntityCases(t *testing.T) {
	tests := []struct {
		text string
		want []ent
		// not are texts that must not be entity mentions.
		not []string
	}{
		{"Deputy Defense Minister Sultan Gamaletdinov said the operation was over.",
			[]ent{{claimex.Person, "Sultan Gamaletdinov", "", "Deputy Defense Minister"}}, nil},
		{"US Secretary of State Antony Blinken spoke to reporters.",
			[]ent{{claimex.GPE, "US", "United States", ""}, {claimex.Person, "Antony Blinken", "", "US Secretary of State"}}, nil},
		{"According to Serik Shalabayev, a representative of the state prosecutor, 225 people died. Mr Shalabayev added more.",
			[]ent{{claimex.Person, "Serik Shalabayev", "", "representative of the state prosecutor"},
				{claimex.Person, "Shalabayev", "Serik Shalabayev", ""}}, nil},
		{"He sidelined his predecessor Nursultan Nazarbayev last week.",
			[]ent{{claimex.Person, "Nursultan Nazarbayev", "", "predecessor"}}, nil},
		{"The country was ruled by 81-year-old Nursultan Nazarbayev for decades.",
			[]ent{{claimex.Person, "Nursultan Nazarbayev", "", ""}}, nil},
		{"The president of Kazakhstan, Kasim-Yomart Tokáyev, wrote on Twitter.",
			[]ent{{claimex.GPE, "Kazakhstan", "", ""}, {claimex.Person, "Kasim-Yomart Tokáyev", "", "president of Kazakhstan"}}, nil},
		{"The health ministry said 103 of the deaths occurred in Almaty.",
			[]ent{{claimex.Org, "health ministry", "", ""}, {claimex.GPE, "Almaty", "", ""}}, nil},
		{"The Interior Ministry and the Attorney General’s Office gave figures.",
			[]ent{{claimex.Org, "Interior Ministry", "", ""}, {claimex.Org, "Attorney General’s Office", "", ""}}, nil},
		{"Tokayev asked the Collective Security Treaty Organization (CSTO) for help.",
			[]ent{{claimex.Org, "Collective Security Treaty Organization", "", ""}, {claimex.Org, "CSTO", "", ""}}, []string{"Tokayev"}},
		{"The state broadcaster Khabar 24 reported the arrests.", []ent{{claimex.Org, "Khabar 24", "", ""}}, nil},
		{"The organization Reporters Without Borders complained.", []ent{{claimex.Org, "Reporters Without Borders", "", ""}}, []string{"Borders"}},
		{"The Kremlin said Vladimir Putin would attend.",
			[]ent{{claimex.Org, "Kremlin", "", ""}, {claimex.Person, "Vladimir Putin", "", ""}}, []string{"Vladimir"}},
		{"Kazakh authorities met Russian officials in Tajikistan.", []ent{{claimex.GPE, "Tajikistan", "", ""}},
			[]string{"Kazakh", "Russian"}},
		{"The capital was renamed Nure-Sultan in his honour.", []ent{{claimex.GPE, "Nure-Sultan", "Nur-Sultan", ""}}, nil},
		{"This site uses Akismet to reduce spam.", nil, []string{"Akismet"}},
		{"Heavy clashes began on Wednesday. Energy prices rose. Many fled.", nil, []string{"Heavy", "Energy", "Many"}},
		{"Tokayev, Russian President Vladimir Putin and the leaders of other countries met.",
			[]ent{{claimex.Person, "Vladimir Putin", "", "Russian President"}}, nil},
		// Two people share a surname: the surname alone stays unresolved.
		{"Jane Smith, a lawyer, met John Smith, the mayor. Smith said nothing.",
			[]ent{{claimex.Person, "Jane Smith", "", "lawyer"}, {claimex.Person, "John Smith", "", "mayor"},
				{claimex.Person, "Smith", "Smith", ""}}, nil},
	}
	x := extractor(t)
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%02d", i), func(t *testing.T) {
			got := map[string]claimex.Claim{}
			var list []string
			for _, c := range x.Extract(docOf(tt.text)) {
				if c.Kind == claimex.KindEntity {
					got[c.Text] = c
					list = append(list, c.EntityType+" "+c.Text+" ("+c.Rule+")")
				}
			}
			for _, w := range tt.want {
				c, ok := got[w.text]
				switch {
				case !ok:
					t.Errorf("%q: no mention %q; got %s", tt.text, w.text, strings.Join(list, ", "))
				case c.EntityType != w.typ:
					t.Errorf("%q: %q is %s, want %s", tt.text, w.text, c.EntityType, w.typ)
				case w.canonical != "" && c.Canonical != w.canonical:
					t.Errorf("%q: %q resolves to %q, want %q", tt.text, w.text, c.Canonical, w.canonical)
				case c.Role != w.role && (w.role != "" || c.Role != ""):
					t.Errorf("%q: %q has role %q, want %q", tt.text, w.text, c.Role, w.role)
				}
			}
			for _, n := range tt.not {
				if _, ok := got[n]; ok {
					t.Errorf("%q: %q should not be a mention; got %s", tt.text, n, strings.Join(list, ", "))
				}
			}
		})
	}
}
