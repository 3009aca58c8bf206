package fetch

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/claimex/claimex/rules"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tidy drops the blocks that are not an article's whatever its
// language: teasers of other stories, lists of links, the headline again.
func tidy(blocks []block, all map[*html.Node]facts, title string, b *budget) []block {
	titleKey := foldSpace(title)
	blocks = dropTeasers(blocks, all, b)
	// Link lists: blocks mostly links and short, unless they are most of
	// the text — a post that is a list of links.
	linkList := make([]bool, len(blocks))
	links, rest := 0, 0
	for i, bl := range blocks {
		linkList[i] = bl.linkDensity() > linkListDensity && utf8.RuneCountInString(bl.text) < linkListRunes && !textRow(bl.node, all)
		if linkList[i] && bl.item() {
			links += bl.letters
		} else if !linkList[i] {
			rest += bl.letters
		}
	}
	keepLinks := float64(links) > linkPostShare*float64(rest)
	kept := blocks[:0:0]
	for i, bl := range blocks {
		if linkList[i] && !(keepLinks && bl.item()) {
			continue
		}
		if scriptNotice(bl.text) {
			continue
		}
		// Texts are normalised: the headline again is no longer than it.
		if titleKey != "" && len(bl.text) <= 2*len(titleKey) && foldSpace(bl.text) == titleKey {
			continue
		}
		kept = append(kept, bl)
	}
	return kept
}

// withRules drops the blocks the rules' boilerplate sections, lines and
// patterns match (nil rules: none), and then a heading left last: it
// heads nothing.
func withRules(blocks []block, r *rules.Rules, b *budget) []block {
	if r != nil && b.spent() == nil {
		// Sections first: their headings are often boilerplate lines too.
		blocks = blocks[:closingSection(blocks, r)]
		out := blocks[:0]
		for _, bl := range blocks {
			if b.step() {
				break
			}
			if !r.Boilerplate.Match(bl.text) {
				out = append(out, bl)
			}
		}
		blocks = out
	}
	for len(blocks) > 0 && blocks[len(blocks)-1].heading() {
		blocks = blocks[:len(blocks)-1]
	}
	return blocks
}

// textsOf is the text of blocks.
func textsOf(blocks []block) []string {
	texts := make([]string, len(blocks))
	for i, bl := range blocks {
		texts[i] = bl.text
	}
	return texts
}

// item reports whether a block is a list item or a table cell.
func (bl block) item() bool {
	switch bl.node.DataAtom {
	case atom.Li, atom.Dd, atom.Dt, atom.Td, atom.Th:
		return true
	}
	return false
}

// closingSection is the index of the block, in the second half, that
// opens a closing section of boilerplate (the rules' sections: "Related
// articles", "Comments"), or len(blocks). A table cell or a list item
// opens none: "Comment" heads a column.
func closingSection(blocks []block, r *rules.Rules) int {
	for i := len(blocks) / 2; i < len(blocks); i++ {
		if blocks[i].item() {
			continue
		}
		if len(r.Boilerplate.CutSection([]string{blocks[i].text})) == 0 {
			return i
		}
	}
	return len(blocks)
}

// textRow reports whether n is a cell of a table row, or an item of a
// list, that is not mostly links: a film's title in a table of films and
// their plots, a linked line in a list of notes.
func textRow(n *html.Node, all map[*html.Node]facts) bool {
	p := n.Parent
	if p == nil {
		return false
	}
	switch {
	case (n.DataAtom == atom.Td || n.DataAtom == atom.Th) && p.DataAtom == atom.Tr:
	case n.DataAtom == atom.Li && (p.DataAtom == atom.Ul || p.DataAtom == atom.Ol):
	default:
		return false
	}
	return all[p].own().linkDensity() <= linkListDensity
}

// scriptNotice reports whether a block is the notice a page shows
// readers without scripts ("Please enable JavaScript", "This slideshow
// requires JavaScript", "JavaScript ist deaktiviert"): a short block that
// names JavaScript, the same word in every language, with the commonest
// verbs around it. The regular expression runs only on the blocks that
// name it.
func scriptNotice(text string) bool {
	return len(text) <= noticeBytes && (strings.Contains(text, "avaScript") || strings.Contains(text, "avascript") || strings.Contains(text, "AVASCRIPT")) &&
		scriptNoticeRE.MatchString(text)
}

var scriptNoticeRE = regexp.MustCompile(`(?i)^[^.!?]*\b(enable|enabled|disabled|activate|turn on|requires?|required|aktiviere\w*|activ\w*|habilit\w*|attiv\w*) [^.!?]*javascript|javascript (is |ist |est )?(disabled|required|deaktiviert|désactivé|desactivado|disattivato)\b`)
