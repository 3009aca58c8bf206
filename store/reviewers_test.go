package store

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzCleanReviewerName: a name from a browser or a command line is
// either refused or comes out as printable UTF-8 of at most
// MaxReviewerName characters, with single spaces between its words, and
// cleaning it again changes nothing.
func FuzzCleanReviewerName(f *testing.F) {
	for _, s := range []string{"ana", "  Ana \t Lima ", "Zoë <b>Ærø</b>", "ana\x1b[31m", "ana\u202egro", "\xff\xfe", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		name, err := CleanReviewerName(in)
		if err != nil {
			if name != "" {
				t.Fatalf("refused %q but returned %q", in, name)
			}
			return
		}
		if name == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxReviewerName {
			t.Fatalf("CleanReviewerName(%q) = %q", in, name)
		}
		if strings.Join(strings.Fields(name), " ") != name {
			t.Fatalf("CleanReviewerName(%q) = %q: spaces not made single", in, name)
		}
		for _, r := range name {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("CleanReviewerName(%q) = %q holds %U", in, name, r)
			}
		}
		if again, err := CleanReviewerName(name); err != nil || again != name {
			t.Fatalf("cleaning %q again gives %q, %v", name, again, err)
		}
	})
}
