package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/review"
	"github.com/claimex/claimex/store"
)

func (a *app) conflicts(ctx context.Context, args []string) error {
	fs := a.flags("conflicts")
	db := a.dbFlag(fs)
	event := fs.Int64("event", 0, "figures of the event with this `id` only (claimex events lists them)")
	category := fs.String("category", "", "figures of this `category` only")
	since := fs.String("since", "", "figures of documents published on or after this `date` (YYYY-MM-DD); undated ones are left out")
	all := fs.Bool("all", false, "also groups whose figures agree")
	format := fs.String("format", "text", "output `format`: text, or jsonl (one object per group)")
	rulesFile := fs.String("rules", "", "rules `file` whose categories, roll-ups and subject groups to use (default: the current run's)")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "jsonl" {
		return usagef("--format must be text or jsonl")
	}
	filter := review.ConflictFilter{Event: *event}
	if *since != "" {
		t, err := time.Parse(time.DateOnly, *since)
		if err != nil {
			return usagef("--since must be a date (2022-01-31), not %q", *since)
		}
		filter.Since = t
	}
	st, err := a.open(ctx, *db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := a.currentRules(ctx, st, *rulesFile)
	if err != nil {
		return err
	}
	cat := claimex.Category(*category)
	if err := checkCategory(ctx, st, r, cat, true); err != nil {
		return err
	}
	filter.Category = r.Canonical(cat)
	a.warnStaleEvents(ctx, st)
	groups, evs, err := review.LoadConflicts(ctx, st, r, filter)
	if errors.Is(err, store.ErrNoEvent) {
		return fmt.Errorf("no event %d; 'claimex events' lists them", *event)
	}
	if err != nil {
		return err
	}
	shown := 0
	enc := json.NewEncoder(a.stdout)
	for _, g := range groups {
		if !g.Disagree && !*all {
			continue
		}
		shown++
		if *format == "jsonl" {
			if err := enc.Encode(conflictRecord(g)); err != nil {
				return err
			}
			continue
		}
		printGroup(a.stdout, g, evs[g.Event])
	}
	if shown == 0 && *format == "text" {
		fmt.Fprintln(a.stdout, "no figures disagree (--all shows every group)")
	}
	return nil
}

// printGroup prints one category and subject's figures with their
// sources, marking those that contradict another.
func printGroup(w io.Writer, g review.Group, ev store.EventSummary) {
	verdict := "figures agree"
	if g.Disagree {
		verdict = "sources disagree"
	}
	if ev.ID != 0 {
		earlier := ""
		if g.Earlier {
			earlier = " — figures of earlier happenings its documents recall"
		}
		fmt.Fprintf(w, "event %d: %s (%s)%s\n", ev.ID, clip(ev.Title, 80), span(ev.Event), earlier)
	}
	fmt.Fprintf(w, "%s — %s: %d %s, %s\n", g.Category, printable(g.Subject), len(g.Figures), plural(len(g.Figures), "figure", "figures"), verdict)
	for _, f := range g.Figures {
		mark := " "
		if f.Disagrees {
			mark = "≠"
		}
		fmt.Fprintf(w, "  %s %-22s %d %s\n", mark, figureText(f), f.Documents(), plural(f.Documents(), "document", "documents"))
		seen := map[int64]bool{}
		for _, s := range f.Statements {
			if seen[s.DocumentID] {
				continue
			}
			seen[s.DocumentID] = true
			date := printable(s.Published)
			if date == "" {
				date = "undated"
			}
			by := "-"
			if s.Attribution != "" {
				by = clip(s.Attribution, 40)
			}
			fmt.Fprintf(w, "      %-10.10s  doc %-4d %-40s  %s\n", date, s.DocumentID, by, clip(s.Source, 60))
			for _, p := range s.Parts {
				fmt.Fprintf(w, "          part: %s\n", clip(p.Text, 70))
			}
		}
	}
	for _, sf := range g.Shortfalls {
		fmt.Fprintf(w, "  ≠ %s %s (%s) is fewer than %s %s (%s), which it includes\n", sf.Whole, figureText(sf.WholeFigure),
			docList(sf.WholeFigure), sf.Part, figureText(sf.PartFigure), docList(sf.PartFigure))
	}
	fmt.Fprintln(w)
}

func figureText(f review.Figure) string {
	return claimex.FigureText(f.Value, f.ValueMax, f.Qualifier, f.Vague)
}

// docList names the documents that state a figure: "doc 3, 5".
func docList(f review.Figure) string {
	var ids []string
	for _, id := range f.DocumentIDs() {
		ids = append(ids, strconv.FormatInt(id, 10))
	}
	return plural(len(ids), "doc ", "docs ") + strings.Join(ids, ", ")
}

// conflictJSON is one group of figures as --format jsonl writes it.
type conflictJSON struct {
	Event     int64           `json:"event"`
	Earlier   bool            `json:"earlier"`
	Category  string          `json:"category"`
	Subject   string          `json:"subject"`
	Disagree  bool            `json:"disagree"`
	Figures   []statementJSON `json:"figures"`
	Shortfall []string        `json:"shortfalls"`
}

// statementJSON is one figure as one document states it.
type statementJSON struct {
	Value       *float64   `json:"value"`
	ValueMax    *float64   `json:"value_max"`
	Qualifier   string     `json:"qualifier"`
	Vague       *string    `json:"vague"`
	Disagrees   bool       `json:"disagrees"`
	ClaimID     int64      `json:"claim_id"`
	DocumentID  int64      `json:"document_id"`
	Source      string     `json:"source"`
	Attribution *string    `json:"attribution"`
	Published   *string    `json:"published"`
	Parts       []partJSON `json:"parts"`
}

type partJSON struct {
	ClaimID  int64    `json:"claim_id"`
	Category string   `json:"category"`
	Value    *float64 `json:"value"`
	Subject  string   `json:"subject"`
	Text     string   `json:"text"`
}

func conflictRecord(g review.Group) conflictJSON {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	r := conflictJSON{Event: g.Event, Earlier: g.Earlier, Category: string(g.Category), Subject: g.Subject, Disagree: g.Disagree,
		Figures: []statementJSON{}, Shortfall: []string{}}
	for _, f := range g.Figures {
		for _, s := range f.Statements {
			st := statementJSON{Value: f.Value, ValueMax: f.ValueMax, Qualifier: string(f.Qualifier), Vague: opt(f.Vague),
				Disagrees: f.Disagrees, ClaimID: s.ClaimID, DocumentID: s.DocumentID, Source: s.Source,
				Attribution: opt(s.Attribution), Published: opt(s.Published), Parts: []partJSON{}}
			for _, p := range s.Parts {
				st.Parts = append(st.Parts, partJSON{p.ClaimID, string(p.Category), p.Value, p.Subject, p.Text})
			}
			r.Figures = append(r.Figures, st)
		}
	}
	for _, sf := range g.Shortfalls {
		r.Shortfall = append(r.Shortfall, fmt.Sprintf("%s %s (%s) is fewer than %s %s (%s), which it includes", sf.Whole,
			figureText(sf.WholeFigure), docList(sf.WholeFigure), sf.Part, figureText(sf.PartFigure), docList(sf.PartFigure)))
	}
	return r
}
