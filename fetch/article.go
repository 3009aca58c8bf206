package fetch

import (
	"context"
	"fmt"
	"strings"

	"github.com/claimex/claimex/rules"
	"golang.org/x/net/html"
)

// How the article of a page is found. The page is parsed once, and
// passes over its tree, each linear in its size and each looking at the
// time budget every budgetEvery nodes, find the article:
//
//  1. prune (prune.go) removes what never holds article text: scripts,
//     styles, forms, navigation, figures and their captions, hidden
//     elements, readers' comments.
//  2. score (score.go) gives every element that holds paragraphs a score,
//     Readability's way: each paragraph adds to its parent and half as
//     much to its grandparent, by its length and commas; line breaks
//     split text without <p> into the paragraphs it reads as; class and
//     id names weigh in (classes.go); links discount. Scoring is strict
//     first — paragraphs inside page furniture count for nothing — and
//     lenient when that finds less than retryLetters. Ties go to the
//     first in document order, so the same bytes give the same text.
//  3. gather (gather.go) takes the best element (its container, for a
//     table or list) with the parts an article cut into pieces has:
//     siblings that score or read as paragraphs, boxes that share its tag
//     and a class of its own, strong candidates nearby.
//  4. filter (collect.go, filter.go, teaser.go) collects the blocks of
//     the parts, leaving out furniture inside, and drops the boxes that
//     tease other stories, lists of links (not a table's linked cells, nor
//     a post of links), notices for readers without scripts, the headline
//     again, the rules' boilerplate lines, patterns and closing sections,
//     and a heading left last.
//
// Then a check (fallback.go), trafilatura's idea: a fallback that needs
// no container judges every block of the page by its length, links and
// sentences and by its neighbours, as jusText does. When the main text
// is empty, or the two disagree and the fallback holds far more prose,
// the fallback's is kept. A page where both find nothing is read once
// more with its hidden elements (a consent dialog hides the page behind
// it), and at worst every block of it is its text: never nothing from a
// page that has text.
//
// The thresholds, in letters (runes other than spaces; a CJK character
// counts cjkWeight) and shares:
const (
	// paragraphLetters is the length of a paragraph of real text.
	paragraphLetters = 80
	// minScoredLetters is the least a paragraph needs to score.
	minScoredLetters = 25
	// listItemWeight is what a list item's text weighs in scoring, against
	// a paragraph's: lists hold articles too, and menus.
	listItemWeight = 0.5
	// classWeightText is the text at which a container's names weigh in
	// full.
	classWeightText = 500
	// retryLetters: strict scoring that finds less than this is retried
	// leniently.
	retryLetters = 500
	// furnitureParagraphs paragraphs of real text keep an element named
	// like furniture, unless more than furnitureLinks of its text is
	// links or it holds less than wrapperShare of the part's text: class
	// names also mark wrappers ("sliderBox", "read-more").
	furnitureParagraphs = 3
	furnitureLinks      = 0.3
	wrapperShare        = 0.5
	// Parts of an article cut into pieces: minPartScore is the least a
	// part scores; one nearbyPartShare as good as the best, sharing an
	// ancestor nearbyLevels up, is a part.
	minPartScore    = 3
	nearbyPartShare = 0.5
	nearbyLevels    = 4
	// A sibling strongSiblingShare as good as the best makes their parent
	// the article; one siblingShare as good, or scoring minSiblingScore,
	// is a part; so is a sibling paragraph of paragraphLetters with less
	// than siblingParagraphLinks of it links.
	strongSiblingShare    = 0.33
	siblingShare          = 0.2
	minSiblingScore       = 10
	siblingParagraphLinks = 0.25
	// A block more than linkListDensity links and shorter than
	// linkListRunes is a list of links, dropped unless the list items
	// among them are linkPostShare times the rest of the text.
	linkListDensity = 0.5
	linkListRunes   = 200
	linkPostShare   = 2.0
	// A notice for readers without scripts is at most noticeBytes long.
	noticeBytes = 300
	// Teasers (teaser.go): teaserCards boxes or more alike, each at most
	// teaserLetters, opening — after at most teaserKicker letters — with a
	// link of teaserHeadline letters in a block of its own and
	// teaserExcerpt more after it, found up to teaserLevels above a block;
	// kept when the other text is less than teaserRest.
	teaserCards    = 3
	teaserLetters  = 400
	teaserKicker   = 30
	teaserHeadline = 15
	teaserExcerpt  = 20
	teaserLevels   = 4
	teaserRest     = 2 * paragraphLetters
	// The fallback (fallback.go): a block more than fallbackLinks links is
	// bad, one of fallbackLong letters good, one of fallbackMiddling that
	// reads as sentences good beside another such; its text is picked
	// when less than pickAgree of each text is the other's and it holds
	// pickGain times the main text's prose, and pickProse letters.
	fallbackLinks    = 0.3
	fallbackLong     = 200
	fallbackMiddling = 70
	pickAgree        = 0.5
	pickGain         = 2.0
	pickProse        = 300
	// cjkWeight is what a Chinese or Japanese character counts: a word
	// in a character or two, against five or six letters.
	cjkWeight = 2
	// An id of slugWords words or more and slugLength bytes or more is a
	// heading's words (classes.go), not a name.
	slugWords  = 4
	slugLength = 25
)

