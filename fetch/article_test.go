package fetch

import (
	"strings"
	"testing"

	"github.com/claimex/claimex/rules"
)

// para makes a paragraph of article text long enough to score.
func para(s string) string {
	return "<p>" + s + " The statement, issued on Monday, gave figures, names, places and dates in detail.</p>"
}

func TestArticleExtraction(t *testing.T) {
	tests := []struct {
		name       string
		html       string
		keep, drop []string
	}{
		{"comments never win",
			`<html><body><article class="post">` + para("Officials said 12 people died.") + para("Rescue work went on.") + `</article>
			<div id="comments">` + para("Reader one: I disagree, strongly, with this.") + para("Reader two: me too, really, truly.") +
				para("Reader three: nonsense, all of it, honestly.") + `</div></body></html>`,
			[]string{"Officials said 12 people died."}, []string{"Reader one", "Reader three"}},
		{"a wrapper named like furniture keeps its article",
			`<html><body><div class="sliderBox"><article>` + para("The first paragraph of the story.") + para("The second paragraph.") +
				para("The third paragraph.") + `</article></div></body></html>`,
			[]string{"The first paragraph", "The third paragraph"}, nil},
		{"an article cut into cards",
			`<html><body>` + strings.Repeat(`<div class="card"><div class="card-content">`+para("A paragraph in a card.")+`</div></div><div class="ad">Buy now</div>`, 5) +
				`<ul class="related"><li><a href="/x">Another story entirely</a></li></ul></body></html>`,
			[]string{"A paragraph in a card."}, []string{"Buy now", "Another story"}},
		{"bare text with double line breaks",
			`<html><body><div class="entry">First paragraph of bare text, with a comma, and more words here.<br><br>Second paragraph,<br>wrapped by hand, with more words here.</div></body></html>`,
			[]string{"First paragraph of bare text", "Second paragraph, wrapped by hand"}, nil},
		{"figures, captions and hover cards go; embedded posts stay",
			`<html><body><article>` + para("Body text one.") + `<figure><img src="a.jpg"><figcaption>Caption of the photo (AP Photo/Someone)</figcaption></figure>` +
				`<p>Senator <a class="rollover-people-link">Jane Doe</a><span class="rollover-people-block">Jane Doe profile card</span> spoke, saying many things, at length, today.</p>` +
				`<div class="social-media-embed"><blockquote class="twitter-tweet"><p>Quoted post of a witness, with a comma, and more words.</p></blockquote></div>` +
				para("Body text two.") + `</article></body></html>`,
			[]string{"Body text one.", "Senator Jane Doe spoke", "Quoted post of a witness"}, []string{"Caption of the photo", "profile card"}},
		{"boilerplate lines and closing sections",
			`<html><body><article>` + para("Body text one.") + para("Body text two.") + para("Body text three.") +
				`<p>Reporting by A. Writer; Editing by B. Editor</p><h3>Related articles</h3>` + para("A related story.") + `</article></body></html>`,
			[]string{"Body text three."}, []string{"Reporting by", "Related articles", "A related story"}},
		{"repeated lines and paragraphs stay, as the page reads",
			`<html><body><article><h3>Breakfast</h3>` + para("Eggs and toast for day one.") + `<h3>Breakfast</h3>` + para("Oats for day two.") +
				para("Eggs and toast for day one.") + `</article></body></html>`,
			[]string{"Oats for day two."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkBody(t, tt.html, tt.keep, tt.drop) })
	}
	// The repeated heading stays twice, and so does the repeated
	// paragraph: the text is the page's, repeats and all.
	p, _ := HTML([]byte(tests[len(tests)-1].html), "", rules.Default())
	if strings.Count(p.Body, "Breakfast") != 2 || strings.Count(p.Body, "Eggs and toast") != 2 {
		t.Errorf("repeats:\n%s", p.Body)
	}
}

func TestNameFragments(t *testing.T) {
	tests := []struct {
		list fragments
		name string
		want bool
	}{
		{unlikelyNames, "top-ad", true},
		{unlikelyNames, "head", false}, // <ad> must be a word
		{unlikelyNames, "site-header main-nav", true},
		{unlikelyNames, "navigation", true},
		{unlikelyNames, "canvas", false},
		{unlikelyNames, "related-links", true},
		{likelyNames, "article-body", true},
		{likelyNames, "postscript", true}, // <post starts a word
		{likelyNames, "signpost", false},
		{commentNames, "comment-list", true},
		{commentNames, "correspondent", false},
		{bodyNames, "entry-content clearfix", true},
		{embedNames, "twitter-tweet", true},
	}
	for _, tt := range tests {
		if got := tt.list.match(tt.name); got != tt.want {
			t.Errorf("match(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
