package fetch

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/claimex/claimex/rules"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page is what the cleaner finds in an HTML page: its metadata and the
// text of its article, without the headline.
type Page struct {
	Title, Published, Byline, Site, URL, Lang string
	// Body is the article's text, one paragraph a line, blank lines
	// between.
	Body string
}

// HTML decodes and parses an HTML page and extracts its article, leaving
// out the paragraphs that the rules' boilerplate lines and patterns match
// (nil rules: none).
func HTML(b []byte, contentType string, r *rules.Rules) (Page, error) {
	return htmlPage(context.Background(), b, contentType, r)
}

func htmlPage(ctx context.Context, b []byte, contentType string, r *rules.Rules) (Page, error) {
	s, err := Decode(b, contentType)
	if err != nil {
		return Page{}, err
	}
	// The parser refuses pages nested deeper than 512 elements, which
	// bounds the cost of the article search that follows.
	root, err := html.Parse(&budgetReader{ctx: ctx, r: strings.NewReader(s)})
	if err != nil {
		return Page{}, fmt.Errorf("parse HTML: %w", err)
	}
	var p Page
	readMeta(root, &p)
	prune(root)
	if err := ctx.Err(); err != nil {
		return Page{}, err
	}
	p.Body = joinBlocks(articleBlocks(root, p.Title, r))
	return p, ctx.Err()
}

// pruneFurniture removes, inside the article's container, the elements
// whose class or id marks them as page furniture. An element holding
// three paragraphs or more of real text is kept unless it is mostly
// links: class names also mark wrappers ("sliderBox" around a whole
// article).
func pruneFurniture(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			if furniture(c) && (paragraphs(c) < 3 || linkDensity(c) > 0.3) {
				n.RemoveChild(c)
			} else {
				pruneFurniture(c)
			}
		}
		c = next
	}
}

// paragraphs counts the paragraphs of 80 letters or more under n.
func paragraphs(n *html.Node) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if n.DataAtom == atom.P || blockTags[n.DataAtom] && n.DataAtom != atom.Li {
			if measure(n).text >= 80 {
				count++
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return count
}

func linkDensity(n *html.Node) float64 {
	st := measure(n)
	if st.text == 0 {
		return 0
	}
	return float64(st.link) / float64(st.text)
}

// never are elements that never hold article text.
var never = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Button: true, atom.Input: true,
	atom.Select: true, atom.Textarea: true, atom.Nav: true, atom.Aside: true, atom.Footer: true,
	atom.Header: true, atom.Link: true, atom.Meta: true, atom.Head: true, atom.Audio: true, atom.Video: true,
	atom.Picture: true, atom.Img: true, atom.Map: true, atom.Dialog: true, atom.Menu: true,
	// Figures and their captions: no article's text (none of the 106
	// captions of the benchmark's pages is).
	atom.Figure: true, atom.Figcaption: true, atom.Caption: true,
}

// prune removes, in place, what never holds article text: the elements
// of never and hidden elements.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode:
			n.RemoveChild(c)
		case html.ElementNode:
			if never[c.DataAtom] || hidden(c) || isComments(c) {
				n.RemoveChild(c)
			} else {
				prune(c)
			}
		}
		c = next
	}
}

// isComments reports whether an element holds readers' comments.
func isComments(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Article, atom.Main:
		return false
	}
	nm := namesOf(n)
	return nm.comments && !nm.body
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			v := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// furniture reports whether an element's class or id marks it as page
// furniture: unlikely and not likely, and not a structural element.
func furniture(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Article, atom.Main, atom.P, atom.Li, atom.Td, atom.Tr, atom.Table, atom.Tbody:
		return false
	}
	nm := namesOf(n)
	// Embedded posts quoted by the article are its text ("social-media-
	// embed", "twitter-tweet").
	return !nm.empty && !nm.embed && nm.unlikely && !nm.likely
}

// blockTags are the elements whose text forms one paragraph.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Blockquote: true, atom.Pre: true, atom.Dd: true, atom.Dt: true, atom.Td: true, atom.Th: true,
	atom.Address: true,
}

// containerTags hold blocks rather than text.
var containerTags = map[atom.Atom]bool{
	atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.Body: true, atom.Ul: true,
	atom.Ol: true, atom.Dl: true, atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tr: true,
	atom.Figure: true, atom.Center: true, atom.Html: true,
}

// stats are the text measures of a subtree.
type stats struct {
	text, link int // letters of text, of which in links
	commas     int
}

