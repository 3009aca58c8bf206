// Package fetch turns an input's bytes into a Document: it decodes the
// charset, strips page clutter (HTML boilerplate, or lines such as "Leave
// a Reply" and "8 + 1 =" in scraped text) and reads the metadata it can
// find (title, publication date). The clean text it produces is what every
// claim offset points into.
package fetch

import (
	"context"
	"errors"
	"fmt"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
)

// ErrNoText reports an input that holds no article text after cleaning.
var ErrNoText = errors.New("no article text found")

// Clean decodes and cleans an input with the boilerplate lists of r.
func Clean(in claimex.Input, r *rules.Rules) (claimex.Document, error) {
	return CleanContext(context.Background(), in, r)
}

// CleanContext is Clean that gives up when ctx ends, returning ctx's
// error: a time budget for one input. HTML parsing checks ctx as it
// reads, the other steps between them.
func CleanContext(ctx context.Context, in claimex.Input, r *rules.Rules) (claimex.Document, error) {
	doc := claimex.Document{Source: in.Source, Hash: in.Hash, Format: in.Format, Raw: in.Bytes, ContentType: in.ContentType}
	if in.Format == claimex.FormatHTML {
		if err := cleanHTML(ctx, in.Bytes, in.ContentType, r, &doc); err != nil {
			return doc, err
		}
		if doc.Text == "" {
			return doc, ErrNoText
		}
		return doc, nil
	}
	s, err := decode(in.Bytes, in.Format, in.ContentType)
	if err != nil {
		return doc, err
	}
	if err := ctx.Err(); err != nil {
		return doc, err
	}
	switch in.Format {
	case claimex.FormatMarkdown:
		cleanText(stripMarkdown(s), r, &doc)
	default:
		cleanText(s, r, &doc)
	}
	if doc.Text == "" {
		return doc, ErrNoText
	}
	return doc, ctx.Err()
}

// CleanError wraps a cleaning problem with the input it concerns.
func CleanError(source string, err error) error {
	return fmt.Errorf("clean %s: %w", source, err)
}
