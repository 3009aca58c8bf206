package main

import (
	"context"
	"fmt"

	"github.com/claimex/claimex/pipeline"
)

func (a *app) importShards(ctx context.Context, args []string) error {
	fs := a.flags("import")
	db := a.dbFlag(fs)
	shards, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(shards) == 0 {
		return usagef("name at least one shard to import")
	}
	st, err := a.open(ctx, *db, createDB)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := pipeline.Import(ctx, pipeline.ImportConfig{Store: st, Shards: shards,
		OnError: func(name string, err error) {
			fmt.Fprintf(a.stderr, "claimex: %s (nothing of %s was imported)\n", printable(err.Error()), printable(name))
		}})
	for _, id := range rep.Abandoned {
		fmt.Fprintf(a.stdout, "run %d had been interrupted; what it staged is cleared\n", id)
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted; the %d new documents stored so far are kept", rep.New)
		}
		return err
	}
	fmt.Fprintf(a.stdout, "imported %d %s (%d refused): %d new %s, %d already stored with the same claims, %d with other claims",
		rep.Shards, plural(rep.Shards, "shard", "shards"), rep.Bad, rep.New, plural(rep.New, "document", "documents"),
		rep.Same, rep.Replaced.Diff.Documents)
	if rep.Failures > 0 {
		fmt.Fprintf(a.stdout, "; %d failed %s recorded", rep.Failures, plural(rep.Failures, "input", "inputs"))
	}
	fmt.Fprintln(a.stdout)
	if rep.New > 0 {
		fmt.Fprintf(a.stdout, "stored %d count claims and %d entity mentions as run %d; %d entities in all\n",
			rep.Counts, rep.Mentions, rep.IngestRun, rep.Entities)
	}
	if rep.Replaced.RunID != 0 {
		printDiff(a.stdout, rep.Replaced)
	}
	if rep.Bad > 0 {
		return failedInputs{rep.Bad}
	}
	return nil
}
