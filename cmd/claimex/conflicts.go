package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/review"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

func (a *app) conflicts(ctx context.Context, args []string) error {
	fs := a.flags("conflicts")
	db := a.dbFlag(fs)
	category := fs.String("category", "", "figures of this `category` only")
	all := fs.Bool("all", false, "also groups whose figures agree")
	rulesFile := fs.String("rules", "", "rules `file` whose categories, roll-ups and subject groups to use (default: the current run's)")
	if err := parseNone(fs, args); err != nil {
		return err
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
	groups, err := loadConflicts(ctx, st, r, r.Canonical(cat))
	if err != nil {
		return err
	}
	shown := 0
	for _, g := range groups {
		if !g.Disagree && !*all {
			continue
		}
		shown++
		printGroup(a.stdout, g)
	}
	if shown == 0 {
		fmt.Fprintln(a.stdout, "no figures disagree (--all shows every group)")
	}
	return nil
}

// printGroup prints one category and subject's figures with their
// sources, marking those that contradict another.
func printGroup(w io.Writer, g review.Group) {
	verdict := "figures agree"
	if g.Disagree {
		verdict = "sources disagree"
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

// loadConflicts reads the current count claims and groups them; with a
// category, it keeps that category's groups, which list the figures of
// other categories its own roll up with.
func loadConflicts(ctx context.Context, st *store.Store, r *rules.Rules, cat claimex.Category) ([]review.Group, error) {
	var claims []store.ClaimView
	err := st.Claims(ctx, store.ClaimFilter{Kind: claimex.KindCount}, func(v store.ClaimView) error {
		claims = append(claims, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	groups := review.Conflicts(claims, r)
	if cat == "" {
		return groups, nil
	}
	out := groups[:0]
	for _, g := range groups {
		if g.Category == cat {
			out = append(out, g)
		}
	}
	return out, nil
}
