package fetch

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Selectors for metadata, compiled once.
var (
	selHead     = goquery.Single("head")
	selTitle    = goquery.Single("title")
	selH1       = goquery.Single("h1")
	selHTML     = goquery.Single("html")
	selCanon    = goquery.Single(`link[rel="canonical"]`)
	selTime     = goquery.Single("time[datetime], [itemprop=datePublished][datetime], [itemprop=datePublished][content]")
	selAuthorEl = goquery.Single(`[rel=author], [itemprop=author] [itemprop=name], [itemprop=author], .byline, .author-name`)
)

// metaTags are the meta tags a page describes itself with, by property,
// name or itemprop, lower-cased.
type metaTags map[string]string

func readMetaTags(head *goquery.Selection) metaTags {
	m := metaTags{}
	head.Find("meta").Each(func(_ int, s *goquery.Selection) {
		content, ok := s.Attr("content")
		if !ok {
			return
		}
		content = normalizeLine(content)
		if content == "" {
			return
		}
		for _, key := range []string{"property", "name", "itemprop", "http-equiv"} {
			if k, ok := s.Attr(key); ok {
				k = strings.ToLower(strings.TrimSpace(k))
				if _, seen := m[k]; !seen {
					m[k] = content
				}
			}
		}
	})
	return m
}

func (m metaTags) first(keys ...string) string {
	for _, k := range keys {
		if v := m[k]; v != "" {
			return v
		}
	}
	return ""
}

// linkedData is what a page's JSON-LD says of its article.
type linkedData struct {
	headline, published, author, publisher, url, lang string
}

// readLinkedData reads the first article-like object of the page's
// JSON-LD scripts, looking into arrays and @graph.
func readLinkedData(doc *goquery.Selection) linkedData {
	var ld linkedData
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return true
		}
		if obj := findArticle(v); obj != nil {
			ld = linkedData{
				headline:  str(obj["headline"]),
				published: str(obj["datePublished"]),
				author:    agentNames(obj["author"]),
				publisher: agentNames(obj["publisher"]),
				url:       firstString(obj["url"], obj["mainEntityOfPage"]),
				lang:      str(obj["inLanguage"]),
			}
			return false
		}
		return true
	})
	return ld
}

var articleTypes = regexp.MustCompile(`(?i)article|posting|report|newsarticle|blogposting`)

func findArticle(v any) map[string]any {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if a := findArticle(e); a != nil {
				return a
			}
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			if a := findArticle(g); a != nil {
				return a
			}
		}
		if articleTypes.MatchString(typeName(x["@type"])) {
			return x
		}
	}
	return nil
}

func typeName(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		var parts []string
		for _, e := range t {
			parts = append(parts, str(e))
		}
		return strings.Join(parts, " ")
	}
	return ""
}

func str(v any) string {
	if s, ok := v.(string); ok {
		return normalizeLine(s)
	}
	return ""
}

// agentNames reads a person or organisation, or a list of them: a string or
// objects with "name".
func agentNames(v any) string {
	switch x := v.(type) {
	case string:
		return normalizeLine(x)
	case map[string]any:
		return str(x["name"])
	case []any:
		var out []string
		for _, e := range x {
			if n := agentNames(e); n != "" {
				out = append(out, n)
			}
		}
		return strings.Join(out, ", ")
	}
	return ""
}

func firstString(vs ...any) string {
	for _, v := range vs {
		switch x := v.(type) {
		case string:
			if x != "" {
				return strings.TrimSpace(x)
			}
		case map[string]any:
			if id := str(x["@id"]); id != "" {
				return id
			}
		}
	}
	return ""
}

