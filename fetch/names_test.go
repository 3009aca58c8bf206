package fetch

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// element parses one element.
func element(t *testing.T, s string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader("<body>" + s))
	if err != nil {
		t.Fatal(err)
	}
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found == nil && n.Type == html.ElementNode && n.Data != "html" && n.Data != "head" && n.Data != "body" {
			found = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return found
}

// TestFurnitureNames: a name that says furniture is furniture even when
// it says article too; an article's name beside it protects; an id made
// of a heading's words says nothing; captions are furniture even as
// paragraphs.
func TestFurnitureNames(t *testing.T) {
	tests := []struct {
		html string
		want bool
	}{
		{`<div class="related-posts">`, true},
		{`<div class="article-footer">`, true},
		{`<div class="post related">`, false},
		{`<div class="post-content">`, false},
		{`<div class="sidebar">`, true},
		{`<div id="getting-into-trouble-with-shared-mutable-history">`, false},
		{`<div id="share-bar">`, true},
		{`<div class="thread-view">`, false}, // "ad" must be a word
		{`<div class="top-ad">`, true},
		{`<div class="read-all">`, false},
		{`<p class="wp-caption-text">`, true},
		{`<p class="photo-credit">`, true},
		{`<p class="intro">`, false},
		{`<p class="share">`, false}, // a paragraph is text, whatever its name
		{`<article class="sidebar">`, false},
	}
	for _, tt := range tests {
		if got := furniture(element(t, tt.html)); got != tt.want {
			t.Errorf("furniture(%s) = %v, want %v", tt.html, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	for id, want := range map[string]bool{
		"getting-into-trouble-with-shared-mutable-history": true,
		"how_the_river_rose_over_night":                    true,
		"comments":                                         false,
		"story-continues-1":                                false,
		"a-b-c-d":                                          false, // words, but short: a name
	} {
		if got := slug(id); got != want {
			t.Errorf("slug(%q) = %v, want %v", id, got, want)
		}
	}
}

// TestIsLink: a link goes somewhere; a script's or the page's top does
// not.
func TestIsLink(t *testing.T) {
	for s, want := range map[string]bool{
		`<a href="/story">x</a>`:         true,
		`<a href="https://x.example/">x`: true,
		`<a href="#">x</a>`:              false,
		`<a href="javascript:void(0)">`:  false,
		`<a name="top">x</a>`:            false,
		`<span href="/x">x</span>`:       false,
	} {
		if got := isLink(element(t, s)); got != want {
			t.Errorf("isLink(%s) = %v, want %v", s, got, want)
		}
	}
}

// TestLetters: letters and commas of several scripts; a Chinese or
// Japanese character weighs more than a letter.
func TestLetters(t *testing.T) {
	tests := []struct {
		s              string
		letters, comma int
	}{
		{"a b, c", 4, 1},
		{"\u00a0x\u00a0", 1, 0},
		{"水位、上がった。", 8*cjkWeight - 2*cjkWeight + 2, 1}, // 、 and 。 are punctuation, a letter each
		{"فاض النهر، وغمرت", 14, 1},
	}
	for _, tt := range tests {
		n, c := letters(tt.s)
		if n != tt.letters || c != tt.comma {
			t.Errorf("letters(%q) = %d, %d, want %d, %d", tt.s, n, c, tt.letters, tt.comma)
		}
	}
}
