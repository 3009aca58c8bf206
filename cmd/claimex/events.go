package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/export"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/store"
)

func (a *app) events(ctx context.Context, args []string) error {
	fs := a.flags("events")
	db := a.dbFlag(fs)
	format := fs.String("format", "text", "output `format`: text or jsonl")
	reviewer := fs.String("reviewer", defaultReviewer(), "who makes a correction")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "jsonl" {
		return usagef("--format must be text or jsonl")
	}
	id := func(s, what string) (int64, error) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return 0, usagef("%s must be a number, not %q", what, s)
		}
		return n, nil
	}
	var kind string
	var x, y int64
	switch {
	case len(rest) == 0:
	case rest[0] == "show" && len(rest) == 2:
		if x, err = id(rest[1], "the event"); err != nil {
			return err
		}
	case rest[0] == "merge" && len(rest) == 3:
		kind = claimex.EventMerge
		if x, err = id(rest[1], "the event"); err != nil {
			return err
		}
		if y, err = id(rest[2], "the other event"); err != nil {
			return err
		}
	case rest[0] == "move" && len(rest) == 3:
		kind = claimex.EventMove
		if x, err = id(rest[1], "the document"); err != nil {
			return err
		}
		if rest[2] != "new" {
			if y, err = id(rest[2], "the event"); err != nil {
				return err
			}
		}
	default:
		return usagef("say show ID, merge ID OTHER, or move DOC ID|new")
	}
	use := readDB
	if kind != "" {
		use = writeDB
	}
	st, err := a.open(ctx, *db, use)
	if err != nil {
		return err
	}
	defer st.Close()
	if kind != "" {
		e, n, err := pipeline.CorrectEvents(ctx, st, kind, x, y, *reviewer)
		if err != nil {
			return err
		}
		switch {
		case kind == claimex.EventMerge:
			fmt.Fprintf(a.stdout, "merged events %d and %d into event %d; %d events in all\n", x, y, e, n)
		default:
			fmt.Fprintf(a.stdout, "moved document %d to event %d; %d events in all\n", x, e, n)
		}
		return nil
	}
	a.warnStaleEvents(ctx, st)
	list, err := st.Events(ctx, x)
	if errors.Is(err, store.ErrNoEvent) {
		return fmt.Errorf("no event %d; 'claimex events' lists them", x)
	}
	if err != nil {
		return err
	}
	if *format == "jsonl" {
		enc := json.NewEncoder(a.stdout)
		for _, e := range list {
			if err := enc.Encode(export.NewEventRecord(e)); err != nil {
				return err
			}
		}
		return nil
	}
	if x != 0 {
		return a.showEvent(ctx, st, list[0])
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDOCS\tFIGURES\tDATES\tPLACES\tTITLE")
	for _, e := range list {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\t%s\t%s\n", e.ID, len(e.Documents), e.Figures, span(e.Event),
			dash(clip(strings.Join(e.Places, ", "), 40)), clip(e.Title, 70))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d %s\n", len(list), plural(len(list), "event", "events"))
	return nil
}

// showEvent prints one event and its documents.
func (a *app) showEvent(ctx context.Context, st *store.Store, e store.EventSummary) error {
	fmt.Fprintf(a.stdout, "event %d: %s\n", e.ID, printable(e.Title))
	fmt.Fprintf(a.stdout, "places: %s; dates: %s; %d figures\n", dash(printable(strings.Join(e.Places, ", "))), span(e.Event), e.Figures)
	docs, err := st.DocumentSummaries(ctx)
	if err != nil {
		return err
	}
	in := map[int64]bool{}
	for _, d := range e.Documents {
		in[d] = true
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DOC\tCOUNTS\tPUBLISHED\tSOURCE\tTITLE")
	for _, d := range docs {
		if in[d.ID] {
			fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\n", d.ID, d.Counts, dash(clip(dateOnly(d.Published), 10)), clip(d.Source, 50), clip(d.Title, 60))
		}
	}
	return tw.Flush()
}

// span is an event's dates: "2022-01-05", "2022-01-05 – 2022-01-09", or
// "undated".
func span(e claimex.Event) string {
	switch {
	case e.First == "":
		return "undated"
	case e.First == e.Last:
		return e.First
	}
	return e.First + " – " + e.Last
}

// dateOnly is the day of a published date given as RFC 3339.
func dateOnly(s string) string {
	if len(s) > 10 && s[4] == '-' && s[7] == '-' && s[10] == 'T' {
		return s[:10]
	}
	return s
}

// warnStaleEvents says on stderr when the stored events were grouped
// before the current claims were written (by an older claimex, or a
// process killed in between): commands that only read cannot group them.
func (a *app) warnStaleEvents(ctx context.Context, st *store.Store) {
	if stale, err := st.EventsStale(ctx); err == nil && stale {
		fmt.Fprintln(a.stderr, "claimex: the events are older than the claims; the next ingest or 'claimex extract' groups the documents again")
	}
}
