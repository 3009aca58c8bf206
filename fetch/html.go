package fetch

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
	"golang.org/x/net/html"
)

// cleanHTML fills doc from an HTML page: its metadata, and its text — the
// headline, then the article's paragraphs.
func cleanHTML(b []byte, contentType string, r *rules.Rules, doc *claimex.Document) error {
	p, err := HTML(b, contentType, r)
	if err != nil {
		return err
	}
	doc.Title, doc.Published, doc.Byline, doc.Site, doc.URL, doc.Lang = p.Title, p.Published, p.Byline, p.Site, p.URL, p.Lang
	text := p.Body
	if p.Title != "" && !strings.HasPrefix(foldSpace(p.Body), foldSpace(p.Title)) {
		text = joinBlocks([]string{p.Title, p.Body})
	}
	doc.Text = strings.TrimSpace(text)
	return nil
}

// readMeta takes what the page says about itself: title, date, author,
// site, canonical address and language.
func readMeta(root *html.Node, p *Page) {
	page := goquery.NewDocumentFromNode(root)
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
	p.Title = meta(`meta[property="og:title"]`, `meta[name="twitter:title"]`)
	if p.Title == "" {
		p.Title = normalizeLine(page.Find("title").First().Text())
	}
	if p.Title == "" {
		p.Title = normalizeLine(page.Find("h1").First().Text())
	}
	p.Published = meta(`meta[property="article:published_time"]`, `meta[itemprop="datePublished"]`,
		`meta[name="pubdate"]`, `meta[name="date"]`, `meta[name="dc.date"]`)
	if p.Published == "" {
		if v, ok := page.Find("time[datetime]").First().Attr("datetime"); ok {
			p.Published = normalizeLine(v)
		}
	}
	p.Byline = meta(`meta[name="author"]`, `meta[property="article:author"]`)
	p.Site = meta(`meta[property="og:site_name"]`)
	if v, ok := page.Find(`link[rel="canonical"]`).First().Attr("href"); ok {
		p.URL = strings.TrimSpace(v)
	} else {
		p.URL = meta(`meta[property="og:url"]`)
	}
	if v, ok := page.Find("html").First().Attr("lang"); ok {
		p.Lang = strings.TrimSpace(v)
	}
}
