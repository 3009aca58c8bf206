package fetch

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The fallback finds an article without choosing a container, as
// jusText does: every block of the page outside its furniture is judged
// on its own — by its length, its links and whether it reads as
// sentences — and then by its neighbours: a middling block beside
// another or a good one is good, paragraphs come in runs; then a short
// block between good ones, and a heading before one, are good. It needs
// no word lists, so it holds in any language.

// class is what the fallback makes of a block.
type class uint8

const (
	bad class = iota
	short
	middling
	good
)

// fallbackBlocks are the page's good blocks, tidied: the rules are
// left to apply to the fallback's text if it is picked.
func fallbackBlocks(root *html.Node, all map[*html.Node]facts, title string, b *budget) []block {
	body := bodyOf(root)
	if body == nil {
		return nil
	}
	blocks := collectParts([]*html.Node{body}, all, skipper(all), b)
	classes := make([]class, len(blocks))
	for i, bl := range blocks {
		classes[i] = judge(bl)
	}
	// Neighbours decide the short and middling blocks: a middling block
	// next to a good or middling one (short ones between aside) is good,
	// as paragraphs of an article come in runs; then a short block between
	// good ones, or a heading before one, is good.
	near := func(i, step int, want func(class) bool) bool {
		for j := i + step; j >= 0 && j < len(classes); j += step {
			if classes[j] != short {
				return want(classes[j])
			}
		}
		return false
	}
	text := func(c class) bool { return c == good || c == middling }
	for i, c := range classes {
		if c == middling && (near(i, -1, text) || near(i, 1, text)) {
			classes[i] = good
		}
	}
	for i, c := range classes {
		if c == middling {
			classes[i] = bad
		}
	}
	isGood := func(c class) bool { return c == good }
	final := make([]class, len(blocks))
	for i, c := range classes {
		if c == short && (near(i, -1, isGood) && near(i, 1, isGood) || blocks[i].heading() && near(i, 1, isGood)) {
			c = good
		}
		final[i] = c
	}
	var kept []block
	for i, bl := range blocks {
		if final[i] == good {
			kept = append(kept, bl)
		}
	}
	return tidy(kept, all, title, b)
}

// judge classes a block on its own.
func judge(bl block) class {
	switch {
	case bl.linkDensity() > fallbackLinks:
		return bad
	case bl.letters >= fallbackLong:
		return good
	case bl.letters >= fallbackMiddling && sentences(bl.text):
		return middling
	}
	return short
}

// sentences reports whether text reads as sentences: it ends a sentence,
// or holds a comma, in any script.
func sentences(text string) bool {
	if strings.ContainsAny(text, ",،，、") {
		return true
	}
	t := strings.TrimRight(text, " \"'”’»)")
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?") ||
		strings.HasSuffix(t, "。") || strings.HasSuffix(t, "！") || strings.HasSuffix(t, "？") ||
		strings.HasSuffix(t, "؟") || strings.HasSuffix(t, "।")
}

// pick reports whether the fallback's text is to be kept instead of
// the main one's: when the main one is empty, or when the two disagree —
// most of each one's text is not the other's — and the fallback
// holds far more prose (a menu, a box of most-read stories or a login
// form chosen over a short article).
func pick(main, fb []string) bool {
	if len(main) == 0 {
		return len(fb) > 0
	}
	if shared(main, fb) >= pickAgree || shared(fb, main) >= pickAgree {
		return false
	}
	pm, pf := prose(main), prose(fb)
	return pf >= pickProse && float64(pf) >= pickGain*float64(pm)
}

// shared is the share of the letters of a that are in texts of b.
func shared(a, b []string) float64 {
	in := make(map[string]bool, len(b))
	for _, t := range b {
		in[t] = true
	}
	common, all := 0, 0
	for _, t := range a {
		n, _ := letters(t)
		all += n
		if in[t] {
			common += n
		}
	}
	if all == 0 {
		return 0
	}
	return float64(common) / float64(all)
}

// prose counts the letters of the texts that read as sentences and are
// not short.
func prose(texts []string) int {
	n := 0
	for _, t := range texts {
		if l, _ := letters(t); l >= fallbackMiddling && sentences(t) {
			n += l
		}
	}
	return n
}

// everything is the text of every block of the page: what is left when
// no article is found.
func everything(root *html.Node, all map[*html.Node]facts, b *budget) []string {
	body := bodyOf(root)
	if body == nil {
		return nil
	}
	return textsOf(collectParts([]*html.Node{body}, all, nil, b))
}

// bodyOf is the <body> of a parsed page.
func bodyOf(root *html.Node) *html.Node {
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Body {
					return c
				}
			}
		}
	}
	return nil
}
