package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/review"
)

func (a *app) eval(ctx context.Context, args []string) error {
	fs := a.flags("eval")
	db := a.dbFlag(fs)
	rulesFile := fs.String("rules", "", "rules `file` whose category names and renames to go by (default: the current run's)")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	st, err := a.open(ctx, *db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	reviews, err := st.Reviews(ctx)
	if err != nil {
		return err
	}
	if len(reviews) == 0 {
		fmt.Fprintln(a.stdout, "no reviews yet: accept, reject or edit claims first (claimex review)")
		return nil
	}
	r, err := a.currentRules(ctx, st, *rulesFile)
	if err != nil {
		return err
	}
	rep := review.Evaluate(reviews, r)
	fmt.Fprintf(a.stdout, "current claims against %d %s (accepted and edited are expected, rejected are not)\n",
		len(reviews), plural(len(reviews), "review", "reviews"))
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "CATEGORY\tFOUND\tWRONG\tMISSED\tSPURIOUS\tDROPPED\tPRECISION\tRECALL\tF1\t")
	for _, r := range append(rep.Rows, rep.Total) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", r.Label, r.Found, r.Wrong, r.Missed,
			r.Spurious, r.Dropped, r.Precision(), r.Recall(), r.F1())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	regs := rep.Regressions()
	if len(regs) == 0 {
		fmt.Fprintln(a.stdout, "\nno regressions: every accepted or edited claim is still produced")
	} else {
		fmt.Fprintf(a.stdout, "\n%d %s (accepted or edited claims the current rules no longer produce):\n",
			len(regs), plural(len(regs), "regression", "regressions"))
		a.printJudged(regs)
	}
	if wrongs := rep.Wrongs(); len(wrongs) > 0 {
		fmt.Fprintf(a.stdout, "\n%d produced with another category or value than reviewed:\n", len(wrongs))
		a.printJudged(wrongs)
	}
	return nil
}

func (a *app) printJudged(js []review.Judged) {
	for _, j := range js {
		r := j.Review
		fmt.Fprintf(a.stdout, "  %s  doc %d  %s %q", j.Outcome, r.DocumentID, j.Label, r.Snapshot.Text)
		if j.Outcome == review.Wrong {
			fmt.Fprintf(a.stdout, " — now claim %d: %s %s", r.ClaimID, r.Current.Category, valueText(r.Current.Value))
		}
		fmt.Fprintf(a.stdout, "\n      %s\n", clip(r.Snapshot.Sentence, 160))
	}
}

func valueText(v *float64) string {
	if v == nil {
		return "-"
	}
	return claimex.GroupDigits(*v)
}
