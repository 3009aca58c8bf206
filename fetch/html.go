package fetch

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
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
