package extract

import (
	"strings"
	"testing"

	"github.com/claimex/claimex"
)

func TestHarmonizeTypes(t *testing.T) {
	type mention struct{ text, typ, want string }
	tests := []struct {
		name     string
		text     string
		mentions []mention
	}{
		{"honorific surname makes the full name a person",
			"According to Serik Shalabayev, the toll rose. Mr Shalabayev said so.",
			[]mention{{"Serik Shalabayev", "GPE", "PERSON"}, {"Shalabayev", "PERSON", "PERSON"}}},
		{"full name makes the surname a person, across diacritics",
			"Kasim-Yomart Tokáyev wrote on Twitter. According to Tokayev, it was a coup.",
			[]mention{{"Kasim-Yomart Tokáyev", "PERSON", "PERSON"}, {"Tokayev", "GPE", "PERSON"}}},
		{"a lone person label is no evidence",
			"Kazakh police arrived. The Kazakh authorities said so.",
			[]mention{{"Kazakh", "PERSON", "PERSON"}, {"Kazakh", "GPE", "GPE"}}},
		{"different surnames stay apart",
			"Vladimir Putin spoke. Russia sent troops.",
			[]mention{{"Vladimir Putin", "PERSON", "PERSON"}, {"Russia", "GPE", "GPE"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var claims []claimex.Claim
			from := 0
			for _, m := range tt.mentions {
				i := strings.Index(tt.text[from:], m.text) + from
				from = i + len(m.text)
				claims = append(claims, claimex.Claim{Kind: claimex.KindEntity, EntityType: m.typ, Text: m.text, Start: i, End: from})
			}
			harmonizeTypes(tt.text, claims)
			for i, m := range tt.mentions {
				if claims[i].EntityType != m.want {
					t.Errorf("%q: type %s, want %s", m.text, claims[i].EntityType, m.want)
				}
			}
		})
	}
}
