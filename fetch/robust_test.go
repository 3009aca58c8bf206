package fetch

import (
	"fmt"
	"strings"
	"testing"

	"github.com/claimex/claimex/rules"
)

// Paragraphs of a made-up local story, each long enough to read as one.
var story = []string{
	"The river rose by two metres overnight, and by morning the lower streets of the town were under water.",
	"Volunteers filled sandbags at the fire station, working in shifts until the rain eased on Thursday afternoon.",
	"The mayor said the new flood wall had held, although the old bridge would stay closed until engineers had checked it.",
	"Farmers upstream reported losing hay, fences and a few sheep, but no one was hurt, according to the county office.",
	"Shops on the market square expect to reopen next week, once the water board confirms the supply is safe to drink.",
}

// doc wraps a body in a document with a title.
func doc(body string) string {
	return "<html><head><title>Flood in the valley</title></head><body>" + body + "</body></html>"
}

// ps makes paragraphs of texts.
func ps(texts ...string) string {
	var b strings.Builder
	for _, t := range texts {
		b.WriteString("<p>" + t + "</p>")
	}
	return b.String()
}

// teaserBoxes makes n boxes of other stories: a linked headline over an
// excerpt, with no class name that says what they are.
func teaserBoxes(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `<div class="box"><h3><a href="/story/%d">Council plans a new school on the hill, number %d</a></h3>`+
			`<p>The plan, which still needs money from the region, would give the village its first school in forty years.</p>`+
			`<span>3 hours ago</span></div>`, i, i)
	}
	return b.String()
}

