package fetch

import (
	"regexp"
	"strings"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
)

// cleanText fills doc from scraped plain text: every line is normalised,
// boilerplate lines (per the rules) and blank lines are dropped, and the
// remaining lines become paragraphs. The first kept line that is not a
// dateline is the title; a dateline ("Friday, January 7, 2022") gives the
// publication date.
func cleanText(s string, r *rules.Rules, doc *claimex.Document) {
	var kept []string
	for _, line := range FilterLines(s, r) {
		if doc.Published == "" {
			if d, ok := parseDateline(line); ok {
				doc.Published = d
			}
		}
		if doc.Title == "" && !isDateline(line) {
			doc.Title = line
		}
		kept = append(kept, line)
	}
	doc.Text = joinBlocks(kept)
}

// FilterLines splits s into normalised lines and returns those that are
// neither blank nor boilerplate under r: lines and patterns anywhere,
// teasers after the headline (the first line that is not a dateline), and
// closing sections.
func FilterLines(s string, r *rules.Rules) []string {
	var lines []string
	for line := range strings.Lines(s) {
		if line = normalizeLine(line); line != "" {
			lines = append(lines, line)
		}
	}
	// Sections first: their headings are often boilerplate lines too.
	lines = r.Boilerplate.CutSection(lines)
	var kept []string
	headline := false
	for _, line := range lines {
		if r.Boilerplate.Match(line) || headline && r.Boilerplate.Teaser(line) {
			continue
		}
		headline = headline || !isDateline(line)
		kept = append(kept, line)
	}
	return kept
}

var markdownLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
var markdownEmphasis = regexp.MustCompile(`(\*\*|__|\*|_|` + "`" + `)([^*_` + "`" + `]+)(\*\*|__|\*|_|` + "`" + `)`)

// stripMarkdown removes the markup of common Markdown (headings, quotes,
// list markers, links, emphasis) so that only the words remain.
func stripMarkdown(s string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		t := strings.TrimLeft(line, " \t")
		t = strings.TrimLeft(t, "#>")
		if len(t) > 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ' {
			t = t[2:]
		}
		t = markdownLink.ReplaceAllString(t, "$1")
		t = markdownEmphasis.ReplaceAllString(t, "$2")
		b.WriteString(strings.TrimLeft(t, " \t"))
	}
	return b.String()
}
