package main

import (
	"bytes"

	"github.com/claimex/claimex/fetch"
	"github.com/claimex/claimex/rules"
	readability "github.com/go-shiori/go-readability"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// extractors are the contenders. Each gets the page's bytes decoded to
// UTF-8 the same way (go-trafilatura's own reader fails on some
// charsets), and parses them itself.
func extractors() []extractor {
	return []extractor{
		{"claimex", func(b []byte) (string, error) {
			p, err := fetch.HTML(b, "", rules.Default())
			return p.Body, err
		}},
		{"go-trafilatura", trafila(false)},
		{"go-trafilatura (fallback)", trafila(true)},
		{"go-readability", func(b []byte) (string, error) {
			doc, err := parse(b)
			if err != nil {
				return "", err
			}
			a, err := readability.FromDocument(doc, nil)
			return a.TextContent, err
		}},
	}
}

func trafila(fallback bool) func([]byte) (string, error) {
	return func(b []byte) (string, error) {
		doc, err := parse(b)
		if err != nil {
			return "", err
		}
		r, err := trafilatura.ExtractDocument(doc, trafilatura.Options{EnableFallback: fallback, ExcludeComments: true})
		if err != nil {
			return "", err
		}
		return r.ContentText, nil
	}
}

func parse(b []byte) (*html.Node, error) {
	s, err := fetch.Decode(b, "")
	if err != nil {
		return nil, err
	}
	return html.Parse(bytes.NewReader([]byte(s)))
}
