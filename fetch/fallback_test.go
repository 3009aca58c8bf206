package fetch

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestPick: the fallback's text is kept over the main one's only when
// the main one is empty, or when the two disagree and the fallback holds
// far more prose.
func TestPick(t *testing.T) {
	menu := []string{"Home", "News", "Sport", "Weather", "Contact us"}
	tests := []struct {
		name     string
		main, fb []string
		want     bool
	}{
		{"main empty", nil, story[:1], true},
		{"both empty", nil, nil, false},
		{"a menu chosen over an article", menu, story, true},
		{"a box of one sentence chosen over an article", []string{story[4]}, story[:4], true},
		{"the fallback holds the main text and more: a superset is no disagreement", story[:2], story, false},
		{"the main text holds the fallback's", story, story[:2], false},
		{"they disagree, but the fallback's prose is not much more", story[:2], story[2:4], false},
		{"they disagree, and the fallback is short lines", story[:1], menu, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pick(tt.main, tt.fb); got != tt.want {
				t.Errorf("pick = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestFallbackBlocks: the fallback keeps runs of paragraphs, a short line
// between two of them and a heading before one; it drops a lone middling
// sentence, link lists and short lines elsewhere.
func TestFallbackBlocks(t *testing.T) {
	page := doc(`<div><a href="/">Home</a> <a href="/news">News</a></div>` +
		`<div><p>A lone sentence of middling length, with nothing like it nearby at all.</p></div>` +
		`<div><ul><li><a href="/1">Another story</a></li><li><a href="/2">And another one</a></li></ul></div>` +
		`<div class="text"><h2>The flood</h2>` + ps(story[0], story[1]) + `<p>Short, between.</p>` + ps(story[2]) + `</div>` +
		`<div><span>Page 2</span></div>`)
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	b := &budget{ctx: context.Background()}
	prune(root, false, b)
	got := strings.Join(textsOf(fallbackBlocks(root, measureAll(root, b), "Flood in the valley", b)), "\n")
	for _, k := range []string{"The flood", story[0], story[1], "Short, between.", story[2]} {
		if !strings.Contains(got, k) {
			t.Errorf("lost %q:\n%s", k, got)
		}
	}
	for _, d := range []string{"Home", "A lone sentence", "Another story", "Page 2"} {
		if strings.Contains(got, d) {
			t.Errorf("kept %q:\n%s", d, got)
		}
	}
}

// TestSentences: what reads as sentences, in several scripts.
func TestSentences(t *testing.T) {
	for text, want := range map[string]bool{
		"The river rose.":                  true,
		"Did the wall hold?":               true,
		"«Le mur a tenu», a dit le maire.": true,
		"水位は二メートル上がった。":                    true,
		"فاض النهر، وغمرت المياه الشوارع":  true,
		"Home":                false,
		"Read the full story": false,
		"3 hours ago":         false,
	} {
		if got := sentences(text); got != want {
			t.Errorf("sentences(%q) = %v, want %v", text, got, want)
		}
	}
}
