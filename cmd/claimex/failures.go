package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"
)

func (a *app) failures(ctx context.Context, args []string) error {
	fs := a.flags("failures")
	db := a.dbFlag(fs)
	format := fs.String("format", "text", "output `format`: text or jsonl")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "jsonl" {
		return usagef("unknown format %q (want text or jsonl)", *format)
	}
	st, err := a.open(ctx, *db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	fails, err := st.Failures(ctx)
	if err != nil {
		return err
	}
	if *format == "jsonl" {
		enc := json.NewEncoder(a.stdout)
		for _, f := range fails {
			rec := struct {
				Source   string `json:"source"`
				Stage    string `json:"stage"`
				Reason   string `json:"reason"`
				RunID    int64  `json:"run_id,omitempty"`
				Attempts int    `json:"attempts"`
				At       string `json:"at"`
			}{f.Source, f.Stage, f.Reason, f.RunID, f.Attempts, f.At.UTC().Format(time.RFC3339)}
			if err := enc.Encode(rec); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STAGE\tTRIES\tLAST TRIED\tSOURCE\tREASON")
	for _, f := range fails {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", f.Stage, f.Attempts, f.At.Local().Format("2006-01-02 15:04"), printable(f.Source), printable(f.Reason))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d %s failed\n", len(fails), plural(len(fails), "input", "inputs"))
	return nil
}
