package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/export"
	"github.com/claimex/claimex/fetch"
	"github.com/claimex/claimex/pipeline"
)

func (a *app) clean(ctx context.Context, args []string) error {
	fs := a.flags("clean")
	format := fs.String("format", "text", "output `format`: text or jsonl")
	rulesFile := fs.String("rules", "", "rules `file` (default: the built-in rules)")
	maxMB := fs.Int64("max-mb", corpus.DefaultMaxBytes>>20, "skip inputs larger than this many `MB`")
	web := webFlags(fs)
	paths, problems, err := a.inputs(fs, args, web, "clean")
	if err != nil {
		return err
	}
	if *format != "text" && *format != "jsonl" {
		return usagef("--format must be text or jsonl")
	}
	r, err := a.loadRules(*rulesFile)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(a.stdout)
	defer out.Flush()
	failed := problems
	// The walker reports from its own goroutine while the loop below
	// reports and prints: one at a time.
	var mu sync.Mutex
	fail := func(source string, err error) {
		mu.Lock()
		defer mu.Unlock()
		failed++
		out.Flush()
		fmt.Fprintf(a.stderr, "claimex: %s: %s\n", printable(source), printable(err.Error()))
		web.hint(a, err)
	}
	var client *fetch.Client
	if slices.ContainsFunc(paths, corpus.IsURL) {
		client = web.client(a)
	}
	items := make(chan corpus.Item)
	var tally corpus.Tally
	go func() {
		defer close(items)
		tally, _ = corpus.Walk(ctx, paths, items, fail)
	}()
	first := true
	show := func(in claimex.Input) error {
		doc, err := fetch.Clean(in, r)
		if err != nil {
			fail(in.Source, err)
			return nil
		}
		doc.FetchedAt = in.FetchedAt
		mu.Lock()
		err = writeClean(out, *format, doc, first)
		mu.Unlock()
		first = false
		return err
	}
	for it := range items {
		if it.WARC {
			if err := a.cleanWARC(ctx, client, it, *maxMB<<20, show, fail); err != nil {
				return err
			}
			continue
		}
		in, err := a.cleanInput(ctx, client, it, *maxMB<<20)
		if err != nil {
			fail(it.Source(), err)
			continue
		}
		if err := show(in); err != nil {
			return err
		}
	}
	// The walk is over once items is closed. What it passed over is said
	// on stderr, so that a folder of files of another type does not
	// look like a folder of empty articles.
	if skipped := tally.Hidden + tally.Other; skipped > 0 || tally.Found == 0 {
		fmt.Fprintf(a.stderr, "claimex clean: %d inputs read; skipped %d (%d hidden, %d of other types)\n",
			tally.Found, skipped, tally.Hidden, tally.Other)
	}
	if failed > 0 {
		return failedInputs{failed}
	}
	return nil
}

// cleanInput reads a file or fetches a URL.
func (a *app) cleanInput(ctx context.Context, client *fetch.Client, it corpus.Item, max int64) (claimex.Input, error) {
	if it.URL == "" {
		return corpus.Read(it, max)
	}
	in, _, err := pipeline.FetchInput(ctx, client, it.URL, fetch.Validators{})
	return in, err
}

// cleanWARC cleans and prints the pages of a web archive, a file or a
// URL downloaded first; bad records and a file that cannot be read are
// failures. Its error is writing's.
func (a *app) cleanWARC(ctx context.Context, client *fetch.Client, it corpus.Item, max int64,
	show func(claimex.Input) error, fail func(string, error)) error {
	path := it.Path
	if it.URL != "" {
		tmp, err := pipeline.DownloadWARC(ctx, client, it.URL)
		if err != nil {
			fail(it.URL, err)
			return nil
		}
		defer os.Remove(tmp)
		path = tmp
	}
	var werr error
	_, err := corpus.ReadWARCFile(ctx, path, it.Source(), max, func(p corpus.Page) error {
		if p.Err != nil {
			fail(p.Location, p.Err)
			return nil
		}
		werr = show(p.Input)
		return werr
	})
	if werr != nil {
		return werr
	}
	if err != nil {
		fail(it.Source(), err)
	}
	return nil
}

// writeClean prints a cleaned input: its metadata, and the article's own
// text (the title is a field of its own, so a headline that cleaning put
// before the text for extraction is left out).
func writeClean(w io.Writer, format string, doc claimex.Document, first bool) error {
	if format == "jsonl" {
		rec := export.NewDocumentRecord(doc)
		rec.Text = doc.Body()
		b, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	if !first {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "== %s\n", doc.Source)
	for _, f := range []struct{ name, v string }{{"title", doc.Title}, {"published", doc.Published},
		{"byline", doc.Byline}, {"site", doc.Site}, {"url", doc.URL}, {"lang", doc.Lang}} {
		if f.v != "" {
			fmt.Fprintf(w, "%s: %s\n", f.name, f.v)
		}
	}
	_, err := fmt.Fprintf(w, "\n%s\n", doc.Body())
	return err
}
