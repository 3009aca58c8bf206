package fetch

import (
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/net/html"
)

// What the class and id of an element say of it. Each list holds
// fragments of class names: a fragment matches anywhere in a name, or, in
// angle brackets, only as a whole word ("<ad>" matches "ad" and "top-ad",
// not "head"). Matching is case-insensitive.
var (
	// unlikelyNames mark page furniture.
	unlikelyNames = newFragments("comment share sharing social related recommend newsletter subscri signup sign-up " +
		"promo advert <ad> <ads> sponsor sidebar widget breadcrumb cookie consent modal popup paywall footer " +
		"<nav nav- navbar menu masthead toolbar print rating disqus outbrain taboola trending mostpopular most-popular " +
		"morestories more-stories readmore read-more pagination pager authorbio author-bio aboutthe about-the " +
		"<tags> tag-list taglist byline dateline timestamp skip jump hidden banner carousel slider gallery lightbox " +
		"rail teaser alsoread also-read caption credit infobox callout pullquote pull-quote donate membership " +
		"hovercard tooltip popover rollover-people-block rollover-block")
	// likelyNames mark article containers.
	likelyNames = newFragments("article <body content entry main <post story <text blog prose")
	// commentNames mark readers' comments, removed wherever they are.
	commentNames = newFragments("comment disqus <respond> replies <reply> talkback discussion")
	// bodyNames mark article bodies, which no other list removes.
	bodyNames = newFragments("articlebody article-body article_body postcontent post-content post_content " +
		"entrycontent entry-content entry_content storybody story-body story_body maincontent main-content main_content")
	// captionNames mark captions and credits, whatever element holds
	// them.
	captionNames = newFragments("caption credit")
	// datelineNames mark the place and date that open an article's first
	// paragraph ("WASHINGTON (AP) —").
	datelineNames = newFragments("dateline")
	// embedNames mark posts quoted by the article ("twitter-tweet").
	embedNames = newFragments("embed twitter-tweet instagram-media tiktok")
)

// fragment is one entry of a list: text, and whether it must start or
// end a word.
type fragment struct {
	text         string
	start, whole bool
}

type fragments []fragment

func newFragments(list string) fragments {
	var out fragments
	for _, f := range strings.Fields(list) {
		fr := fragment{}
		if strings.HasPrefix(f, "<") {
			fr.start, f = true, f[1:]
		}
		if strings.HasSuffix(f, ">") {
			fr.whole, f = true, f[:len(f)-1]
		}
		fr.text = f
		out = append(out, fr)
	}
	return out
}

// match reports whether lower (lower-cased names) holds a fragment.
func (fs fragments) match(lower string) bool {
	for _, f := range fs {
		for from := 0; from < len(lower); {
			i := strings.Index(lower[from:], f.text)
			if i < 0 {
				break
			}
			i += from
			end := i + len(f.text)
			if (!f.start || i == 0 || !isNameChar(lower[i-1])) && (!f.whole || end == len(lower) || !isNameChar(lower[end])) {
				return true
			}
			from = i + 1
		}
	}
	return false
}

func isNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}

// names is what an element's class and id say of it.
type names struct {
	unlikely, likely, comments, body, embed, caption, dateline, empty bool
}

// nameCache remembers what class and id strings say: they repeat all over
// a page and across a site's pages. It holds at most maxCachedNames.
var (
	nameCache  sync.Map // string → names
	cachedName atomic.Int64
)

const maxCachedNames = 100_000

func namesOf(n *html.Node) names {
	class, id := attr(n, "class"), attr(n, "id")
	if slug(id) {
		id = ""
	}
	if class == "" && id == "" {
		return names{empty: true}
	}
	nm := namesIn(class)
	if id != "" {
		o := namesIn(id)
		nm.unlikely, nm.likely, nm.comments, nm.body = nm.unlikely || o.unlikely, nm.likely || o.likely, nm.comments || o.comments, nm.body || o.body
		nm.embed, nm.caption, nm.dateline = nm.embed || o.embed, nm.caption || o.caption, nm.dateline || o.dateline
	}
	return nm
}

// namesIn is what a class or id string says.
func namesIn(s string) names {
	if v, ok := nameCache.Load(s); ok {
		return v.(names)
	}
	lower := strings.ToLower(s)
	nm := names{comments: commentNames.match(lower), body: bodyNames.match(lower), embed: embedNames.match(lower),
		caption: captionNames.match(lower), dateline: datelineNames.match(lower)}
	// Name by name, a name that says furniture is furniture even if it
	// says article too ("related-posts", "article-footer"); an article's
	// name beside it wins ("post related").
	for _, name := range strings.Fields(lower) {
		switch {
		case unlikelyNames.match(name):
			nm.unlikely = true
		case likelyNames.match(name):
			nm.likely = true
		}
	}
	if len(s) < 200 && cachedName.Load() < maxCachedNames {
		if _, loaded := nameCache.LoadOrStore(s, nm); !loaded {
			cachedName.Add(1)
		}
	}
	return nm
}

// slug reports whether an id is made from a heading's words
// ("getting-into-trouble-with-shared-mutable-history"), so says what
// the text is about, not what the element is.
func slug(id string) bool {
	if len(id) < slugLength {
		return false
	}
	words := 1
	for i := 0; i < len(id); i++ {
		if id[i] == '-' || id[i] == '_' {
			words++
		}
	}
	return words >= slugWords
}
