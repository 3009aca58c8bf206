package fetch

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
	// paragraphs counts the paragraphs of paragraphLetters or more under
	// the element: blocks (list items aside), not looked into further.
	paragraphs int
	// blockChild says whether a child element is a block or a container,
	// or holds one.
	blockChild bool
	// breaks counts the double line breaks (<br><br>) among the
	// element's children: the paragraph breaks of a text without <p>.
	breaks int
	// holdsBody says whether the element, or one under it, is marked as
	// an article's body: <article>, <main>, itemprop=articleBody, or a
	// class or id of bodyNames ("entry-content").
	holdsBody bool
}

// own is the element's stats with its own links only.
func (f facts) own() stats { return stats{text: f.text, link: f.ownLink, commas: f.commas} }

// blockish reports whether an element is a block or a container, or holds
// one.
func blockish(n *html.Node, facts map[*html.Node]facts) bool {
	return n.Type == html.ElementNode && (blockTags[n.DataAtom] || containerTags[n.DataAtom] || facts[n].blockChild)
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
			f.text, f.commas = letters(n.Data)
			if inLink {
				f.link = f.text
			}
			return f
		case html.ElementNode:
			inLink = inLink || isLink(n)
		}
		br := false // the last element child was a <br>, with only spaces since
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.ElementNode && c.DataAtom == atom.Br:
				if br {
					f.breaks++
				}
				br = true
			case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
			default:
				br = false
			}
			cf := walk(c, inLink)
			f.text += cf.text
			f.link += cf.link
			f.commas += cf.commas
			f.ownLink += cf.ownLink
			f.paragraphs += cf.paragraphs
			f.blockChild = f.blockChild || c.Type == html.ElementNode &&
				(blockTags[c.DataAtom] || containerTags[c.DataAtom] || cf.blockChild)
			f.holdsBody = f.holdsBody || cf.holdsBody
		}
		if n.Type == html.ElementNode {
			f.holdsBody = f.holdsBody || marksBody(n)
			if isLink(n) {
				f.ownLink = f.text
			}
			if blockTags[n.DataAtom] && n.DataAtom != atom.Li {
				f.paragraphs = 0
				if f.text >= paragraphLetters {
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

// letters counts the letters of s (runes other than spaces and controls;
// a Chinese or Japanese character counts cjkWeight) and its commas, of
// any script ("," "،" "，" "、").
func letters(s string) (n, commas int) {
	for _, r := range s {
		switch {
		case r == ',' || r == '،' || r == '，' || r == '、':
			commas++
			n++
		case r >= 0x2e80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)):
			n += cjkWeight
		case r > ' ' && r != '\u00a0':
			n++
		}
	}
	return n, commas
}

// marksBody reports whether an element is marked as an article's body.
func marksBody(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Article, atom.Main:
		return true
	case atom.Div, atom.Section:
		return attr(n, "itemprop") == "articleBody" || namesOf(n).body
	}
	return false
}