// readMeta takes what the page says about itself: title, publication
// date, author, site, canonical address and language, from its meta tags,
// JSON-LD, <time> elements, address and visible dateline.
func readMeta(root *html.Node, p *Page) {
	doc := goquery.NewDocumentFromNode(root)
	head := doc.FindMatcher(selHead)
	m := readMetaTags(head)
	ld := readLinkedData(doc.Selection)

	p.Site = firstNonEmpty(m.first("og:site_name", "application-name", "twitter:site"), ld.publisher)
	p.Title = trimSiteName(firstNonEmpty(m.first("og:title", "twitter:title"), ld.headline), p.Site, false)
	if p.Title == "" {
		p.Title = trimSiteName(normalizeLine(head.FindMatcher(selTitle).Text()), p.Site, true)
	}
	if p.Title == "" {
		p.Title = normalizeLine(doc.FindMatcher(selH1).Text())
	}

	if v, ok := head.FindMatcher(selCanon).Attr("href"); ok {
		p.URL = strings.TrimSpace(v)
	}
	p.URL = firstNonEmpty(p.URL, m.first("og:url"), ld.url)

	p.Published = normalizeDate(m.first("article:published_time", "datepublished", "pubdate", "publishdate",
		"date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date"))
	if p.Published == "" {
		p.Published = normalizeDate(ld.published)
	}
	if p.Published == "" {
		t := doc.FindMatcher(selTime)
		v, ok := t.Attr("datetime")
		if !ok {
			v, _ = t.Attr("content")
		}
		p.Published = normalizeDate(v)
	}
	if p.Published == "" {
		p.Published = dateFromURL(p.URL)
	}
	if p.Published == "" {
		p.Published = visibleDateline(root)
	}

	author := m.first("author", "article:author", "parsely-author", "dc.creator", "sailthru.author")
	if author == "" || strings.HasPrefix(author, "http") {
		author = ld.author
	}
	if author == "" {
		author = normalizeLine(doc.FindMatcher(selAuthorEl).First().Text())
	}
	p.Byline = cleanByline(author)

	if v, ok := doc.FindMatcher(selHTML).Attr("lang"); ok {
		p.Lang = strings.TrimSpace(v)
	}
	if p.Lang == "" {
		p.Lang = firstNonEmpty(m.first("content-language", "language", "dc.language"), ld.lang,
			strings.ReplaceAll(m.first("og:locale"), "_", "-"))
	}
	if p.Site == "" && p.URL != "" {
		if u, err := url.Parse(p.URL); err == nil {
			p.Site = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » "}

// trimSiteName drops a page title's last segment when it names the site
// ("Kazakhstan says 164 people were killed | World news | The
// Guardian"); loosely, for <title>, any short last segment goes, as
// section and site names do.
func trimSiteName(title, site string, loose bool) string {
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 {
			last := strings.TrimSpace(title[i+len(sep):])
			if site != "" && strings.EqualFold(last, site) || loose && len(strings.Fields(last)) <= 3 && len(last) < 30 {
				return trimSiteName(strings.TrimSpace(title[:i]), site, loose)
			}
		}
	}
	return title
}

// cleanByline turns "By Jane Doe and John Roe" into "Jane Doe and John
// Roe"; an address is no byline.
func cleanByline(s string) string {
	s = normalizeLine(s)
	for _, p := range []string{"By ", "by ", "BY ", "Von ", "Par ", "Por "} {
		s = strings.TrimPrefix(s, p)
	}
	if strings.Contains(s, "://") || len(s) > 120 {
		return ""
	}
	return s
}

// dateLayouts are the forms normalizeDate reads, with and without time.
var dateLayouts = []struct {
	layout  string
	hasTime bool
}{
	{time.RFC3339Nano, true}, {time.RFC3339, true}, {"2006-01-02T15:04:05Z0700", true}, {"2006-01-02T15:04:05", true},
	{"2006-01-02T15:04Z07:00", true}, {"2006-01-02T15:04", true}, {"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02 15:04:05", true}, {"2006-01-02 15:04", true}, {time.RFC1123Z, true}, {time.RFC1123, true},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true}, {"2006-01-02", false}, {"2006/01/02", false}, {"20060102", false},
	{"January 2, 2006", false}, {"Jan 2, 2006", false}, {"2 January 2006", false}, {"02.01.2006", false},
}

// normalizeDate reads a date in one of many forms and writes it as RFC
// 3339 when it has a time, YYYY-MM-DD when it has none, "" when it is no
// date.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, l := range dateLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		if t.Year() < 1900 || t.Year() > 2100 {
			return ""
		}
		if l.hasTime {
			return t.Format(time.RFC3339)
		}
		return t.Format("2006-01-02")
	}
	if d, ok := parseDateline(s); ok {
		return d
	}
	return ""
}

// urlDate finds a date in an address: /2019/11/18/, /2019-11-18/,
// /20191118/.
var urlDate = regexp.MustCompile(`/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|\b)`)

func dateFromURL(u string) string {
	m := urlDate.FindStringSubmatch(u)
	if m == nil {
		return ""
	}
	t, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-"+m[3])
	if err != nil {
		return ""
	}
	return t.Format("2006-01-02")
}

// visibleDateline finds a short text that is only a date, as blogs print
// above a post ("Friday, January 7, 2022").
func visibleDateline(root *html.Node) string {
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != "" {
			return
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "head") {
			return
		}
		if n.Type == html.TextNode {
			if t := strings.TrimSpace(n.Data); len(t) >= 8 && len(t) <= 40 {
				if d, ok := parseDateline(t); ok {
					found = d
				}
			}
		}
		for c := n.FirstChild; c != nil && found == ""; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return found
}
