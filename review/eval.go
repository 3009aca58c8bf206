package review

import (
	"sort"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// Outcome is how the current claims fare against one review.
type Outcome string

// Outcomes. An accepted or edited claim is expected: produced with the
// fields the reviewer confirmed (or corrected to) it is Found, produced
// with other fields Wrong, not produced Missed (a regression). A
// rejected claim is not expected: produced again it is Spurious, gone it
// is Dropped.
const (
	Found    Outcome = "found"
	Wrong    Outcome = "wrong"
	Missed   Outcome = "missed"
	Spurious Outcome = "spurious"
	Dropped  Outcome = "dropped"
)

// Judged is one review and how the current claims fare against it.
type Judged struct {
	Review  store.ReviewView
	Label   string
	Outcome Outcome
}

// Row is one category's figures. Precision is Found over every reviewed
// claim produced (Found, Wrong, Spurious); recall is Found over every
// expected claim (Found, Wrong, Missed).
type Row struct {
	Label                                   string
	Found, Wrong, Missed, Spurious, Dropped int
}

// Precision is the share of produced reviewed claims that are right; 0
// when none was produced.
func (r Row) Precision() float64 { return ratio(r.Found, r.Found+r.Wrong+r.Spurious) }

// Recall is the share of expected claims produced right; 0 when none was
// expected.
func (r Row) Recall() float64 { return ratio(r.Found, r.Found+r.Wrong+r.Missed) }

// F1 is the harmonic mean of precision and recall.
func (r Row) F1() float64 {
	p, q := r.Precision(), r.Recall()
	if p+q == 0 {
		return 0
	}
	return 2 * p * q / (p + q)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is an evaluation: per-category rows, their total, and every
// review judged.
type Report struct {
	Rows   []Row
	Total  Row
	Judged []Judged
}

// Regressions are the accepted or edited claims the current rules no
// longer produce.
func (r Report) Regressions() []Judged { return r.with(Missed) }

// Wrongs are the accepted or edited claims the current rules produce with
// another category or value than the reviewer confirmed or corrected to.
func (r Report) Wrongs() []Judged { return r.with(Wrong) }

func (r Report) with(o Outcome) []Judged {
	var out []Judged
	for _, j := range r.Judged {
		if j.Outcome == o {
			out = append(out, j)
		}
	}
	return out
}

// Evaluate judges the current claims against every review. Categories
// are compared, and rows named, by the names r gives them: a category r
// renamed is the same category under its old name and its new one.
func Evaluate(reviews []store.ReviewView, r *rules.Rules) Report {
	rows := map[string]*Row{}
	var rep Report
	for _, rv := range reviews {
		j := judge(canonical(rv, r))
		rep.Judged = append(rep.Judged, j)
		row := rows[j.Label]
		if row == nil {
			row = &Row{Label: j.Label}
			rows[j.Label] = row
		}
		row.add(j.Outcome)
		rep.Total.add(j.Outcome)
	}
	for _, r := range rows {
		rep.Rows = append(rep.Rows, *r)
	}
	sort.Slice(rep.Rows, func(i, j int) bool { return rep.Rows[i].Label < rep.Rows[j].Label })
	rep.Total.Label = "total"
	return rep
}

func (r *Row) add(o Outcome) {
	switch o {
	case Found:
		r.Found++
	case Wrong:
		r.Wrong++
	case Missed:
		r.Missed++
	case Spurious:
		r.Spurious++
	case Dropped:
		r.Dropped++
	}
}

// canonical gives the categories of a review, as decided on, corrected
// to and current, the names r gives them.
func canonical(rv store.ReviewView, r *rules.Rules) store.ReviewView {
	if rv.Snapshot.Kind == claimex.KindCount {
		rv.Snapshot.Category = r.Canonical(rv.Snapshot.Category)
	}
	if rv.Category != "" {
		rv.Category = r.Canonical(rv.Category)
	}
	if rv.Current.Kind == claimex.KindCount {
		rv.Current.Category = r.Canonical(rv.Current.Category)
	}
	return rv
}

// judge compares one review with the current claim of its key.
func judge(rv store.ReviewView) Judged {
	snap := rv.Snapshot
	expected := snap
	if rv.Status == claimex.Edited {
		if rv.Category != "" {
			expected.Category = rv.Category
		}
		if rv.Value != nil {
			expected.Value = rv.Value
		}
	}
	j := Judged{Review: rv, Label: label(expected)}
	produced := rv.State != store.ReviewOrphaned
	switch {
	case rv.Status == claimex.Rejected && produced:
		j.Outcome = Spurious
	case rv.Status == claimex.Rejected:
		j.Outcome = Dropped
	case !produced:
		j.Outcome = Missed
	case same(expected, rv.Current):
		j.Outcome = Found
	default:
		j.Outcome = Wrong
	}
	return j
}

// label is the row a claim is counted in: its category, or its entity
// type for mentions.
func label(s store.Snapshot) string {
	if s.Kind == claimex.KindEntity {
		return "entity:" + s.EntityType
	}
	return string(s.Category)
}

// same reports whether the current claim has the fields expected of it.
// An edit corrects category and value, so those are what is compared;
// for mentions, the entity type.
func same(expected, current store.Snapshot) bool {
	if expected.Kind == claimex.KindEntity {
		return expected.EntityType == current.EntityType
	}
	return expected.Category == current.Category && eq(expected.Value, current.Value) &&
		eq(expected.ValueMax, current.ValueMax)
}

func eq(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
