package fetch

import (
	"context"
	"fmt"
	"slices"
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
// and fails once they pass max, or once ctx ends. It also bounds the
// elements the parser would make by copying: a formatting element
// (<b>, <font>, <a>, ...) left open when its block ends is reopened by
// the parser before every later run of text and most start tags, so a
// few hundred of them, each with other attributes, and a few thousand
// paragraphs make millions of elements from a small page. The copies are
// estimated from above (every formatting element not yet closed counts
// at every such point) and refused past maxCopies(max).
func checkTags(ctx context.Context, s string, max int) error {
	// Every start tag is a "<" and a letter; most pages have too few of
	// those, and too few formatting elements left open, to need
	// tokenizing.
	if tags, unclosed := scanTags(s, max); tags <= max && unclosed <= fewUnclosed {
		return nil
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var open []string // formatting elements not closed yet, by name
	copies := 0
	for n, i := 0, 1; ; i++ {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return nil // the end of the page: the parser reports what else is wrong
		case html.StartTagToken, html.SelfClosingTagToken:
			if n++; n > max {
				return &TooManyElementsError{Max: max}
			}
			name, _ := z.TagName()
			copies += len(open)
			if tt == html.StartTagToken && formattingElements[string(name)] {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if formattingElements[string(name)] {
				if j := lastIndex(open, string(name)); j >= 0 {
					open = slices.Delete(open, j, j+1)
				}
			}
		case html.TextToken:
			if len(open) > 0 && strings.TrimSpace(string(z.Text())) != "" {
				copies += len(open)
			}
		}
		if copies > maxCopies(max) {
			return &TooManyElementsError{Max: max}
		}
		if i%budgetEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
}

// fewUnclosed is how many formatting elements may be left open without
// the copies they could cause being counted: at most fewUnclosed a start
// tag, which the element limit bounds.
const fewUnclosed = 4

// maxCopies bounds the estimated copies of formatting elements: above
// the element limit, as the estimate counts elements still open that the
// parser does not copy, yet a few hundred bytes an element short of
// using gigabytes.
func maxCopies(max int) int { return 4 * max }

// formattingElements are the elements the HTML parser's "active
// formatting elements" list reopens (WHATWG HTML, 13.2.4.3).
var formattingElements = map[string]bool{"a": true, "b": true, "big": true, "code": true, "em": true, "font": true,
	"i": true, "nobr": true, "s": true, "small": true, "strike": true, "strong": true, "tt": true, "u": true}

// scanTags counts the "<" followed by a letter in s, up to limit+1, and
// how many more formatting elements it opens than it closes.
func scanTags(s string, limit int) (tags, unclosed int) {
	balance := 0
	for tags <= limit {
		i := strings.IndexByte(s, '<')
		if i < 0 || i+1 == len(s) {
			break
		}
		s = s[i+1:]
		end := s[0] == '/'
		name := s
		if end {
			name = s[1:]
		}
		j := 0
		for j < len(name) && j < 8 && ('a' <= name[j]|0x20 && name[j]|0x20 <= 'z') {
			j++
		}
		if j == 0 {
			continue
		}
		if !end {
			tags++
		}
		if formattingElements[strings.ToLower(name[:j])] && (j == len(name) || !isNameByte(name[j])) {
			if end {
				balance--
			} else {
				balance++
			}
		}
	}
	return tags, max(balance, 0)
}

// lastIndex is the index of the last v in s, or -1.
func lastIndex(s []string, v string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == v {
			return i
		}
	}
	return -1
}

func isNameByte(c byte) bool {
	c |= 0x20
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
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
