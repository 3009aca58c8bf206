package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/fetch"
)

// FetchInput retrieves a URL as an input, conditionally when prev holds
// the validators of the copy stored. On a 304 the response says
// NotModified and the input is empty. Pages of types that hold no article
// (images, PDFs) are an error.
func FetchInput(ctx context.Context, client *fetch.Client, url string, prev fetch.Validators) (claimex.Input, *fetch.Response, error) {
	if client == nil {
		return claimex.Input{}, nil, errors.New("fetch: no HTTP client configured")
	}
	resp, err := client.Get(ctx, url, prev)
	if err != nil {
		return claimex.Input{}, nil, fmt.Errorf("fetch: %w", err)
	}
	if resp.NotModified {
		return claimex.Input{}, resp, nil
	}
	format, ok := fetch.FormatOf(resp.ContentType)
	if !ok {
		return claimex.Input{}, nil, fmt.Errorf("fetch: %s is not an article", resp.ContentType)
	}
	in := corpus.FromBytes(url, format, resp.Body)
	in.ContentType = resp.ContentType
	in.FetchedAt = time.Now()
	return in, resp, nil
}

// retrieve fetches a URL for an ingest, conditionally when its last copy
// is stored. An unchanged page comes back as an outcome marked unchanged.
func retrieve(ctx context.Context, cfg Config, u string) (claimex.Input, *claimex.Fetch, outcome) {
	last, ok, err := cfg.Store.LastFetch(ctx, u)
	if err != nil {
		return claimex.Input{}, nil, outcome{source: u, err: err}
	}
	var prev fetch.Validators
	if ok {
		prev = fetch.Validators{ETag: last.ETag, LastModified: last.LastModified}
	}
	in, resp, err := FetchInput(ctx, cfg.Client, u, prev)
	if err != nil {
		return claimex.Input{}, nil, outcome{source: u, err: err}
	}
	f := &claimex.Fetch{URL: u, FinalURL: resp.URL, ETag: resp.ETag, LastModified: resp.LastModified,
		Hash: in.Hash, FetchedAt: time.Now()}
	if resp.NotModified {
		f.Hash = last.Hash
		return claimex.Input{}, nil, outcome{source: u, known: true, unchanged: true, fetch: f}
	}
	return in, f, outcome{}
}
