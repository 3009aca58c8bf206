package fetch

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
// of never, readers' comments and, unless keepHidden, hidden elements. It
// reports whether it removed a hidden element.
func prune(n *html.Node, keepHidden bool, b *budget) (hid bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if b.step() {
			return hid
		}
		switch c.Type {
		case html.CommentNode:
			n.RemoveChild(c)
		case html.ElementNode:
			switch {
			case never[c.DataAtom] || isComments(c):
				n.RemoveChild(c)
			case !keepHidden && hidden(c):
				n.RemoveChild(c)
				hid = true
			default:
				hid = prune(c, keepHidden, b) || hid
			}
		}
		c = next
	}
	return hid
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
	case atom.Html, atom.Body, atom.Article, atom.Main:
		return false
	case atom.P, atom.Li, atom.Td, atom.Tr, atom.Table, atom.Tbody:
		// Paragraphs, items and tables are text whatever their names
		// say, unless they are captions or credits.
		nm := namesOf(n)
		return nm.caption && !nm.likely
	}
	nm := namesOf(n)
	// Embedded posts quoted by the article are its text ("social-media-
	// embed", "twitter-tweet").
	return !nm.empty && !nm.embed && nm.unlikely && !nm.likely
}

// isLink reports whether an element is a link to elsewhere: an <a> with
// an address, not a script's ("javascript:") or the page's own top ("#").
func isLink(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	href := strings.TrimSpace(attr(n, "href"))
	return href != "" && href != "#" && !strings.HasPrefix(strings.ToLower(href), "javascript:")
}