// TestFailureClasses: the kinds of page where an extractor tuned on one
// benchmark goes wrong elsewhere — boilerplate after the article, the
// wrong block chosen, one section of many kept, lists and tables lost,
// captions kept, empty output, a cut dateline, text without paragraphs,
// a post of links.
func TestFailureClasses(t *testing.T) {
	tests := []struct {
		name       string
		html       string
		keep, drop []string
	}{
		{"teaser boxes after the article go",
			doc(`<div class="main"><div class="story">` + ps(story[:3]...) + `</div><div class="more">` + teaserBoxes(4) + `</div></div>`),
			story[:3], []string{"first school in forty years", "3 hours ago"}},
		{"teaser boxes among few stories stay: a page that lists stories is its list",
			doc(`<div class="main">` + teaserBoxes(4) + `</div>`),
			[]string{"first school in forty years"}, nil},
		{"a list of notes that open with links is no list of teasers",
			doc(`<article>` + ps(story[0]) + `<ul>` +
				`<li><a href="/bug/1">Bug 1553982</a>, which stops an update while another copy of the program runs, has landed.</li>` +
				`<li>mconley <a href="/bug/2">fixed a hang in the startup cache</a> that some users saw on slow disks.</li>` +
				`<li>Gijs <a href="/bug/3">made the bookmarks toolbar start later</a>, which saves time when the window opens.</li>` +
				`<li>dthayer <a href="/bug/4">polished the skeleton window shown at start</a>, so it flickers less than before.</li>` +
				`</ul>` + ps(story[1]) + `</article>`),
			[]string{"Bug 1553982, which stops", "mconley fixed a hang", "dthayer polished"}, nil},
		{"related posts with excerpts inside the body go",
			doc(`<article><div class="entry-content">` + ps(story...) + `<div class="related-posts">` +
				ps("Last spring the same river flooded the school, which had to close for a month while the floors dried.",
					"A year earlier the council had promised a study of the banks, which is still not finished, residents say.",
					"The town's last big flood, in 1968, is still remembered by older residents, who lost homes and cattle.") +
				`</div></div></article>`),
			story, []string{"Last spring the same river", "The town's last big flood"}},
		{"a read-more wrapper around most of the article stays",
			doc(`<article>` + ps(story[0]) + `<div class="read-more">` + ps(story[1:]...) + `</div></article>`),
			story, nil},
		{"a short article in line breaks beats a list of most-read stories",
			doc(`<div><ol>` + strings.Repeat(`<li><h3><a href="/x">A headline of another story, on another page</a></h3>`+
				`<p>Its summary, with commas, names, places, and more words</p></li>`, 8) + `</ol></div>` +
				`<div><div class="txt">` + strings.Join(story[:3], "<br><br>") + `</div></div>`),
			story[:3], []string{"Its summary"}},
		{"every section of a landing page stays",
			doc(`<main><section><h2>What we do</h2>` + ps(story[0], story[1], story[2]) + `</section>` +
				`<section><h2>Prices</h2>` + ps(story[3]) + `</section>` +
				`<section><h2>Questions</h2><h3>When do you open?</h3>` + ps(story[4]) + `</section></main>`),
			append([]string{"What we do", "Prices", "When do you open?"}, story...), nil},
		{"steps of a how-to, boxes that share a class, stay",
			doc(`<article><div class="step"><div class="step-text first">` + ps(story[0], story[1]) + `</div></div>` +
				`<div class="extra"><div class="step"><div class="step-text">` + ps(story[2]) + `</div></div>` +
				`<div class="step"><div class="step-text">` + ps(story[3]) + `</div></div></div></article>`),
			story[:4], nil},
		{"a layout class shared with an ancestor joins nothing",
			doc(`<div class="row clearfix"><div class="col clearfix">` + ps(story...) + `</div></div>` +
				`<div class="bottom"><div class="clearfix">` +
				ps("Our office, open on weekdays, is at 4 Mill Lane, next to the station, with parking behind it.") + `</div></div>`),
			story, []string{"Mill Lane"}},
		{"lists, tables and subheads inside the article stay",
			doc(`<article>` + ps(story[0]) + `<h2>What was lost</h2><ul><li>Hay from two farms</li><li><a href="/fences">Fences</a> along the river road</li>` +
				`<li>Three sheep</li></ul><h3>Levels by day</h3><table><tr><th>Day</th><th>Level</th></tr>` +
				`<tr><td><a href="/mon">Monday</a></td><td>2.1 metres above normal</td></tr>` +
				`<tr><td><a href="/tue">Tuesday</a></td><td>1.4 metres above normal</td></tr></table>` + ps(story[1]) +
				`<ul class="x"><li><a href="/a">Home</a></li><li><a href="/b">Weather</a></li><li><a href="/c">Sport</a></li></ul></article>`),
			[]string{"What was lost", "Fences along the river road", "Three sheep", "Levels by day", "Monday", "2.1 metres", story[1]},
			[]string{"Weather"}},
		{"a column headed Comment does not end the article",
			doc(`<article>` + ps(story[:4]...) + `<table><tr><th>Gauge</th><th>Comment</th></tr>` +
				`<tr><td>North</td><td>Rising slowly</td></tr></table>` + ps(story[4]) + `</article>`),
			[]string{"Rising slowly", story[4]}, nil},
		{"captions and credits go, whatever holds them",
			doc(`<article>` + ps(story[0]) + `<div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">The square at noon on Thursday</p></div>` +
				`<p class="photo-credit">A. Photographer for the Valley News</p>` + ps(story[1], story[2]) + `</article>`),
			story[:3], []string{"The square at noon", "A. Photographer"}},
		{"the dateline opens the first paragraph",
			doc(`<article><p><span class="dateline">LISBON —</span> ` + story[0] + `</p>` + ps(story[1], story[2]) + `</article>`),
			[]string{"LISBON — The river rose"}, nil},
		{"a post that is a list of links keeps its links",
			doc(`<article><div class="entry-content">` + ps("Here is what we read this week.") + `<ul>` +
				`<li><a href="/1">How rivers shape the towns built along their banks</a></li>` +
				`<li><a href="/2">The long history of sandbags and those who fill them</a></li>` +
				`<li><a href="/3">Why old bridges outlast the new ones, an engineer explains</a></li>` +
				`<li><a href="/4">A map of every flood in the valley since records began</a></li></ul></div></article>`),
			[]string{"Here is what we read", "How rivers shape", "A map of every flood"}, nil},
		{"an id made of a heading's words is not a name",
			doc(`<div class="doc"><div class="section" id="how-shared-gauges-warn-the-town-early">` + ps(story[0], story[1]) + `</div>` +
				`<div class="section" id="notes">` + ps(story[2]) + `</div></div>`),
			story[:3], nil},
		{"a heading left last, its links gone, goes",
			doc(`<article>` + ps(story...) + `<h3>Keep reading</h3><ul><li><a href="/a">One story</a></li><li><a href="/b">Another story</a></li></ul></article>`),
			story, []string{"Keep reading"}},
		{"notices to enable scripts and advertisement labels go, in any language",
			doc(`<article>` + ps(story[0], "Please enable JavaScript to watch this video.", "Anzeige", story[1],
				"This slideshow requires JavaScript.", "Реклама", "広告", story[2],
				"The flood map is written in JavaScript, so it runs in any browser, the council said.") + `</article>`),
			[]string{story[2], "written in JavaScript"}, []string{"enable JavaScript", "Anzeige", "slideshow", "Реклама", "広告"}},
		{"text hidden behind a consent dialog is found",
			doc(`<div id="wrap" aria-hidden="true"><article>` + ps(story...) + `</article></div>` +
				`<div class="consent">We use cookies, and so do our partners, to measure and improve this site.</div>`),
			story, nil},
		{"a page hidden until a script shows it is read",
			`<html><head><title>Flood</title></head><body style="display:none"><div>` + ps(story...) + `</div></body></html>`,
			story, nil},
		{"a page with nothing but a caption gives that",
			doc(`<div class="content"><div class="caption">` + story[0] + `</div></div>`),
			[]string{story[0]}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkBody(t, tt.html, tt.keep, tt.drop) })
	}
}

// checkBody cleans a page with the default rules and checks that its body
// holds every keep and no drop.
func checkBody(t *testing.T, page string, keep, drop []string) {
	t.Helper()
	p, err := HTML([]byte(page), "", rules.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keep {
		if !strings.Contains(p.Body, k) {
			t.Errorf("lost %q:\n%s", k, p.Body)
		}
	}
	for _, d := range drop {
		if strings.Contains(p.Body, d) {
			t.Errorf("kept %q:\n%s", d, p.Body)
		}
	}
}
