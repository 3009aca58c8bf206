package fetch

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/claimex/claimex"
	"golang.org/x/net/html"
)

// junk are elements that never hold article text.
const junk = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, " +
	"button, select, textarea, object, embed, canvas, [hidden], [aria-hidden=true]"

// blockTags are the elements whose text forms one paragraph.
var blockTags = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "blockquote": true, "pre": true, "dd": true, "dt": true, "td": true, "th": true,
	"figcaption": true, "caption": true,
}

// containerTags are elements that hold blocks rather than text.
var containerTags = map[string]bool{
	"div": true, "section": true, "article": true, "main": true, "body": true, "ul": true, "ol": true,
	"dl": true, "table": true, "tbody": true, "thead": true, "tr": true, "figure": true, "center": true,
}

// cleanHTML fills doc from an HTML page: metadata from the head, and the
// paragraphs of the article element (or main, or the body) with page
// furniture removed.
func cleanHTML(s string, doc *claimex.Document) error {
	page, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		return err
	}
	readMeta(page, doc)
	page.Find(junk).Remove()

	root := page.Find("article").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.ParentsFiltered("article").Length() == 0
	})
	if root.Length() == 0 {
		root = page.Find("main, [role=main]").First()
	}
	if root.Length() == 0 {
		root = page.Find("body")
	}
	var blocks []string
	seen := map[string]bool{}
	root.Each(func(_ int, s *goquery.Selection) {
		for _, n := range s.Nodes {
			collectBlocks(n, func(text string) {
				if !seen[text] {
					seen[text] = true
					blocks = append(blocks, text)
				}
			})
		}
	})
	if doc.Title != "" && (len(blocks) == 0 || !strings.EqualFold(blocks[0], doc.Title)) && !seen[doc.Title] {
		blocks = append([]string{doc.Title}, blocks...)
	}
	doc.Text = joinBlocks(blocks)
	return nil
}

// collectBlocks emits the text of every paragraph-like element under n, in
// document order. A container whose children are all inline counts as one
// paragraph.
func collectBlocks(n *html.Node, emit func(string)) {
	if n.Type != html.ElementNode {
		return
	}
	if blockTags[n.Data] || !hasBlockChild(n) {
		if t := normalizeLine(nodeText(n)); t != "" {
			emit(t)
		}
		return
	}
	var inline strings.Builder
	flush := func() {
		if t := normalizeLine(inline.String()); t != "" {
			emit(t)
		}
		inline.Reset()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			inline.WriteString(c.Data)
		case c.Type == html.ElementNode && (blockTags[c.Data] || containerTags[c.Data] || hasBlockChild(c)):
			flush()
			collectBlocks(c, emit)
		case c.Type == html.ElementNode && c.Data == "br":
			inline.WriteByte(' ')
		case c.Type == html.ElementNode:
			inline.WriteString(nodeText(c))
		}
	}
	flush()
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockTags[c.Data] || containerTags[c.Data] || hasBlockChild(c)) {
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
			if n.Data == "br" {
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

// readMeta takes what the page says about itself: title, date, author,
// site, canonical address and language.
func readMeta(page *goquery.Document, doc *claimex.Document) {
	meta := func(selectors ...string) string {
		for _, sel := range selectors {
			if v, ok := page.Find(sel).First().Attr("content"); ok {
				if v = normalizeLine(v); v != "" {
					return v
				}
			}
		}
		return ""
	}
	doc.Title = meta(`meta[property="og:title"]`, `meta[name="twitter:title"]`)
	if doc.Title == "" {
		doc.Title = normalizeLine(page.Find("title").First().Text())
	}
	if doc.Title == "" {
		doc.Title = normalizeLine(page.Find("h1").First().Text())
	}
	doc.Published = meta(`meta[property="article:published_time"]`, `meta[itemprop="datePublished"]`,
		`meta[name="pubdate"]`, `meta[name="date"]`, `meta[name="dc.date"]`)
	if doc.Published == "" {
		if v, ok := page.Find("time[datetime]").First().Attr("datetime"); ok {
			doc.Published = normalizeLine(v)
		}
	}
	doc.Byline = meta(`meta[name="author"]`, `meta[property="article:author"]`)
	doc.Site = meta(`meta[property="og:site_name"]`)
	if v, ok := page.Find(`link[rel="canonical"]`).First().Attr("href"); ok {
		doc.URL = strings.TrimSpace(v)
	} else {
		doc.URL = meta(`meta[property="og:url"]`)
	}
	if v, ok := page.Find("html").First().Attr("lang"); ok {
		doc.Lang = strings.TrimSpace(v)
	}
}
