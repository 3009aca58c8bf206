package fetch

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// gather returns the containers that hold the article, in document
// order: the best one with its siblings (see withSiblings), and the
// containers an article cut into pieces repeats — those with the tag of
// the best one and its class ("card-content", "article__body") or one of
// its own classes (see ownClasses), and others that score nearly as well
// under the same section.
func gather(root *html.Node, sc scoring, all map[*html.Node]facts, b *budget) []*html.Node {
	top := sc.best
	best := sc.scores[top]
	sig := signature(top)
	classes := ownClasses(top)
	set := map[*html.Node]bool{}
	for n, s := range sc.scores {
		if b.step() {
			return nil
		}
		if n == top || s <= minPartScore {
			continue
		}
		alike := sig != "" && signature(n) == sig || n.DataAtom == top.DataAtom && shareClass(n, classes)
		if alike || s >= best*nearbyPartShare && nearby(n, top, nearbyLevels) {
			set[n] = true
		}
	}
	for _, p := range withSiblings(top, sc.scores, all) {
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
		if c != top && scores[c] >= best*strongSiblingShare && scores[c] > minPartScore {
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
		case scores[c] >= max(minSiblingScore, best*siblingShare):
			parts = append(parts, c)
		case c.DataAtom == atom.P || (c.DataAtom == atom.Div || c.DataAtom == atom.Section) && !all[c].blockChild && !furniture(c):
			st := all[c].own()
			if st.text >= paragraphLetters && float64(st.link) < siblingParagraphLinks*float64(st.text) {
				parts = append(parts, c)
			}
		}
	}
	return parts
}

// shareClass reports whether n has one of classes.
func shareClass(n *html.Node, classes []string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		for _, d := range classes {
			if c == d {
				return true
			}
		}
	}
	return false
}

// ownClasses are the classes of n that none of its ancestors has: those
// that name what it is, not how it is laid out ("clearfix", "col-sm-12").
func ownClasses(n *html.Node) []string {
	var own []string
	for _, c := range strings.Fields(attr(n, "class")) {
		layout := false
		for p := n.Parent; p != nil && !layout; p = p.Parent {
			if p.Type == html.ElementNode {
				layout = slices.Contains(strings.Fields(attr(p, "class")), c)
			}
		}
		if !layout {
			own = append(own, c)
		}
	}
	return own
}
