package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/export"
	"github.com/claimex/claimex/fetch"
)

func (a *app) clean(ctx context.Context, args []string) error {
	fs := a.flags("clean")
	format := fs.String("format", "text", "output `format`: text or jsonl")
	rulesFile := fs.String("rules", "", "rules `file` (default: the built-in rules)")
	maxMB := fs.Int64("max-mb", corpus.DefaultMaxBytes>>20, "skip inputs larger than this many `MB`")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("name at least one file, folder or URL to clean")
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
	failed := 0
	fail := func(source string, err error) {
		failed++
		out.Flush()
		fmt.Fprintf(a.stderr, "claimex: %s: %v\n", source, err)
	}
	items := make(chan corpus.Item)
	go func() {
		defer close(items)
		corpus.Walk(ctx, paths, items, fail)
	}()
	first := true
	for it := range items {
		in, err := corpus.Read(it, *maxMB<<20)
		if err != nil {
			fail(it.Path, err)
			continue
		}
		doc, err := fetch.Clean(in, r)
		if err != nil {
			fail(it.Path, err)
			continue
		}
		if err := writeClean(out, *format, doc, first); err != nil {
			return err
		}
		first = false
	}
	if failed > 0 {
		return failedInputs{failed}
	}
	return nil
}

func writeClean(w io.Writer, format string, doc claimex.Document, first bool) error {
	if format == "jsonl" {
		b, err := json.Marshal(export.NewDocumentRecord(doc))
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
	_, err := fmt.Fprintf(w, "\n%s\n", doc.Text)
	return err
}
