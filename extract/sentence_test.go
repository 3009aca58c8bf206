package extract

import (
	"strings"
	"testing"
)

func TestFirstApostrophe(t *testing.T) {
	for _, s := range []string{"", "d'Estaing", "d’Estaing", "O’Neill's", "it's’", "’'", "Boris", "l'’", "é'", "x’y'z"} {
		if got, want := firstApostrophe(s), strings.IndexAny(s, "'’"); got != want {
			t.Errorf("firstApostrophe(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzFirstApostrophe(f *testing.F) {
	f.Add("d’Estaing")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := firstApostrophe(s), strings.IndexAny(s, "'’"); got != want {
			t.Errorf("firstApostrophe(%q) = %d, want %d", s, got, want)
		}
	})
}
