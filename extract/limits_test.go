package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPieces(t *testing.T) {
	tests := []struct {
		name string
		s    string
		max  int
		want []string
	}{
		{"short", "Ten people died.", 100, []string{"Ten people died."}},
		{"at a full stop", "One two three. Four five six seven", 16, []string{"One two three. ", "Four five six ", "seven"}},
		{"at a space", "aaaa bbbb cccc dddd", 10, []string{"aaaa bbbb ", "cccc dddd"}},
		{"no space", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"runes kept whole", "ééééé", 3, []string{"é", "é", "é", "é", "é"}},
		{"empty", "", 4, []string{""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			end := 0
			for _, p := range pieces(tc.s, tc.max) {
				if p[0] != end || p[1]-p[0] > tc.max && tc.s != "" {
					t.Fatalf("pieces(%q, %d) = range %v after %d", tc.s, tc.max, p, end)
				}
				end = p[1]
				got = append(got, tc.s[p[0]:p[1]])
			}
			if end != len(tc.s) {
				t.Errorf("pieces cover %d of %d bytes", end, len(tc.s))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("pieces(%q, %d) = %q, want %q", tc.s, tc.max, got, tc.want)
			}
			for _, g := range got {
				if !utf8.ValidString(g) {
					t.Errorf("piece %q cuts a character", g)
				}
			}
		})
	}
}

// TestRunOnText: a paragraph with no sentence ends, far longer than any
// sentence, is cut into bounded pieces; the claims in it are still found
// and anchored.
func TestRunOnText(t *testing.T) {
	x := extractor(t)
	filler := strings.Repeat("and the crowd moved along the avenue toward the square ", 300)
	text := "Witnesses said " + filler + "while police said 40 people were injured " + filler
	if len(text) < 4*maxSentence {
		t.Fatalf("text of %d bytes is too short to test", len(text))
	}
	doc := docOf(text)
	claims := x.Extract(doc)
	checkAnchors(t, doc, claims)
	found := false
	for _, c := range claims {
		found = found || c.Value != nil && *c.Value == 40
	}
	if !found {
		t.Errorf("40 injured not found in a run-on paragraph: %+v", claims)
	}
}

// TestExtractWithinEnds: extraction stops when its context ends and says
// so; with time to spare it gives what Extract gives.
func TestExtractWithinEnds(t *testing.T) {
	x := extractor(t)
	doc := seedDocs(t)[0]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if claims, _, err := x.ExtractWithin(ctx, doc); !errors.Is(err, context.Canceled) || claims != nil {
		t.Errorf("ExtractWithin(cancelled) = %d claims, %v; want none and context.Canceled", len(claims), err)
	}
	claims, analysis, err := x.ExtractWithin(context.Background(), doc)
	if err != nil || len(analysis) == 0 {
		t.Fatalf("ExtractWithin: %v", err)
	}
	if want := x.Extract(doc); len(claims) != len(want) || len(claims) == 0 {
		t.Errorf("ExtractWithin gave %d claims, Extract %d", len(claims), len(want))
	}
}