// articleBlocks finds the article's container and returns its paragraphs.
func articleBlocks(root *html.Node, title string, r *rules.Rules) []string {
	top, scores := bestContainer(root)
	if top == nil {
		return nil
	}
	parts := articleParts(root, top, scores)
	var blocks []string
	seen := map[string]bool{}
	titleKey := foldSpace(title)
	emit := func(n *html.Node, text string) {
		if seen[text] {
			return
		}
		st := measure(n)
		// Link lists: mostly links and short.
		if st.text > 0 && float64(st.link)/float64(st.text) > 0.5 && utf8.RuneCountInString(text) < 200 {
			return
		}
		if titleKey != "" && foldSpace(text) == titleKey {
			return
		}
		// Only long blocks are taken for duplicates (a summary repeated in
		// full); short lines repeat in real text ("Pre-Workout Meal" in
		// every day of a meal plan).
		if utf8.RuneCountInString(text) >= 100 {
			seen[text] = true
		}
		blocks = append(blocks, text)
	}
	for _, part := range parts {
		pruneFurniture(part)
		collect(part, emit)
	}
	if r == nil {
		return blocks
	}
	// Sections first: their headings are often boilerplate lines too.
	blocks = r.Boilerplate.CutSection(blocks)
	kept := blocks[:0]
	for _, b := range blocks {
		if !r.Boilerplate.Match(b) {
			kept = append(kept, b)
		}
	}
	return kept
}

// articleParts returns the containers that hold the article, in
// document order: the best one with its siblings (see withSiblings), and
// the containers an article cut into pieces repeats — those with the tag
// and class of the best one ("card-content", "article__body"), and others
// that score half as well under the same section.
func articleParts(root, top *html.Node, scores map[*html.Node]float64) []*html.Node {
	best := scores[top]
	sig := signature(top)
	var picked []*html.Node
	for n, s := range scores {
		if n == top || s <= 3 {
			continue
		}
		if sig != "" && signature(n) == sig || s >= best*0.5 && nearby(n, top, 4) {
			picked = append(picked, n)
		}
	}
	picked = append(picked, withSiblings(top, scores)...)
	set := make(map[*html.Node]bool, len(picked))
	for _, p := range picked {
		set[p] = true
	}
	// Keep the outermost of nested parts, in document order.
	var parts []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if set[n] {
			parts = append(parts, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return parts
}

// signature is an element's tag and class, "" without a class.
func signature(n *html.Node) string {
	c := strings.TrimSpace(attr(n, "class"))
	if c == "" {
		return ""
	}
	return n.Data + "." + c
}

// nearby reports whether a and b share an ancestor at most levels above
// each.
func nearby(a, b *html.Node, levels int) bool {
	anc := map[*html.Node]bool{}
	for p, i := a.Parent, 0; p != nil && i < levels; p, i = p.Parent, i+1 {
		anc[p] = true
	}
	for p, i := b.Parent, 0; p != nil && i < levels; p, i = p.Parent, i+1 {
		if anc[p] {
			return true
		}
	}
	return false
}

// withSiblings returns the parts of the article: the best container, or
// its parent when the text is spread over several of the parent's
// children (an article cut into blocks around advertisements), and the
// best container's siblings that score well or read as paragraphs.
func withSiblings(top *html.Node, scores map[*html.Node]float64) []*html.Node {
	parent := top.Parent
	if parent == nil || parent.DataAtom == atom.Body || parent.Type != html.ElementNode {
		return []*html.Node{top}
	}
	best := scores[top]
	strong := 0
	for c := parent.FirstChild; c != nil; c = c.NextSibling {
		if c != top && scores[c] >= best*0.33 && scores[c] > 3 {
			strong++
		}
	}
	if strong > 0 {
		return []*html.Node{parent}
	}
	var parts []*html.Node
	for c := parent.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c == top:
			parts = append(parts, c)
		case c.Type != html.ElementNode:
		case scores[c] >= max(10, best*0.2):
			parts = append(parts, c)
		case c.DataAtom == atom.P:
			st := measure(c)
			if st.text >= 80 && float64(st.link) < 0.25*float64(st.text) {
				parts = append(parts, c)
			}
		}
	}
	return parts
}

func foldSpace(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// collect emits every paragraph-like element under n with its text, in
// document order. A container whose children are all inline counts as
// one paragraph.
func collect(n *html.Node, emit func(*html.Node, string)) {
	if n.Type != html.ElementNode {
		return
	}
	if blockTags[n.DataAtom] || !hasBlockChild(n) {
		for _, line := range brLines(n) {
			if t := normalizeLine(line); t != "" {
				emit(n, t)
			}
		}
		return
	}
	var inline strings.Builder
	var inlineFirst *html.Node
	flush := func() {
		if t := normalizeLine(inline.String()); t != "" {
			emit(inlineFirst, t)
		}
		inline.Reset()
		inlineFirst = nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			inline.WriteString(c.Data)
			if inlineFirst == nil {
				inlineFirst = n
			}
		case c.Type == html.ElementNode && (blockTags[c.DataAtom] || containerTags[c.DataAtom] || hasBlockChild(c)):
			flush()
			collect(c, emit)
		case c.Type == html.ElementNode && c.DataAtom == atom.Br:
			// Two line breaks in a row end a paragraph of bare text.
			if next := nextElement(c); next != nil && next.DataAtom == atom.Br {
				flush()
			} else {
				inline.WriteByte(' ')
			}
		case c.Type == html.ElementNode:
			inline.WriteString(nodeText(c))
			if inlineFirst == nil {
				inlineFirst = c
			}
		}
	}
	flush()
}

