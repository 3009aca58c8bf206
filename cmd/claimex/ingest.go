package main

import (
	"context"
	"fmt"

	"github.com/claimex/claimex/corpus"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

func (a *app) ingest(ctx context.Context, args []string) error {
	fs := a.flags("ingest")
	db := a.dbFlag(fs)
	jobs := fs.Int("j", 0, "number of parallel workers (default: one per core)")
	rulesFile := fs.String("rules", "", "rules `file` (default: the built-in rules)")
	maxMB := fs.Int64("max-mb", corpus.DefaultMaxBytes>>20, "skip inputs larger than this many `MB`")
	maxTextMB := fs.Int64("max-text-mb", pipeline.DefaultMaxText>>20, "skip inputs whose clean text is longer than this many `MB`")
	budget := fs.Duration("budget", pipeline.DefaultBudget, "give up on an input whose cleaning and extraction take longer than this")
	verbose := fs.Bool("v", false, "print a line for every document stored")
	web := webFlags(fs)
	paths, problems, err := a.inputs(fs, args, web, "ingest")
	if err != nil {
		return err
	}
	x, err := a.extractor(*rulesFile)
	if err != nil {
		return err
	}
	st, err := a.open(ctx, *db, createDB)
	if err != nil {
		return err
	}
	defer st.Close()

	bar := a.progress(ctx, "ingest", func() int { return corpus.Count(ctx, paths) })
	rep, err := pipeline.Ingest(ctx, pipeline.Config{
		Store:     st,
		Extractor: x,
		Paths:     paths,
		Client:    web.client(a),
		Workers:   *jobs,
		MaxBytes:  *maxMB << 20,
		MaxText:   *maxTextMB << 20,
		Budget:    *budget,
		Progress:  bar.add,
		OnError: func(source string, err error) {
			bar.clear()
			fmt.Fprintf(a.stderr, "claimex: %s: %s\n", printable(source), printable(err.Error()))
			web.hint(a, err)
		},
		OnWritten: func(w store.Written) {
			if *verbose {
				bar.clear()
				fmt.Fprintf(a.stdout, "  + %s: %d claims\n", w.Source, w.Claims)
			}
		},
	})
	bar.finish()
	if err != nil {
		return err
	}
	rep.Failed += problems
	for _, id := range rep.Abandoned {
		fmt.Fprintf(a.stdout, "run %d had been interrupted; its stored documents are kept\n", id)
	}
	a.printIngestReport(rep)
	if rep.Interrupted {
		return fmt.Errorf("interrupted; the %d documents stored so far are kept", rep.New)
	}
	if rep.Failed > 0 {
		fmt.Fprintf(a.stdout, "%d %s failed; 'claimex failures' lists them with the reasons\n",
			rep.Failed, plural(rep.Failed, "input", "inputs"))
		return failedInputs{rep.Failed}
	}
	return nil
}

func (a *app) printIngestReport(rep pipeline.Report) {
	fmt.Fprintf(a.stdout, "ingested %d new %s (%d already stored, %d failed)",
		rep.New, plural(rep.New, "document", "documents"), rep.Known, rep.Failed)
	if skipped := rep.Hidden + rep.Other; skipped > 0 {
		fmt.Fprintf(a.stdout, "; skipped %d (%d hidden, %d of other types)", skipped, rep.Hidden, rep.Other)
	}
	fmt.Fprintln(a.stdout)
	if w := rep.WARC; w.Archives > 0 {
		a.printWARCTally(w)
	}
	if rep.Fetched > 0 {
		fmt.Fprintf(a.stdout, "fetched %d %s, %d unchanged since the last ingest\n",
			rep.Fetched, plural(rep.Fetched, "URL", "URLs"), rep.Unchanged)
	}
	if rep.New > 0 {
		fmt.Fprintf(a.stdout, "stored %d count claims and %d entity mentions as run %d; %d entities in all, %d %s\n",
			rep.Counts, rep.Mentions, rep.RunID, rep.Entities, rep.Events, plural(rep.Events, "event", "events"))
	}
}

// printWARCTally says what the web archives read held.
func (a *app) printWARCTally(w corpus.WARCTally) {
	fmt.Fprintf(a.stdout, "read %d %s: %d %s in %d %s (%d holding no page, %d not HTML, %d bad)\n",
		w.Archives, plural(w.Archives, "web archive", "web archives"), w.Pages, plural(w.Pages, "page", "pages"),
		w.Records, plural(w.Records, "record", "records"), w.Other, w.NotHTML, w.Bad)
}

// extractor returns an extractor with the rules in file, or the built-in
// rules.
func (a *app) extractor(file string) (*extract.Extractor, error) {
	r, err := a.loadRules(file)
	if err != nil {
		return nil, err
	}
	return extract.New(r)
}

// loadRules returns the rules in file, or the built-in rules.
func (a *app) loadRules(file string) (*rules.Rules, error) {
	if file == "" {
		return rules.Default(), nil
	}
	return rules.Load(file)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
