package fetch

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
	"golang.org/x/net/html"
)

// cleanHTML fills doc from an HTML page: its metadata, and its text — the
// headline, then the article's paragraphs.
func cleanHTML(ctx context.Context, b []byte, contentType string, r *rules.Rules, doc *claimex.Document) error {
	p, err := htmlPage(ctx, b, contentType, r)
	if err != nil {
		return err
	}
	doc.Title, doc.Published, doc.Byline, doc.Site, doc.URL, doc.Lang = p.Title, p.Published, p.Byline, p.Site, p.URL, p.Lang
	body := strings.TrimSpace(p.Body)
	doc.Text = body
	if p.Title != "" && body != "" && !strings.HasPrefix(foldSpace(body), foldSpace(p.Title)) {
		doc.Text = joinBlocks([]string{p.Title, body})
		doc.BodyStart = utf8.RuneCountInString(doc.Text) - utf8.RuneCountInString(body)
	}
	return nil
}

// MaxElements is the most elements an HTML page may have. A long article
// page has a few thousand; a page of more is a list or an attack, and its
// tree would take hundreds of bytes an element and its passes time in
// proportion.
const MaxElements = 200_000

// TooManyElementsError reports a page over MaxElements.
type TooManyElementsError struct{ Max int }

func (e *TooManyElementsError) Error() string {
	return fmt.Sprintf("page has more than %d elements", e.Max)
}

// checkTags counts the start tags of a page, without building its tree,
// and fails once they pass max, or once ctx ends.
func checkTags(ctx context.Context, s string, max int) error {
	// Every start tag is a "<" and a letter; most pages have too few of
	// those to need tokenizing.
	if tagOpenings(s, max) <= max {
		return nil
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for n, i := 0, 1; ; i++ {
		switch z.Next() {
		case html.ErrorToken:
			return nil // the end of the page: the parser reports what else is wrong
		case html.StartTagToken, html.SelfClosingTagToken:
			if n++; n > max {
				return &TooManyElementsError{Max: max}
			}
		}
		if i%budgetEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
}

// tagOpenings counts the "<" followed by a letter in s, up to max+1.
func tagOpenings(s string, max int) int {
	n := 0
	for n <= max {
		i := strings.IndexByte(s, '<')
		if i < 0 || i+1 == len(s) {
			break
		}
		if c := s[i+1] | 0x20; 'a' <= c && c <= 'z' {
			n++
		}
		s = s[i+1:]
	}
	return n
}

// countElements counts the elements of a tree, up to max+1.
func countElements(root *html.Node, max int) int {
	n := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.ElementNode {
			n++
		}
		for c := x.FirstChild; c != nil && n <= max; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return n
}
