package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

func (a *app) claims(ctx context.Context, args []string) error {
	fs := a.flags("claims")
	db := a.dbFlag(fs)
	filter := filterFlags(fs, "count")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	f, err := filter()
	if err != nil {
		return err
	}
	st, err := a.open(ctx, *db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := a.checkFilterCategory(ctx, st, f.Category); err != nil {
		return err
	}

	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDOC\tKIND\tCATEGORY\tVALUE\tQUALIFIER\tSUBJECT\tATTRIBUTION\tSTATUS\tTEXT")
	n := 0
	err = st.Claims(ctx, f, func(v store.ClaimView) error {
		n++
		c := v.Claim
		what, value := string(c.Category), formatValue(c)
		if c.Kind == claimex.KindEntity {
			what, value = c.EntityType, c.Canonical
		}
		_, err := fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.DocumentID, c.Kind, what, value,
			dash(string(c.Qualifier)), dash(clip(c.Subject, 30)), dash(clip(c.Attribution, 30)), v.Status, clip(c.Text, 60))
		return err
	})
	if err != nil {
		return err
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d %s\n", n, plural(n, "claim", "claims"))
	return nil
}

// filterFlags adds the flags that select claims to fs; the returned
// function builds the filter once fs is parsed.
func filterFlags(fs *flag.FlagSet, defaultKind string) func() (store.ClaimFilter, error) {
	kind := fs.String("kind", defaultKind, "claims of this `kind` only: count, entity or all")
	category := fs.String("category", "", "claims of this `category` only (killed, injured, arrested, ...: a category of the current run's rules, or of some current claim)")
	status := fs.String("status", "", "claims with this review `status` only (unreviewed, accepted, rejected, edited, changed)")
	doc := fs.Int64("doc", 0, "claims of the document with this `id` only")
	source := fs.String("source", "", "claims of documents whose source contains `text` only")
	rule := fs.String("rule", "", "claims of the rule with this `name` only (count/predicate-after); a trailing * matches every rule it begins (count/*)")
	return func() (store.ClaimFilter, error) {
		f := store.ClaimFilter{Category: claimex.Category(*category), Status: claimex.Status(*status),
			DocumentID: *doc, Source: *source, Rule: *rule}
		switch *kind {
		case "count", "entity":
			f.Kind = claimex.Kind(*kind)
		case "all":
		default:
			return f, usagef("--kind must be count, entity or all")
		}
		if err := store.CheckRuleFilter(f.Rule); err != nil {
			return f, usagef("--rule: %v", err)
		}
		switch f.Status {
		case "", claimex.Unreviewed, claimex.Accepted, claimex.Rejected, claimex.Edited, claimex.Changed:
		default:
			return f, usagef("unknown status %q", *status)
		}
		return f, nil
	}
}

// checkFilterCategory refuses a --category that names neither a category
// of the current run's rules nor one of some current claim.
func (a *app) checkFilterCategory(ctx context.Context, st *store.Store, c claimex.Category) error {
	if c == "" {
		return nil
	}
	r, err := a.currentRules(ctx, st, "")
	if err != nil {
		return err
	}
	return checkCategory(ctx, st, r, c, true)
}

// formatValue writes a count claim's figure as a reader would: "4,500",
// "20–30", "dozens".
func formatValue(c claimex.Claim) string {
	switch {
	case c.Vague != "" && c.Value == nil:
		return c.Vague
	case c.Value == nil:
		return "-"
	case c.ValueMax != nil:
		return claimex.GroupDigits(*c.Value) + "–" + claimex.GroupDigits(*c.ValueMax)
	}
	return claimex.GroupDigits(*c.Value)
}

// clip shortens s to n code points, marking the cut, and keeps it on one
// line so that tables stay aligned: runs of white space become one space,
// and other control characters show as escapes (printable).
func clip(s string, n int) string {
	s = printable(strings.Join(strings.Fields(s), " "))
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
