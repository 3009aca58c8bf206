package review

import (
	"math"
	"sort"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// Statement is one claim stating a figure: where and by whom.
type Statement struct {
	ClaimID     int64
	DocumentID  int64
	Source      string
	Title       string
	Attribution string
	// Published is the article's date as found, Date the same parsed (zero
	// when the article gave none).
	Published string
	Date      time.Time
	Text      string
	Status    claimex.Status
}

// Figure is one number as the sources state it ("more than 3,000"), with
// every statement of it.
type Figure struct {
	Value, ValueMax *float64
	Qualifier       claimex.Qualifier
	Vague           string
	// Low and High bound the counts the figure allows: an exact figure one
	// number, "more than 3,000" everything above, "about 2,000" 15%
	// either side, a vague amount anything.
	Low, High  float64
	Statements []Statement
	// Disagrees is set when another figure of the group allows none of the
	// counts this one allows.
	Disagrees bool
}

// Documents is how many articles state the figure.
func (f Figure) Documents() int {
	seen := map[int64]bool{}
	for _, s := range f.Statements {
		seen[s.DocumentID] = true
	}
	return len(seen)
}

// Group is the figures given for one category and kind of subject
// ("killed", "security forces").
type Group struct {
	Category claimex.Category
	Subject  string
	Figures  []Figure
	// Disagree is set when two of its figures cannot both be true.
	Disagree bool
}

// approximately is how far either side of "about N" a count may lie.
const approximately = 0.15

// Conflicts groups the current count claims by category and subject
// group (rules.Subjects) and marks the figures that contradict each other.
// Parts of a figure stated nearby ("of which 19 ...") are left out, as
// are claims a reviewer rejected and claims of category other; an edit's
// corrected category and value count instead of the extracted ones.
func Conflicts(claims []store.ClaimView, r *rules.Rules) []Group {
	type figKey struct {
		low, high float64
		q         claimex.Qualifier
		vague     string
	}
	type groupKey struct {
		cat     claimex.Category
		subject string
	}
	groups := map[groupKey]*Group{}
	figs := map[groupKey]map[figKey]*Figure{}
	for _, v := range claims {
		c := v.Claim
		if c.Kind != claimex.KindCount || c.Partial() || v.Status == claimex.Rejected {
			continue
		}
		cat, value := c.Category, c.Value
		if v.Status == claimex.Edited {
			if v.ReviewedCategory != "" {
				cat = v.ReviewedCategory
			}
			if v.ReviewedValue != nil {
				value = v.ReviewedValue
			}
		}
		if cat == claimex.Other || (value == nil && c.Vague == "") {
			continue
		}
		gk := groupKey{cat, r.SubjectGroup(c.Subject)}
		g := groups[gk]
		if g == nil {
			g = &Group{Category: gk.cat, Subject: gk.subject}
			groups[gk], figs[gk] = g, map[figKey]*Figure{}
		}
		low, high := bounds(value, c.ValueMax, c.Qualifier)
		fk := figKey{low, high, c.Qualifier, c.Vague}
		f := figs[gk][fk]
		if f == nil {
			f = &Figure{Value: value, ValueMax: c.ValueMax, Qualifier: c.Qualifier, Vague: c.Vague, Low: low, High: high}
			figs[gk][fk] = f
		}
		f.Statements = append(f.Statements, Statement{ClaimID: c.ID, DocumentID: c.DocumentID, Source: v.Source,
			Title: v.Title, Attribution: c.Attribution, Published: v.Published, Date: parseDate(v.Published),
			Text: c.Text, Status: v.Status})
	}
	var out []Group
	for gk, g := range groups {
		for _, f := range figs[gk] {
			f.Statements = perDocument(f.Statements)
			g.Figures = append(g.Figures, *f)
		}
		sort.Slice(g.Figures, func(i, j int) bool {
			a, b := g.Figures[i], g.Figures[j]
			if a.Low != b.Low {
				return a.Low > b.Low
			}
			return a.High > b.High
		})
		for i := range g.Figures {
			for j := range g.Figures {
				if i != j && disjoint(g.Figures[i], g.Figures[j]) {
					g.Figures[i].Disagrees, g.Disagree = true, true
				}
			}
		}
		out = append(out, *g)
	}
	order := map[claimex.Category]int{}
	for i, c := range claimex.Categories {
		order[c] = i
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Category != b.Category {
			return order[a.Category] < order[b.Category]
		}
		if (a.Subject == rules.DefaultSubject) != (b.Subject == rules.DefaultSubject) {
			return a.Subject == rules.DefaultSubject
		}
		return a.Subject < b.Subject
	})
	return out
}

// perDocument keeps one statement per article: the first, with the first
// attribution the article gives the figure.
func perDocument(ss []Statement) []Statement {
	var out []Statement
	at := map[int64]int{}
	for _, s := range ss {
		i, ok := at[s.DocumentID]
		if !ok {
			at[s.DocumentID] = len(out)
			out = append(out, s)
			continue
		}
		if out[i].Attribution == "" && s.Attribution != "" {
			out[i].Attribution = s.Attribution
		}
	}
	return out
}

// bounds is the interval of counts a figure allows.
func bounds(v, vmax *float64, q claimex.Qualifier) (low, high float64) {
	if v == nil {
		return 0, math.Inf(1) // a vague amount: anything
	}
	switch q {
	case claimex.Range:
		if vmax != nil {
			return *v, *vmax
		}
	case claimex.Approximately:
		return *v * (1 - approximately), *v * (1 + approximately)
	case claimex.AtLeast, claimex.MoreThan:
		return *v, math.Inf(1)
	case claimex.AtMost, claimex.UpTo, claimex.LessThan:
		return 0, *v
	}
	return *v, *v
}

func disjoint(a, b Figure) bool { return a.High < b.Low || b.High < a.Low }

func parseDate(s string) time.Time {
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
