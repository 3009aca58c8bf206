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
	// A page of more elements than any article has is refused before
	// it is parsed: its tree would hold hundreds of bytes for each.
	if err := checkTags(ctx, s, MaxElements); err != nil {
		return Page{}, err
	}
	// The parser refuses pages nested deeper than 512 elements, which
	// bounds the depth of the passes that follow.
	root, err := html.Parse(&budgetReader{ctx: ctx, r: strings.NewReader(s)})
	if err != nil {
		return Page{}, fmt.Errorf("parse HTML: %w", err)
	}
	// Misnested formatting tags make the parser copy elements: the tree
	// can be larger than the tags.
	if countElements(root, MaxElements) > MaxElements {
		return Page{}, &TooManyElementsError{Max: MaxElements}
	}
	bud := &budget{ctx: ctx}
	var p Page
	readMeta(root, &p)
	prune(root, bud)
	if err := bud.spent(); err != nil {
		return Page{}, err
	}
	p.Body = joinBlocks(articleBlocks(root, p.Title, r, bud))
	return p, bud.spent()
}

// pruneFurniture removes, inside the article's container, the elements
// whose class or id marks them as page furniture. An element holding
// three paragraphs or more of real text is kept unless it is mostly
// links: class names also mark wrappers ("sliderBox" around a whole
// article). Elements are judged by facts measured before this pruning:
// an element is judged before anything under it is removed, so they are
// still its own.
func pruneFurniture(n *html.Node, facts map[*html.Node]facts, b *budget) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if b.step() {
			return
		}
		if c.Type == html.ElementNode {
			if f := facts[c]; furniture(c) && (f.paragraphs < 3 || f.own().linkDensity() > 0.3) {
				n.RemoveChild(c)
			} else {
				pruneFurniture(c, facts, b)
			}
		}
		c = next
	}
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
func prune(n *html.Node, b *budget) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if b.step() {
			return
		}
		switch c.Type {
		case html.CommentNode:
			n.RemoveChild(c)
		case html.ElementNode:
			if never[c.DataAtom] || hidden(c) || isComments(c) {
				n.RemoveChild(c)
			} else {
				prune(c, b)
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

// linkDensity is the share of the letters that are in links.
func (st stats) linkDensity() float64 {
	if st.text == 0 {
		return 0
	}
	return float64(st.link) / float64(st.text)
}

// facts are what the passes ask of an element, measured for every
// element of a subtree in one pass (measureAll): a walk under each element
// asked about would cost, on a page of many links, the square of its
// size.
type facts struct {
	// stats counts the letters under the element; link counts those in
	// links, a link around the element included, as scoring sees them.
	stats
	// ownLink counts the letters in links at or under the element only,
	// as a block's own link density counts them.
	ownLink int
	// paragraphs counts the paragraphs of 80 letters or more under the
	// element: blocks (list items aside), not looked into further.
	paragraphs int
	// blockChild says whether a child element is a block or a container,
	// or holds one.
	blockChild bool
}

// own is the element's stats with its own links only.
func (f facts) own() stats { return stats{text: f.text, link: f.ownLink, commas: f.commas} }

// blockish reports whether an element is a block or a container, or holds
// one.
func blockish(n *html.Node, facts map[*html.Node]facts) bool {
	return n.Type == html.ElementNode && (blockTags[n.DataAtom] || containerTags[n.DataAtom] || facts[n].blockChild)
}

// articleBlocks finds the article's container and returns its paragraphs.
func articleBlocks(root *html.Node, title string, r *rules.Rules, b *budget) []string {
	top, scores, all := bestContainer(root, b)
	if top == nil || b.spent() != nil {
		return nil
	}
	parts := articleParts(root, top, scores, all, b)
	var blocks []string
	seen := map[string]bool{}
	titleKey := foldSpace(title)
	// The facts of the part being collected, measured after its furniture
	// is pruned.
	var facts map[*html.Node]facts
	emit := func(n *html.Node, text string) {
		if seen[text] {
			return
		}
		// Link lists: mostly links and short.
		if facts[n].own().linkDensity() > 0.5 && utf8.RuneCountInString(text) < 200 {
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
		pruneFurniture(part, all, b)
		facts = measureAll(part, b)
		collect(part, facts, b, emit)
	}
	if r == nil || b.spent() != nil {
		return blocks
	}
	// Sections first: their headings are often boilerplate lines too.
	blocks = r.Boilerplate.CutSection(blocks)
	kept := blocks[:0]
	for _, block := range blocks {
		if b.step() {
			break
		}
		if !r.Boilerplate.Match(block) {
			kept = append(kept, block)
		}
	}
	return kept
}

// articleParts returns the containers that hold the article, in
// document order: the best one with its siblings (see withSiblings), and
// the containers an article cut into pieces repeats — those with the tag
// and class of the best one ("card-content", "article__body"), and others
// that score half as well under the same section.
func articleParts(root, top *html.Node, scores map[*html.Node]float64, all map[*html.Node]facts, b *budget) []*html.Node {
	best := scores[top]
	sig := signature(top)
	var picked []*html.Node
	for n, s := range scores {
		if b.step() {
			return nil
		}
		if n == top || s <= 3 {
			continue
		}
		if sig != "" && signature(n) == sig || s >= best*0.5 && nearby(n, top, 4) {
			picked = append(picked, n)
		}
	}
	picked = append(picked, withSiblings(top, scores, all)...)
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
		for c := n.FirstChild; c != nil && !b.step(); c = c.NextSibling {
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
func withSiblings(top *html.Node, scores map[*html.Node]float64, all map[*html.Node]facts) []*html.Node {
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
			st := all[c].own()
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
func collect(n *html.Node, facts map[*html.Node]facts, b *budget, emit func(*html.Node, string)) {
	if n.Type != html.ElementNode || b.step() {
		return
	}
	if blockTags[n.DataAtom] || !facts[n].blockChild {
		for _, line := range brLines(n, b) {
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
	for c := n.FirstChild; c != nil && !b.step(); c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			inline.WriteString(c.Data)
			if inlineFirst == nil {
				inlineFirst = n
			}
		case blockish(c, facts):
			flush()
			collect(c, facts, b, emit)
		case c.Type == html.ElementNode && c.DataAtom == atom.Br:
			// Two line breaks in a row end a paragraph of bare text.
			if next := nextElement(c); next != nil && next.DataAtom == atom.Br {
				flush()
			} else {
				inline.WriteByte(' ')
			}
		case c.Type == html.ElementNode:
			inline.WriteString(nodeText(c, b))
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
func brLines(n *html.Node, b *budget) []string {
	var lines []string
	var line strings.Builder
	pendingBr := 0 // line breaks since the last text
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if strings.TrimSpace(n.Data) == "" {
				line.WriteString(n.Data)
				break
			}
			if pendingBr >= 2 {
				lines = append(lines, line.String())
				line.Reset()
			} else if pendingBr == 1 {
				line.WriteByte(' ')
			}
			pendingBr = 0
			line.WriteString(n.Data)
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				pendingBr++
			}
		}
		for c := n.FirstChild; c != nil && !b.step(); c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return append(lines, line.String())
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

// nodeText is the text under n, with <br> as a space.
func nodeText(n *html.Node, b *budget) string {
	var text strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				text.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil && !b.step(); c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return text.String()
}

// bestContainer scores every container by the paragraphs it holds, the
// way Readability does: each paragraph of some length adds to its parent
// and, halved, to its grandparent, by its length and its commas; a run
// of bare text inside a container counts as a paragraph of that
// container. The container's class, id and tag weigh in, in proportion to
// its text; links discount. It returns the best container, or the body,
// every container's score, and the facts of every element.
func bestContainer(root *html.Node, b *budget) (*html.Node, map[*html.Node]float64, map[*html.Node]facts) {
	all := measureAll(root, b)
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
		if n.Type != html.ElementNode && n.Type != html.DocumentNode || b.step() {
			return
		}
		if n.DataAtom == atom.Body {
			body = n
		}
		leaf := !all[n].blockChild
		if n.DataAtom == atom.P || n.DataAtom == atom.Pre || n.DataAtom == atom.Blockquote ||
			leaf && (n.DataAtom == atom.Div || n.DataAtom == atom.Td || n.DataAtom == atom.Section) {
			add(n.Parent, all[n].stats)
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
		if b.step() {
			break
		}
		st := all[n].stats
		s = (s + classWeight(n)*min(1, float64(st.text)/500)) * (1 - st.linkDensity())
		scores[n] = s
		if s > bestScore {
			best, bestScore = n, s
		}
	}
	if best == nil {
		return body, scores, all
	}
	return best, scores, all
}

// measureAll measures every element under root, and root, in one pass.
func measureAll(root *html.Node, b *budget) map[*html.Node]facts {
	out := map[*html.Node]facts{}
	var walk func(*html.Node, bool) facts
	walk = func(n *html.Node, inLink bool) facts {
		var f facts
		if b.step() {
			return f
		}
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if r == ',' {
					f.commas++
				}
				if r > ' ' {
					f.text++
				}
			}
			if inLink {
				f.link = f.text
			}
			return f
		case html.ElementNode:
			inLink = inLink || n.DataAtom == atom.A
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			cf := walk(c, inLink)
			f.text += cf.text
			f.link += cf.link
			f.commas += cf.commas
			f.ownLink += cf.ownLink
			f.paragraphs += cf.paragraphs
			f.blockChild = f.blockChild || c.Type == html.ElementNode &&
				(blockTags[c.DataAtom] || containerTags[c.DataAtom] || cf.blockChild)
		}
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.A {
				f.ownLink = f.text
			}
			if n.DataAtom == atom.P || blockTags[n.DataAtom] && n.DataAtom != atom.Li {
				f.paragraphs = 0
				if f.text >= 80 {
					f.paragraphs = 1
				}
			}
		}
		out[n] = f
		return f
	}
	walk(root, false)
	return out
}

// inlineStats measures the bare text of a container: its text nodes and
// inline children, not its blocks.
func inlineStats(n *html.Node, all map[*html.Node]facts) stats {
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
		case c.Type == html.ElementNode && !blockish(c, all):
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
