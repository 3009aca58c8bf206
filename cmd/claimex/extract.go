package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/store"
)

// envCrashAfter makes extract stop hard, as a crash or kill would, once
// that many documents are staged: tests use it to show that an
// interrupted run leaves the database as it was.
const envCrashAfter = "CLAIMEX_CRASH_AFTER"

func (a *app) extract(ctx context.Context, args []string) error {
	fs := a.flags("extract")
	db := a.dbFlag(fs)
	jobs := fs.Int("j", 0, "number of parallel workers (default: one per core)")
	rulesFile := fs.String("rules", "", "rules `file` (default: the built-in rules)")
	reclean := fs.Bool("reclean", false, "clean the stored raw bytes again before extracting")
	budget := fs.Duration("budget", pipeline.DefaultBudget, "give up on a document whose extraction takes longer than this (it keeps its claims)")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	x, err := a.extractor(*rulesFile)
	if err != nil {
		return err
	}
	st, err := a.open(ctx, *db, writeDB)
	if err != nil {
		return err
	}
	defer st.Close()
	total, err := st.DocumentCount(ctx)
	if err != nil {
		return err
	}
	bar := a.progress(ctx, "extract", func() int { return total })
	cfg := pipeline.ExtractConfig{Store: st, Extractor: x, Reclean: *reclean, Workers: *jobs, Budget: *budget, Progress: bar.add,
		OnError: func(source string, err error) {
			bar.clear()
			fmt.Fprintf(a.stderr, "claimex: %s: %v (its claims stay as they were)\n", source, err)
		}}
	if n, err := strconv.Atoi(a.getenv(envCrashAfter)); err == nil && n > 0 {
		cfg.BatchSize = 1 // stop between documents
		cfg.AfterBatch = func(staged int) {
			if staged >= n {
				os.Exit(3)
			}
		}
	}
	rep, err := pipeline.Reextract(ctx, cfg)
	bar.finish()
	for _, id := range rep.Abandoned {
		fmt.Fprintf(a.stdout, "run %d had been interrupted; what it staged is cleared\n", id)
	}
	if rep.Interrupted {
		return fmt.Errorf("interrupted; run %d abandoned, the previous claims are current", rep.RunID)
	}
	if err != nil {
		return err
	}
	printDiff(a.stdout, rep)
	if rep.Failed > 0 {
		return failedInputs{rep.Failed}
	}
	return nil
}

// printDiff prints what a re-extraction changed, per category, and where
// the reviews stand.
func printDiff(w io.Writer, rep pipeline.ExtractReport) {
	d := rep.Diff
	fmt.Fprintf(w, "run %d: %d %s re-extracted (%d failed)\n", rep.RunID, d.Documents,
		plural(d.Documents, "document", "documents"), rep.Failed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "CATEGORY\tNEW\tGONE\tCHANGED\tUNCHANGED\t")
	var sum store.DiffRow
	for _, r := range d.Rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", r.Label, r.New, r.Gone, r.Changed, r.Unchanged)
		sum.New, sum.Gone, sum.Changed, sum.Unchanged = sum.New+r.New, sum.Gone+r.Gone, sum.Changed+r.Changed, sum.Unchanged+r.Unchanged
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\t\n", sum.New, sum.Gone, sum.Changed, sum.Unchanged)
	tw.Flush()
	fmt.Fprintf(w, "reviews: %d carried, %d changed (back in the queue), %d orphaned (kept)\n",
		d.Reviews[store.ReviewCarried], d.Reviews[store.ReviewChanged], d.Reviews[store.ReviewOrphaned])
	fmt.Fprintf(w, "%d entities in all, %d %s\n", rep.Entities, rep.Events, plural(rep.Events, "event", "events"))
}
