package extract

import (
	"strings"
	"testing"

	"github.com/claimex/claimex/rules"
)

func TestGazetteer(t *testing.T) {
	g, err := loadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	at := []struct {
		text, canonical string
		words           int
	}{
		{"Kazakhstan riots", "Kazakhstan", 1},
		{"United States officials", "United States", 2},
		{"U.S. officials", "United States", 1},
		{"USA", "United States", 1},
		{"Republic of Kazakhstan", "Kazakhstan", 3},
		{"Alma-Ata", "Almaty", 1},
		{"Taldykorgan", "Taldykorgan", 1},
		{"Kazakh authorities", "", 0},
		{"Western states", "", 0}, // a region named "Western" is left out as a common word
		{"Turkey", "Türkiye", 1},  // from "Republic of Turkey"
		{"Fallujah", "Al Fallūjah", 1},
		{"Al-Fallujah", "Al Fallūjah", 1},
		{"Al Anbar", "Anbar", 2},
		{"German officials", "Germany", 1}, // a demonym, not the town in the Isle of Man
	}
	for _, tt := range at {
		p, n := g.at(strings.Fields(rules.Fold(tt.text)), 0)
		if n != tt.words || p.canonical != tt.canonical {
			t.Errorf("at(%q) = %q over %d words, want %q over %d", tt.text, p.canonical, n, tt.canonical, tt.words)
		}
	}
	if p, _ := g.at([]string{"germans"}, 0); p.kind != "demonym" {
		t.Errorf(`at("Germans") is a %s, want a demonym`, p.kind)
	}
	near := map[string]string{
		"german":      "",           // a demonym is no place
		"nure-sultan": "Nur-Sultan", // one letter more
		"kazakhztan":  "Kazakhstan", // one letter other
		"kazakhstann": "",           // a letter added at an end: both ends must agree
		"american":    "",           // not the Brazilian town Americana
		"kyivv":       "",           // short names must match exactly
		"kyiv":        "Kyiv",
	}
	for name, want := range near {
		p, ok := g.near(name)
		if ok != (want != "") || p.canonical != want {
			t.Errorf("near(%q) = %q, %v; want %q", name, p.canonical, ok, want)
		}
	}
	for _, tt := range []struct {
		a, b string
		want bool
	}{{"abc", "abd", true}, {"abc", "abcd", true}, {"abcd", "abc", true}, {"abc", "abc", false}, {"abc", "cba", false}, {"a", "abc", false}} {
		if got := oneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}
