package main

import (
	"context"
	"fmt"
	"io"

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
	rulesFile := fs.String("rules", "", "rules `file` whose subject groups to use (default: the built-in rules)")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if *category != "" && !claimex.ValidCategory(claimex.Category(*category)) {
		return usagef("unknown category %q", *category)
	}
	r, err := a.loadRules(*rulesFile)
	if err != nil {
		return err
	}
	st, err := a.open(ctx, *db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	groups, err := loadConflicts(ctx, st, r, claimex.Category(*category))
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
		fmt.Fprintf(w, "  %s %-22s %d %s\n", mark, claimex.FigureText(f.Value, f.ValueMax, f.Qualifier, f.Vague), f.Documents(), plural(f.Documents(), "document", "documents"))
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
	fmt.Fprintln(w)
}

// loadConflicts reads the current count claims and groups them.
func loadConflicts(ctx context.Context, st *store.Store, r *rules.Rules, cat claimex.Category) ([]review.Group, error) {
	var claims []store.ClaimView
	err := st.Claims(ctx, store.ClaimFilter{Kind: claimex.KindCount, Category: cat}, func(v store.ClaimView) error {
		claims = append(claims, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return review.Conflicts(claims, r), nil
}
