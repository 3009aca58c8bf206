package fetch

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block is one paragraph of a page as collected: its text and the
// letters it is made of.
type block struct {
	// node is the element the text comes from: the block, or the
	// container of a run of bare text.
	node          *html.Node
	part          *html.Node // the part it was collected from
	text          string     // normalised, one line
	letters, link int        // letters, of which in links
}

// linkDensity is the share of a block's letters that are in links.
func (bl block) linkDensity() float64 {
	if bl.letters == 0 {
		return 0
	}
	return float64(bl.link) / float64(bl.letters)
}

// heading reports whether a block is a heading.
func (bl block) heading() bool {
	switch bl.node.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// collector gathers the blocks under some elements, in document order,
// leaving out the elements skip names. A block element (<p>, <li>, ...),
// and a container whose children are all inline, make one block each; a
// container's runs of bare text between its blocks make one each; two
// line breaks in a row (<br><br>, the paragraphs of pages without <p>)
// end a block, a single one is a space, as in a sentence wrapped by hand.
type collector struct {
	all    map[*html.Node]facts
	b      *budget
	skip   func(part, n *html.Node) bool
	part   *html.Node // the part being collected
	blocks []block

	// The block being written.
	line          strings.Builder
	letters, link int
	node          *html.Node
	breaks        int // line breaks since its last text
}

func (c *collector) flush() {
	if t := normalizeLine(c.line.String()); t != "" && c.node != nil {
		c.blocks = append(c.blocks, block{node: c.node, part: c.part, text: t, letters: c.letters, link: c.link})
	}
	c.line.Reset()
	c.letters, c.link, c.breaks = 0, 0, 0
}

// collect adds the blocks under n; inLink says whether n is in a link.
func (c *collector) collect(n *html.Node, inLink bool) {
	if n.Type != html.ElementNode || c.b.step() || c.skip != nil && c.skip(c.part, n) {
		return
	}
	c.flush()
	c.node = n
	inLink = inLink || isLink(n)
	if blockTags[n.DataAtom] || !c.all[n].blockChild {
		for ch := n.FirstChild; ch != nil && !c.b.step(); ch = ch.NextSibling {
			c.inline(ch, inLink)
		}
		c.flush()
		return
	}
	for ch := n.FirstChild; ch != nil && !c.b.step(); ch = ch.NextSibling {
		if blockish(ch, c.all) {
			c.collect(ch, inLink)
			c.node = n
			continue
		}
		c.inline(ch, inLink)
	}
	c.flush()
}

// inline adds the text under n to the block being written.
func (c *collector) inline(n *html.Node, inLink bool) {
	switch n.Type {
	case html.TextNode:
		if strings.TrimSpace(n.Data) == "" {
			c.line.WriteString(n.Data)
			return
		}
		if c.breaks >= 2 {
			c.flush()
		} else if c.breaks == 1 {
			c.line.WriteByte(' ')
		}
		c.breaks = 0
		c.line.WriteString(n.Data)
		t, _ := letters(n.Data)
		c.letters += t
		if inLink {
			c.link += t
		}
	case html.ElementNode:
		// A dateline opens the paragraph it is in.
		if c.skip != nil && c.skip(c.part, n) && !namesOf(n).dateline {
			return
		}
		if n.DataAtom == atom.Br {
			c.breaks++
			return
		}
		inLink = inLink || isLink(n)
		for ch := n.FirstChild; ch != nil && !c.b.step(); ch = ch.NextSibling {
			c.inline(ch, inLink)
		}
	}
}

// collectParts collects the blocks under parts.
func collectParts(parts []*html.Node, all map[*html.Node]facts, skip func(part, n *html.Node) bool, b *budget) []block {
	c := &collector{all: all, b: b, skip: skip}
	for _, p := range parts {
		c.part = p
		c.collect(p, inLink(p))
	}
	return c.blocks
}

// inLink reports whether n is inside a link.
func inLink(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if isLink(p) {
			return true
		}
	}
	return false
}
