package fetch

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Teasers are the boxes that show other stories: three or more siblings
// of one tag and first class (or list items), each short and opening —
// after a kicker at most ("Opinion") — with a headline, a block that is
// mostly a link to the other story, and then some text: its excerpt,
// date or author. Pages put them after, beside and inside their articles
// ("Related", "Most read", "More from"), in every language, and an
// excerpt reads as well as any paragraph. A list of notes that each open
// with a link is no teaser: its links are inside its lines.

// dropTeasers removes the blocks of teaser boxes, unless there is
// hardly any other text: a page that is a list of stories keeps them.
func dropTeasers(blocks []block, all map[*html.Node]facts, b *budget) []block {
	t := teasers{all: all, b: b, group: map[groupKey][]*html.Node{}, teaser: map[*html.Node]bool{}}
	cards := make([]*html.Node, len(blocks))
	found, rest := false, 0
	for i, bl := range blocks {
		if c := t.card(bl); c != nil && t.teaserGroup(c) {
			cards[i], found = c, true
		} else {
			rest += bl.letters - bl.link
		}
	}
	if !found || rest < teaserRest {
		return blocks
	}
	out := blocks[:0]
	for i, bl := range blocks {
		if cards[i] == nil {
			out = append(out, bl)
		}
	}
	return out
}

// teasers remembers what it found of the boxes of a page.
type teasers struct {
	all    map[*html.Node]facts
	b      *budget
	group  map[groupKey][]*html.Node // boxes by parent, tag and first class
	teaser map[*html.Node]bool       // box → teaser
}

type groupKey struct {
	parent *html.Node
	kind   string // tag and first class
}

// card is the box a block is in: the block's element or one of its
// ancestors up to teaserLevels above, inside the block's part, with
// at least two siblings like it.
func (t *teasers) card(bl block) *html.Node {
	for n, i := bl.node, 0; n != nil && n != bl.part && i <= teaserLevels; n, i = n.Parent, i+1 {
		if n.Type != html.ElementNode || n.Parent == nil {
			return nil
		}
		if len(t.siblings(n)) >= teaserCards {
			return n
		}
	}
	return nil
}

// siblings are n and its siblings of the same tag and first class
// (boxes add classes of their own: "card card--wide"); list items are
// alike without a class.
func (t *teasers) siblings(n *html.Node) []*html.Node {
	kind := firstClass(n)
	if kind == "" && n.DataAtom != atom.Li {
		return nil
	}
	key := groupKey{n.Parent, n.Data + "." + kind}
	if g, ok := t.group[key]; ok {
		return g
	}
	var g []*html.Node
	for c := n.Parent.FirstChild; c != nil && !t.b.step(); c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == n.DataAtom && firstClass(c) == kind {
			g = append(g, c)
		}
	}
	t.group[key] = g
	return g
}

// firstClass is the first of an element's classes, or "".
func firstClass(n *html.Node) string {
	c := strings.TrimLeft(attr(n, "class"), " \t\n")
	if i := strings.IndexAny(c, " \t\n"); i >= 0 {
		c = c[:i]
	}
	return c
}

// teaserGroup reports whether box and its like siblings are teasers:
// teaserCards of them or more are.
func (t *teasers) teaserGroup(box *html.Node) bool {
	n := 0
	for _, c := range t.siblings(box) {
		if t.isTeaser(c) {
			n++
		}
	}
	return n >= teaserCards
}

// isTeaser reports whether a box is short and opens with a headline: a
// block that is mostly a link, with more text after it.
func (t *teasers) isTeaser(box *html.Node) bool {
	if v, ok := t.teaser[box]; ok {
		return v
	}
	f := t.all[box]
	v := f.text > 0 && f.text <= teaserLetters && f.ownLink < f.text
	if v {
		v = false
		if link := openingLink(box, t.b); link != nil && t.all[link].text >= teaserHeadline {
			// The headline is a block of its own, mostly the link, and
			// text comes after it: a line of notes that opens with a
			// link is no teaser.
			head := link
			for head != box && !blockish(head, t.all) {
				head = head.Parent
			}
			h := t.all[head]
			v = head != box && 2*h.ownLink >= h.text && f.text-h.text >= teaserExcerpt
		}
	}
	t.teaser[box] = v
	return v
}

// openingLink is the first link under n if no more than a kicker's
// letters (teaserKicker: "Editorial", "Opinion") come before it, or nil.
func openingLink(n *html.Node, b *budget) *html.Node {
	var link *html.Node
	before, done := 0, false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !done && !b.step(); c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				t, _ := letters(c.Data)
				if before += t; before > teaserKicker {
					done = true
				}
			case c.Type != html.ElementNode:
			case isLink(c) && strings.TrimSpace(nodeText(c)) != "":
				link, done = c, true
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return link
}

// nodeText is the text under n.
func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}
