package main

import (
	"context"
	"slices"
	"strings"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/review"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// currentRules returns the rules a command goes by for categories: those
// in file when given, else the rules of the current run — the rules the
// current claims were extracted with.
func (a *app) currentRules(ctx context.Context, st *store.Store, file string) (*rules.Rules, error) {
	if file != "" {
		return rules.Load(file)
	}
	return review.CurrentRules(ctx, st, a.log)
}

// checkCategory refuses a category that r does not have; a name r
// renamed is refused with its new name. inUse, when set, also admits the
// categories of the current claims (a filter may ask for claims of an
// older run's category).
func checkCategory(ctx context.Context, st *store.Store, r *rules.Rules, c claimex.Category, inUse bool) error {
	if c == "" || r.HasCategory(c) {
		return nil
	}
	if inUse {
		cats, err := st.CategoriesInUse(ctx)
		if err != nil {
			return err
		}
		if slices.Contains(cats, c) {
			return nil
		}
	}
	if now := r.Canonical(c); now != c {
		return usagef("category %q is now called %q (renamed_from in %s)", c, now, r.Name)
	}
	names := make([]string, 0, len(r.Categories)+1)
	for _, n := range r.CategoryNames() {
		names = append(names, string(n))
	}
	return usagef("unknown category %q (%s has %s)", c, r.Name, strings.Join(names, ", "))
}
