package fetch

import (
	"strings"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
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
