package extract

import (
	"testing"

	"github.com/claimex/claimex"
)

// TestMergeBodies: the names of one body join by the rules' known bodies,
// by the owner before a name ("X's Y") and by the first part of a
// hyphenated acronym, each telling its rule; look-alikes stay apart.
func TestMergeBodies(t *testing.T) {
	org := func(names ...string) []claimex.NameUse { return uses(claimex.Org, names...) }
	tests := []struct {
		name     string
		uses     []claimex.NameUse
		together []together
		apart    [][2]string
	}{
		{"a known body's acronym", org("United Nations", "UN", "UNICEF", "UN Commission of Inquiry"),
			[]together{{"UN", "United Nations", claimex.WhyAcronym}},
			[][2]string{{"UN", "UNICEF"}, {"United Nations", "UN Commission of Inquiry"}}},
		{"a known body's acronym with points", org("United Nations", "U.N."),
			[]together{{"U.N.", "United Nations", claimex.WhyAcronym}}, nil},
		{"a known body's name no rule of the corpus joins", org("European Union", "E.U.", "EU", "Union européenne"),
			[]together{{"EU", "European Union", claimex.WhyAcronym}}, [][2]string{{"Union européenne", "EU"}}},
		{"a known body whose acronym is of its name in another language", org("Islamic State of Iraq and the Levant", "Daesh"),
			[]together{{"Daesh", "Islamic State of Iraq and the Levant", claimex.WhyKnown}}, nil},
		{"a known body's other names", org("Islamic State", "ISIL", "Daesh", "Islamic Association", "Islamic Jihad"),
			[]together{{"Islamic State", "ISIL", claimex.WhyKnown}, {"Daesh", "ISIL", claimex.WhyKnown}},
			[][2]string{{"Islamic State", "Islamic Association"}, {"ISIL", "Islamic Jihad"}}},
		{"a body sharing a word is not the known one", org("Islamic Movement", "Islamic State", "ISIS", "State Council"),
			[]together{{"ISIS", "Islamic State", claimex.WhyKnown}},
			[][2]string{{"Islamic Movement", "ISIS"}, {"State Council", "Islamic State"}}},
		{"two known bodies stay two", org("European Union", "EU", "NATO", "North Atlantic Treaty Organisation", "IMF"),
			[]together{{"EU", "European Union", claimex.WhyAcronym},
				{"NATO", "North Atlantic Treaty Organisation", claimex.WhyAcronym}},
			[][2]string{{"EU", "NATO"}, {"European Union", "IMF"}, {"NATO", "IMF"}}},
		{"a known body's name in another spelling", org("al-Qaeda", "al-Qaida", "al-Shabaab", "al-Shabab"),
			[]together{{"al-Qaida", "al-Qaeda", claimex.WhyKnown}, {"al-Shabab", "al-Shabaab", claimex.WhyKnown}},
			[][2]string{{"al-Qaeda", "al-Shabaab"}}},
		{"an owner before the name", org("Department of Treasury's Office of Foreign Assets Control", "Office of Foreign Assets Control"),
			[]together{{"Department of Treasury's Office of Foreign Assets Control", "Office of Foreign Assets Control", claimex.WhyOwner}}, nil},
		{"an owner with a curly apostrophe", org("Ministry of Health’s Disease Control Bureau", "Disease Control Bureau"),
			[]together{{"Ministry of Health’s Disease Control Bureau", "Disease Control Bureau", claimex.WhyOwner}}, nil},
		{"two owners of one name leave it alone", org("Acme Holdings's Research Division", "Globex's Research Division", "Research Division"),
			nil, [][2]string{{"Research Division", "Globex's Research Division"}, {"Research Division", "Acme Holdings's Research Division"},
				{"Globex's Research Division", "Acme Holdings's Research Division"}}},
		{"an owner of one word is no body's name", org("the Treasury's Office", "Office"),
			nil, [][2]string{{"the Treasury's Office", "Office"}}},
		{"a hyphenated acronym's first part", org("CJTF-OIR", "CJTF", "Combined Joint Task Force"),
			[]together{{"CJTF", "CJTF-OIR", claimex.WhyAcronymPart}, {"Combined Joint Task Force", "CJTF", claimex.WhyAcronym}}, nil},
		{"a first part two acronyms open stays alone", org("CJTF-OIR", "CJTF-HOA", "CJTF"),
			nil, [][2]string{{"CJTF", "CJTF-OIR"}, {"CJTF", "CJTF-HOA"}, {"CJTF-OIR", "CJTF-HOA"}}},
		{"a hyphenated acronym's last part joins nothing", org("CJTF-OIR", "OIR"),
			nil, [][2]string{{"OIR", "CJTF-OIR"}}},
		{"a word with a hyphen is no acronym", org("Al-Nusra", "AL"),
			nil, [][2]string{{"AL", "Al-Nusra"}}},
		{"the parent's acronym, once read as an organisation", org("UN", "United Nations", "UN Security Council",
			"United Nations Security Council", "UNSC", "Security Council"),
			[]together{{"Security Council", "United Nations Security Council", claimex.WhyQualifier},
				{"UNSC", "United Nations Security Council", claimex.WhyAcronym}},
			[][2]string{{"UN", "UNSC"}, {"United Nations", "Security Council"}}},
		{"a council two parents hold stays alone", org("UN", "United Nations", "UN Security Council", "Russian Security Council", "Security Council"),
			nil, [][2]string{{"Security Council", "UN Security Council"}, {"Security Council", "Russian Security Council"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkMerges(t, Resolve(tt.uses, nil, nil), tt.together, tt.apart)
		})
	}
}

// TestWhyTextBodies: the new rules say in words why a name joined.
func TestWhyTextBodies(t *testing.T) {
	for _, why := range []string{claimex.WhyKnown, claimex.WhyOwner, claimex.WhyAcronymPart} {
		text := claimex.WhyText(why, "X")
		if text == "" || text == why+` ("X")` {
			t.Errorf("%s: no words (%q)", why, text)
		}
	}
}

// bodyRecognitionCases: known bodies and short acronyms are read as
// organisations in capitals only, and two capitals are no town.
var bodyRecognitionCases = []recognitionCase{
	{"two capitals are an organisation, not a town", "The UN said on Monday that aid had reached the city.",
		[]string{"ORG UN"}, []string{"GPE UN"}},
	{"an acronym in brackets after its body", "The United Nations (UN) opened an inquiry.",
		[]string{"ORG United Nations", "ORG UN"}, []string{"GPE UN"}},
	{"a short acronym of the list counts in capitals only", "Un dia, the song, topped the charts in Spain.",
		[]string{"GPE Spain"}, []string{"ORG Un"}},
	{"the EU in capitals", "Ministers of the EU met in Brussels.",
		[]string{"ORG EU", "GPE Brussels"}, []string{"GPE EU"}},
	{"a known body by another name", "Fighters of the Islamic State withdrew from the town, and Daesh lost ground.",
		[]string{"ORG Islamic State", "ORG Daesh"}, nil},
	{"a town of more letters in capitals stays a town", "Troops entered MOSUL at dawn.",
		nil, []string{"ORG MOSUL"}},
	{"a two-letter country in capitals stays a country", "Officials in the US denied it.",
		[]string{"GPE US"}, []string{"ORG US"}},
	{"a people's adjective is no person", "The Kazakh leadership stated that it was in control.",
		nil, []string{"* Kazakh"}},
	{"nor is a faith", "Sunni leaders met Shia clerics in Basra on Monday.",
		[]string{"GPE Basra"}, []string{"* Sunni", "* Shia"}},
}

func TestBodyRecognition(t *testing.T) {
	x := extractor(t)
	for _, tc := range bodyRecognitionCases {
		t.Run(tc.name, func(t *testing.T) {
			got := entityTexts(x.Extract(docOf(tc.text)))
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("%q: no %s; have %v", tc.text, w, got)
				}
			}
			for _, n := range tc.not {
				if got[n] {
					t.Errorf("%q: %s, want none", tc.text, n)
				}
			}
		})
	}
}
