package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// page is one benchmark page: its HTML and the article text it holds.
type page struct {
	id    string
	html  []byte
	truth string
}

// set is a named collection of pages.
type set struct {
	name, dir string
	pages     []page
}

// loadAEB reads the article-extraction benchmark: ground-truth.json (id →
// articleBody) and html/<id>.html.gz.
func loadAEB(dir string) ([]page, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	var pages []page
	for id, t := range truth {
		h, err := gunzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, page{id: id, html: h, truth: t.ArticleBody})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].id < pages[j].id })
	return pages, nil
}

// loadReadability reads Mozilla Readability's test pages:
// pages/<name>/source.html.gz, and expected.html.gz whose text, block
// elements as line breaks, is the truth (as that folder's score script
// reads it).
func loadReadability(dir string) ([]page, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "pages"))
	if err != nil {
		return nil, err
	}
	var pages []page
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		d := filepath.Join(dir, "pages", e.Name())
		src, err := gunzip(filepath.Join(d, "source.html.gz"))
		if err != nil {
			return nil, err
		}
		want, err := gunzip(filepath.Join(d, "expected.html.gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, page{id: e.Name(), html: src, truth: htmlText(string(want))})
	}
	return pages, nil
}

// htmlText is the text of an HTML fragment, a line break at every tag,
// without the content of scripts, styles, noscript and templates.
func htmlText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			if skipTag(z) {
				skip++
			}
			b.WriteByte('\n')
		case html.EndTagToken:
			if skipTag(z) && skip > 0 {
				skip--
			}
			b.WriteByte('\n')
		case html.SelfClosingTagToken:
			b.WriteByte('\n')
		}
	}
}

func skipTag(z *html.Tokenizer) bool {
	name, _ := z.TagName()
	switch string(name) {
	case "script", "style", "noscript", "template":
		return true
	}
	return false
}

func gunzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}
