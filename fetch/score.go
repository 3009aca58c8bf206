package fetch

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// scoring is what the score pass finds: every candidate's score and the
// best candidate.
type scoring struct {
	scores map[*html.Node]float64
	best   *html.Node
}

// score scores every element that holds paragraphs by them, the way
// Readability does: each paragraph of minScoredLetters or more adds to
// its parent, and less to its ancestors further up (ancestorShare), by
// its length and its commas; a run of bare text inside a container
// counts as a paragraph of that container. The candidate's class, id and
// tag weigh in, in proportion to its text; links discount. Strict
// scoring leaves out the paragraphs inside page furniture, which cannot
// be candidates either. The best candidate is the first in document order
// of those that score highest, or the body when none scores.
func score(root *html.Node, all map[*html.Node]facts, strict bool, b *budget) scoring {
	scores := map[*html.Node]float64{}
	add := func(parent *html.Node, st stats, paragraphs int) {
		if st.text < minScoredLetters {
			return
		}
		// A text cut into paragraphs by line breaks scores as its
		// paragraphs would.
		p := float64(paragraphs)
		s := p + float64(st.commas) + min(float64(st.text)/100, 3*p)
		for i, p := 0, parent; i < len(ancestorShare) && p != nil && p.Type == html.ElementNode; i, p = i+1, p.Parent {
			scores[p] += s * ancestorShare[i]
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
		if strict && n.Type == html.ElementNode && furniture(n) && !all[n].holdsBody {
			return
		}
		leaf := !all[n].blockChild
		if paragraphLike(n, leaf) {
			st := all[n].stats
			if n.DataAtom == atom.Li || n.DataAtom == atom.Dd {
				st.text = int(float64(st.text) * listItemWeight)
				st.commas = int(float64(st.commas) * listItemWeight)
			}
			add(n.Parent, st, 1+min(all[n].breaks, st.text/paragraphLetters))
			return
		}
		if !leaf && containerTags[n.DataAtom] {
			st := inlineStats(n, all)
			add(n, st, 1+min(all[n].breaks, st.text/paragraphLetters))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	// In document order, so that equal scores go to the first.
	var best *html.Node
	bestScore := 0.0
	var final func(*html.Node)
	final = func(n *html.Node) {
		if b.step() {
			return
		}
		if s, ok := scores[n]; ok {
			st := all[n].stats
			s = (s + classWeight(n)*min(1, float64(st.text)/classWeightText)) * (1 - st.linkDensity())
			scores[n] = s
			if s > bestScore {
				best, bestScore = n, s
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				final(c)
			}
		}
	}
	final(root)
	if best == nil {
		if strict {
			return scoring{scores: scores}
		}
		best = body
	}
	// A table or a list is a part of an article, not one: its container
	// is the candidate, as good as it.
	for best != body && best.Parent != nil && best.Parent.Type == html.ElementNode && tableOrList[best.DataAtom] {
		s := scores[best]
		best = best.Parent
		scores[best] = max(scores[best], s)
	}
	return scoring{scores: scores, best: best}
}

// paragraphLike reports whether an element is scored as one paragraph:
// a paragraph, preformatted text, a quote, a list item, or a division or
// cell that holds no blocks.
func paragraphLike(n *html.Node, leaf bool) bool {
	switch n.DataAtom {
	case atom.P, atom.Pre, atom.Blockquote:
		return true
	case atom.Li, atom.Dd, atom.Div, atom.Td, atom.Section:
		return leaf
	}
	return false
}

// inlineStats measures the bare text of a container: its text nodes and
// inline children, not its blocks.
func inlineStats(n *html.Node, all map[*html.Node]facts) stats {
	var st stats
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			t, commas := letters(c.Data)
			st.text += t
			st.commas += commas
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

// tableOrList are the elements that hold rows or items.
var tableOrList = map[atom.Atom]bool{atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Tr: true, atom.Ul: true, atom.Ol: true, atom.Dl: true}
