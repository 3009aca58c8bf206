package main

import (
	"context"
	"fmt"
	"text/tabwriter"
)

func (a *app) documents(ctx context.Context, args []string) error {
	fs := a.flags("documents")
	db := a.dbFlag(fs)
	if err := parseNone(fs, args); err != nil {
		return err
	}
	st, err := a.open(ctx, *db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	docs, err := st.DocumentSummaries(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCOUNTS\tENTITIES\tPUBLISHED\tSOURCE\tTITLE")
	counts, entities := 0, 0
	for _, d := range docs {
		counts += d.Counts
		entities += d.Entities
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\t%s\n", d.ID, d.Counts, d.Entities, dash(printable(d.Published)), printable(d.Source), clip(d.Title, 60))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d %s, %d count claims, %d entity mentions\n", len(docs),
		plural(len(docs), "document", "documents"), counts, entities)
	return nil
}
