package fetch

import (
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// What the class and id of an element say of it. Each list holds
// fragments of class names: a fragment matches anywhere in a name, or, in
// angle brackets, only as a whole word ("<ad>" matches "ad" and "top-ad",
// not "head"). Matching is case-insensitive.
var (
	// unlikelyNames mark page furniture.
	unlikelyNames = newFragments("comment share sharing social related recommend newsletter subscri signup sign-up " +
		"promo advert <ad> <ads> ad- -ad sponsor sidebar widget breadcrumb cookie consent modal popup paywall footer " +
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
	unlikely, likely, comments, body, embed, empty bool
}

// nameCache remembers what class and id strings say: they repeat all over
// a page and across a site's pages.
var nameCache sync.Map // string → names

func namesOf(n *html.Node) names {
	key := attr(n, "class") + " " + attr(n, "id")
	if len(key) == 1 {
		return names{empty: true}
	}
	if v, ok := nameCache.Load(key); ok {
		return v.(names)
	}
	lower := strings.ToLower(key)
	nm := names{unlikely: unlikelyNames.match(lower), likely: likelyNames.match(lower),
		comments: commentNames.match(lower), body: bodyNames.match(lower), embed: embedNames.match(lower)}
	if len(key) < 200 {
		nameCache.Store(key, nm)
	}
	return nm
}
