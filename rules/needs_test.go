package rules

import (
	"regexp"
	"strings"
	"testing"
)

// anyPattern is Match's pattern step without the needs: every pattern
// run on the trimmed line.
func anyPattern(b Boilerplate, line string) bool {
	line = strings.TrimSpace(line)
	if len(line) > MaxPatternLine {
		return false
	}
	for _, re := range b.Patterns {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}

// TestNeeds: a pattern's needs pass over only lines it does not match,
// whatever their case, and characters beyond ASCII that match a letter
// without regard to case ("ſ" for "s", the Kelvin sign for "k") count.
func TestNeeds(t *testing.T) {
	b := Default().Boilerplate
	tests := []struct {
		line string
		want bool
	}{
		{"AP writers Jane Roe and John Doe contributed to this report.", true},
		{"AP WRITERS JANE ROE CONTRIBUTED TO THIS REPORT", true},
		{"Jane Roe contributed to this ſtory.", true},
		{"We may earn a commiſſion.", true},
		{"We may earn a commission from links on this page.", true},
		{"Readers of \u212aids' books may earn a small commission", true},
		{"The mayor spoke at the scene (AP Photo/Jane Roe)", true},
		{"The mayor spoke at the scene (Photo by Jane Roe)", true},
		{"The mayor spoke at the scene (Photos: Jane Roe)", true},
		{"Neighbours contributed to the fund for the victims' families.", false},
		{"The photo agency said the image was taken in May.", false},
		{"Three people were killed and 12 injured, police said.", false},
	}
	for _, tt := range tests {
		if got := anyPattern(b, tt.line); got != tt.want {
			t.Fatalf("patterns on %q: %v, want %v", tt.line, got, tt.want)
		}
		if got := b.Match(tt.line); got != tt.want {
			t.Errorf("Match(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestRequired: the literals found in a pattern.
func TestRequired(t *testing.T) {
	tests := []struct {
		pattern string
		want    string // literals joined by "|", "" for none
	}{
		{`^(?:(?i).{0,300}\bcontributed (to )?(this|the) report)$`, "contributed "},
		{`^(?:(?i).{0,300}\((photo|image)s?( by|:)[^)]{0,100}\))$`, "photo|image"},
		{`^(?:Home » .*)$`, "Home » "},
		{`^(?:(?i)Señor .*)$`, ""},
		{`^(?:\d+\s*=)$`, "="},
		{`^(?:(?i)(a|b*))$`, ""},
		{`^(?:x{0,3}y+)$`, "y"},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range needsOf(regexp.MustCompile(tt.pattern)) {
			got = append(got, l.text)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("needs of %s: %q, want %q", tt.pattern, g, tt.want)
		}
	}
}

// FuzzNeeds: Match agrees with every pattern run on the line.
func FuzzNeeds(f *testing.F) {
	for _, s := range []string{"Jane Roe contributed to this ſtory.", "(AP Photo/Jane Roe)", "Home > News", "8 + 1 ="} {
		f.Add(s)
	}
	b := Default().Boilerplate
	f.Fuzz(func(t *testing.T, line string) {
		want := b.lineSet[Fold(line)] || anyPattern(b, line)
		if got := b.Match(line); got != want {
			t.Errorf("Match(%q) = %v, want %v", line, got, want)
		}
	})
}
