package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/review"
	"github.com/claimex/claimex/store"
)

func (a *app) review(ctx context.Context, args []string) error {
	fs := a.flags("review")
	db := a.dbFlag(fs)
	note := fs.String("note", "", "a note kept with the decision")
	reviewer := fs.String("reviewer", defaultReviewer(), "who decides")
	value := fs.String("value", "", "edit: the correct `number`")
	category := fs.String("category", "", "edit: the correct `category`")
	state := fs.String("state", "", "list: only reviews in this `state`: carried, changed or orphaned")
	rulesFile := fs.String("rules", "", "edit: rules `file` whose categories --category may name (default: the current run's)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usagef("say accept, reject, reset, edit, list or agreement")
	}
	verb := rest[0]
	rest = rest[1:]
	var action claimex.Status
	switch verb {
	case "accept":
		action = claimex.Accepted
	case "reject":
		action = claimex.Rejected
	case "reset":
		action = claimex.Unreviewed
	case "edit":
		action = claimex.Edited
	case "list":
		if len(rest) > 0 {
			return usagef("unexpected argument %q", rest[0])
		}
		return a.listReviews(ctx, *db, store.ReviewState(*state))
	case "agreement":
		if len(rest) > 0 {
			return usagef("unexpected argument %q", rest[0])
		}
		return a.agreement(ctx, *db)
	default:
		return usagef("unknown review action %q: say accept, reject, reset, edit, list or agreement", verb)
	}
	if *state != "" {
		return usagef("--state is for review list")
	}
	if action != claimex.Edited && (*value != "" || *category != "") {
		return usagef("--value and --category are for review edit")
	}
	if len(rest) == 0 {
		return usagef("name the id of at least one claim (see claimex claims)")
	}
	if action == claimex.Edited && len(rest) != 1 {
		return usagef("edit one claim at a time")
	}
	d := store.Decision{Action: action, Reviewer: *reviewer, Note: *note, Category: claimex.Category(*category)}
	if *value != "" {
		v, err := strconv.ParseFloat(strings.ReplaceAll(*value, ",", ""), 64)
		if err != nil {
			return usagef("--value must be a number, not %q", *value)
		}
		d.Value = &v
	}
	if action == claimex.Edited && d.Value == nil && d.Category == "" && d.Note == "" {
		return usagef("an edit needs --value, --category or --note")
	}
	var ids []int64
	for _, s := range rest {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return usagef("%q is not a claim id", s)
		}
		ids = append(ids, id)
	}
	st, err := a.open(ctx, *db, writeDB)
	if err != nil {
		return err
	}
	defer st.Close()
	if d.Category != "" {
		r, err := a.currentRules(ctx, st, *rulesFile)
		if err != nil {
			return err
		}
		if err := checkCategory(ctx, st, r, d.Category, false); err != nil {
			return err
		}
	}
	failed := 0
	for _, id := range ids {
		d.ClaimID = id
		v, err := st.Decide(ctx, d)
		if err != nil {
			failed++
			if errors.Is(err, store.ErrNoClaim) {
				err = fmt.Errorf("claim %d is not among the current claims", id)
			}
			fmt.Fprintf(a.stderr, "claimex review: %v\n", err)
			continue
		}
		fmt.Fprintf(a.stdout, "claim %d: %s — %s\n", id, describeReview(v), clip(v.Text, 60))
		twins, err := st.Twins(ctx, id)
		if err != nil {
			return err
		}
		for _, t := range twins {
			fmt.Fprintf(a.stdout, "claim %d: %s with it, the same figure across the headline — %s\n", t.ID, describeReview(t), clip(t.Text, 60))
		}
	}
	if failed > 0 {
		return failedInputs{failed}
	}
	return nil
}

// describeReview says a claim's status, with an edit's corrections beside
// the original.
func describeReview(v store.ClaimView) string {
	s := string(v.Status)
	if v.Decision == claimex.Edited {
		var fix []string
		if v.ReviewedCategory != "" && v.ReviewedCategory != v.Category {
			fix = append(fix, fmt.Sprintf("category %s → %s", v.Category, v.ReviewedCategory))
		}
		if v.ReviewedValue != nil && (v.Value == nil || *v.Value != *v.ReviewedValue) {
			fix = append(fix, fmt.Sprintf("value %s → %s", formatValue(v.Claim), claimex.GroupDigits(*v.ReviewedValue)))
		}
		if len(fix) > 0 {
			s += " (" + strings.Join(fix, ", ") + ")"
		}
	}
	if v.Status == claimex.Changed {
		s += " (was " + string(v.Decision) + ")"
	}
	return s
}

// listReviews prints every review with where it stands.
func (a *app) listReviews(ctx context.Context, db string, state store.ReviewState) error {
	switch state {
	case "", store.ReviewCarried, store.ReviewChanged, store.ReviewOrphaned:
	default:
		return usagef("--state must be carried, changed or orphaned")
	}
	st, err := a.open(ctx, db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	rs, err := st.Reviews(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CLAIM\tDOC\tDECISION\tSTATE\tREVIEWER\tDECIDED\tTEXT (as reviewed)")
	n := 0
	for _, r := range rs {
		if state != "" && r.State != state {
			continue
		}
		n++
		claim := "-"
		if r.ClaimID != 0 {
			claim = strconv.FormatInt(r.ClaimID, 10)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\n", claim, r.DocumentID, r.Status, r.State, printable(r.Reviewer),
			r.DecidedAt.Format("2006-01-02 15:04"), clip(r.Snapshot.Text, 60))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d %s\n", n, plural(n, "review", "reviews"))
	return nil
}

// agreement prints how far reviewers agree where each claim got two
// opinions (serve --double): per category and per pair of reviewers, the
// claims judged twice, the share judged alike, and Cohen's kappa.
func (a *app) agreement(ctx context.Context, db string) error {
	st, err := a.open(ctx, db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	ops, err := st.Opinions(ctx)
	if err != nil {
		return err
	}
	ag := review.Agree(ops)
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	for _, part := range []struct {
		title string
		rows  []review.AgreementRow
	}{{"CATEGORY", ag.Categories}, {"REVIEWERS", ag.Pairs}} {
		fmt.Fprintf(tw, "%s\tCLAIMS\tAGREE\tKAPPA\n", part.title)
		for _, r := range part.rows {
			fmt.Fprintf(tw, "%s\t%d\t%.0f%%\t%s\n", printable(r.Name), r.Claims, r.Percent(), review.KappaText(r.Kappa))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d %s with two opinions\n", ag.Claims, plural(ag.Claims, "claim", "claims"))
	return nil
}