// brLines is the text under n cut into paragraphs at its double line
// breaks (<br><br>, the paragraphs of pages without <p>); a single
// <br> is a space, as in a sentence wrapped by hand.
func brLines(n *html.Node) []string {
	var lines []string
	var b strings.Builder
	pendingBr := 0 // line breaks since the last text
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if strings.TrimSpace(n.Data) == "" {
				b.WriteString(n.Data)
				break
			}
			if pendingBr >= 2 {
				lines = append(lines, b.String())
				b.Reset()
			} else if pendingBr == 1 {
				b.WriteByte(' ')
			}
			pendingBr = 0
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				pendingBr++
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return append(lines, b.String())
}

// nextElement is the next sibling element of n, past blank text.
func nextElement(n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return nil
		}
	}
	return nil
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockTags[c.DataAtom] || containerTags[c.DataAtom] || hasBlockChild(c)) {
			return true
		}
	}
	return false
}

// nodeText is the text under n, with <br> as a space.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// measure counts the letters of text under n and those inside links.
func measure(n *html.Node) stats {
	var st stats
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if r == ',' {
					st.commas++
				}
				if r > ' ' {
					st.text++
					if inLink {
						st.link++
					}
				}
			}
		case html.ElementNode:
			inLink = inLink || n.DataAtom == atom.A
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	return st
}

// bestContainer scores every container by the paragraphs it holds, the
// way Readability does: each paragraph of some length adds to its parent
// and, halved, to its grandparent, by its length and its commas; a run
// of bare text inside a container counts as a paragraph of that
// container. The container's class, id and tag weigh in, in proportion to
// its text; links discount. It returns the best container, or the body,
// and every container's score.
func bestContainer(root *html.Node) (*html.Node, map[*html.Node]float64) {
	all := measureAll(root)
	scores := map[*html.Node]float64{}
	add := func(parent *html.Node, st stats) {
		if st.text < 25 || parent == nil {
			return
		}
		s := 1 + float64(st.commas) + min(float64(st.text)/100, 3)
		scores[parent] += s
		if g := parent.Parent; g != nil && g.Type == html.ElementNode {
			scores[g] += s / 2
		}
	}
	var body *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return
		}
		if n.DataAtom == atom.Body {
			body = n
		}
		leaf := !hasBlockChild(n)
		if n.DataAtom == atom.P || n.DataAtom == atom.Pre || n.DataAtom == atom.Blockquote ||
			leaf && (n.DataAtom == atom.Div || n.DataAtom == atom.Td || n.DataAtom == atom.Section) {
			add(n.Parent, all[n])
			return
		}
		if !leaf && containerTags[n.DataAtom] {
			add(n, inlineStats(n, all))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	var best *html.Node
	bestScore := 0.0
	for n, s := range scores {
		st := all[n]
		ld := 0.0
		if st.text > 0 {
			ld = float64(st.link) / float64(st.text)
		}
		s = (s + classWeight(n)*min(1, float64(st.text)/500)) * (1 - ld)
		scores[n] = s
		if s > bestScore {
			best, bestScore = n, s
		}
	}
	if best == nil {
		return body, scores
	}
	return best, scores
}

// measureAll measures every subtree of root in one pass.
func measureAll(root *html.Node) map[*html.Node]stats {
	out := map[*html.Node]stats{}
	var walk func(*html.Node, bool) stats
	walk = func(n *html.Node, inLink bool) stats {
		var st stats
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if r == ',' {
					st.commas++
				}
				if r > ' ' {
					st.text++
				}
			}
			if inLink {
				st.link = st.text
			}
			return st
		case html.ElementNode:
			inLink = inLink || n.DataAtom == atom.A
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			cs := walk(c, inLink)
			st.text += cs.text
			st.link += cs.link
			st.commas += cs.commas
		}
		out[n] = st
		return st
	}
	walk(root, false)
	return out
}

// inlineStats measures the bare text of a container: its text nodes and
// inline children, not its blocks.
func inlineStats(n *html.Node, all map[*html.Node]stats) stats {
	var st stats
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			for _, r := range c.Data {
				if r == ',' {
					st.commas++
				}
				if r > ' ' {
					st.text++
				}
			}
		case c.Type == html.ElementNode && !blockTags[c.DataAtom] && !containerTags[c.DataAtom] && !hasBlockChild(c):
			cs := all[c]
			st.text += cs.text
			st.link += cs.link
			st.commas += cs.commas
		}
	}
	return st
}

// classWeight favours containers whose class or id names an article.
func classWeight(n *html.Node) float64 {
	nm := namesOf(n)
	w := 0.0
	switch {
	case nm.body:
		w += 30
	case nm.likely && nm.unlikely:
	case nm.likely:
		w += 25
	case nm.unlikely:
		w -= 25
	}
	if n.DataAtom == atom.Article || attr(n, "itemprop") == "articleBody" {
		w += 25
	}
	return w
}