// ancestorShare is the share of a paragraph's score its parent gets, its
// grandparent, and so on up.
var ancestorShare = [...]float64{1, 0.5}

// Page is what the cleaner finds in an HTML page: its metadata and the
// text of its article, without the headline.
type Page struct {
	Title, Published, Byline, Site, URL, Lang string
	// Body is the article's text, one paragraph a line, blank lines
	// between.
	Body string
}

// HTML decodes and parses an HTML page and extracts its article, leaving
// out the paragraphs that the rules' boilerplate lines and patterns match
// (nil rules: none).
func HTML(b []byte, contentType string, r *rules.Rules) (Page, error) {
	return htmlPage(context.Background(), b, contentType, r)
}

func htmlPage(ctx context.Context, b []byte, contentType string, r *rules.Rules) (Page, error) {
	s, err := Decode(b, contentType)
	if err != nil {
		return Page{}, err
	}
	// A page of more elements than any article has is refused before
	// it is parsed: its tree would hold hundreds of bytes for each.
	if err := checkTags(ctx, s, MaxElements); err != nil {
		return Page{}, err
	}
	root, err := parse(ctx, s)
	if err != nil {
		return Page{}, err
	}
	bud := &budget{ctx: ctx}
	var p Page
	readMeta(root, &p)
	hid := prune(root, false, bud)
	all := measureAll(root, bud)
	p.Body = joinBlocks(articleText(root, all, p.Title, r, bud))
	if p.Body == "" && bud.spent() == nil {
		// Nothing found: a page may hide its text until a script shows
		// it, or a consent dialog hide the page behind it. Once more with
		// the hidden elements, if there were any, and at worst every block
		// of the page, boilerplate and all.
		var texts []string
		if hid {
			if root, err = parse(ctx, s); err != nil {
				return Page{}, err
			}
			prune(root, true, bud)
			all = measureAll(root, bud)
			texts = articleText(root, all, p.Title, r, bud)
		}
		if len(texts) == 0 {
			texts = everything(root, all, bud)
		}
		p.Body = joinBlocks(texts)
	}
	return p, bud.spent()
}

// parse parses a decoded page.
func parse(ctx context.Context, s string) (*html.Node, error) {
	// The parser refuses pages nested deeper than 512 elements, which
	// bounds the depth of the passes that follow.
	root, err := html.Parse(&budgetReader{ctx: ctx, r: strings.NewReader(s)})
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	// Misnested formatting tags make the parser copy elements: the tree
	// can be larger than the tags.
	if countElements(root, MaxElements) > MaxElements {
		return nil, &TooManyElementsError{Max: MaxElements}
	}
	return root, nil
}

// articleText finds the article under root, whose elements all
// measures, and returns its paragraphs:
// the main text, strictly scored, or leniently if that finds too little,
// unless the fallback's is better (see pick). The rules apply to the one
// kept.
func articleText(root *html.Node, all map[*html.Node]facts, title string, r *rules.Rules, b *budget) []string {
	if b.spent() != nil {
		return nil
	}
	main, found := mainBlocks(root, all, true, title, b)
	if !found || blockLetters(main) < retryLetters {
		if lenient, _ := mainBlocks(root, all, false, title, b); blockLetters(lenient) > blockLetters(main) {
			main = lenient
		}
	}
	fb := fallbackBlocks(root, all, title, b)
	if pick(textsOf(main), textsOf(fb)) {
		return textsOf(withRules(fb, r, b))
	}
	if texts := textsOf(withRules(main, r, b)); len(texts) > 0 || len(fb) == 0 {
		return texts
	}
	// The main text was all boilerplate.
	return textsOf(withRules(fb, r, b))
}

// mainBlocks are the tidied blocks of the best container and the parts
// gathered with it, strictly scored or not; found is false when strict
// scoring finds no candidate outside page furniture.
func mainBlocks(root *html.Node, all map[*html.Node]facts, strict bool, title string, b *budget) (blocks []block, found bool) {
	sc := score(root, all, strict, b)
	if sc.best == nil || b.spent() != nil {
		return nil, false
	}
	parts := gather(root, sc, all, b)
	return tidy(collectParts(parts, all, skipper(all), b), all, title, b), true
}

// skipper returns what leaves out page furniture: the elements whose
// names mark them as furniture, unless they hold an element marked as an
// article's body (a wrapper named "sliderBox" around an <article>) or
// furnitureParagraphs paragraphs of real text, not mostly links, that are
// wrapperShare of the part's text (a "read-more" wrapper around the rest
// of an article; not related posts with their excerpts).
func skipper(all map[*html.Node]facts) func(part, n *html.Node) bool {
	return func(part, n *html.Node) bool {
		if !furniture(n) {
			return false
		}
		f := all[n]
		if f.holdsBody {
			return false
		}
		wrapper := f.paragraphs >= furnitureParagraphs && f.own().linkDensity() <= furnitureLinks &&
			float64(f.text) >= wrapperShare*float64(all[part].text)
		return !wrapper
	}
}

// blockLetters counts the letters of blocks.
func blockLetters(blocks []block) int {
	n := 0
	for _, bl := range blocks {
		n += bl.letters
	}
	return n
}

func foldSpace(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
