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
	// Parts are the parts of the figure the article states nearby ("of
	// which 19 were officers", "103 of the deaths"), shown under it and
	// never compared with other figures.
	Parts []Part
}

// Part is a part of a figure as an article states it.
type Part struct {
	ClaimID  int64
	Category claimex.Category
	Value    *float64
	Subject  string
	Text     string
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
func (f Figure) Documents() int { return len(f.DocumentIDs()) }

// DocumentIDs are the articles that state the figure, in the order of its
// statements.
func (f Figure) DocumentIDs() []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, s := range f.Statements {
		if !seen[s.DocumentID] {
			seen[s.DocumentID] = true
			out = append(out, s.DocumentID)
		}
	}
	return out
}

// Group is the figures given for one category and kind of subject
// ("killed", "security forces").
type Group struct {
	// Event is the event whose documents state the figures (0 when
	// figures are not grouped by event).
	Event int64
	// Earlier is set for the figures of earlier happenings the event's
	// documents recall, dated by their sentences to years before it
	// ("the Black Death killed 25 million in the 14th century").
	Earlier  bool
	Category claimex.Category
	Subject  string
	Figures  []Figure
	// Shortfalls are the figures of this group that are too small for a
	// figure of a category rolling up to them, or too large for one they
	// roll up to: "300 casualties" against "400 killed". A group lists
	// those it takes part in, on either side.
	Shortfalls []Shortfall
	// Disagree is set when two of its figures cannot both be true, or one
	// of them with a figure of a category it rolls up to or from.
	Disagree bool
}

// Shortfall is a figure of a category that cannot hold a figure of a
// category rolling up to it: the whole allows fewer than the part's
// least ("300 casualties", "400 killed"; killed rolls up to casualties).
type Shortfall struct {
	Whole, Part             claimex.Category
	WholeFigure, PartFigure Figure
}

// approximately is how far either side of "about N" a count may lie.
const approximately = 0.15

// Conflicts groups the current count claims by category and subject
// group (rules.Subjects) and marks the figures that contradict each other:
// within a group, figures that allow no count in common; across the roll-
// ups of the rules (killed rolls up to casualties), a figure of the whole
// that allows fewer than the least a figure of a part allows, for the
// same subject group. Parts are compared one at a time, never summed: the
// rules do not say whether the parts of a whole overlap. Parts of a
// figure stated nearby ("of which 19 ...") are left out, as are claims a
// reviewer rejected and claims of category other; an edit's corrected
// category and value count instead of the extracted ones, and a category
// the rules renamed counts under its new name.
func Conflicts(claims []store.ClaimView, r *rules.Rules) []Group {
	return ConflictsByEvent(claims, r, nil)
}

// ConflictsByEvent is Conflicts within each event: figures of different
// events are never compared. eventOf maps a document to its event; a
// document it lacks is an event of its own.
func ConflictsByEvent(claims []store.ClaimView, r *rules.Rules, eventOf map[int64]int64) []Group {
	type figKey struct {
		low, high float64
		q         claimex.Qualifier
		vague     string
	}
	groups := map[groupKey]*Group{}
	figs := map[groupKey]map[figKey]*Figure{}
	// The parts stated after a total, by the total's claim.
	parts := map[int64][]Part{}
	var lastTotal, lastDoc int64
	for _, v := range claims {
		c := v.Claim
		if c.Kind != claimex.KindCount || v.Status == claimex.Rejected {
			continue
		}
		if c.DocumentID != lastDoc {
			lastTotal, lastDoc = 0, c.DocumentID
		}
		if c.Partial() {
			if lastTotal != 0 {
				parts[lastTotal] = append(parts[lastTotal], Part{ClaimID: c.ID, Category: c.Category, Value: c.Value,
					Subject: c.Subject, Text: c.Text})
			}
			continue
		}
		lastTotal = c.ID
		cat, value := c.Category, c.Value
		if v.Status == claimex.Edited {
			if v.ReviewedCategory != "" {
				cat = v.ReviewedCategory
			}
			if v.ReviewedValue != nil {
				value = v.ReviewedValue
			}
		}
		cat = r.Canonical(cat)
		if cat == claimex.Other || (value == nil && c.Vague == "") {
			continue
		}
		gk := groupKey{eventKey(eventOf, c.DocumentID), cat, r.SubjectGroup(c.Subject)}
		g := groups[gk]
		if g == nil {
			g = &Group{Event: gk.event, Category: gk.cat, Subject: gk.subject}
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
	for gk, g := range groups {
		for _, f := range figs[gk] {
			f.Statements = perDocument(f.Statements)
			for i := range f.Statements {
				f.Statements[i].Parts = parts[f.Statements[i].ClaimID]
			}
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
	}
	rollUpConflicts(groups, r)
	out := make([]Group, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	order := map[claimex.Category]int{}
	for i, c := range r.CategoryNames() {
		order[c] = i + 1
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Event != b.Event {
			return a.Event < b.Event
		}
		if a.Category != b.Category {
			// In the rules' order; names the rules lack last, by name.
			if oa, ob := order[a.Category], order[b.Category]; oa != ob {
				if oa == 0 || ob == 0 {
					return ob == 0
				}
				return oa < ob
			}
			return a.Category < b.Category
		}
		if (a.Subject == rules.DefaultSubject) != (b.Subject == rules.DefaultSubject) {
			return a.Subject == rules.DefaultSubject
		}
		return a.Subject < b.Subject
	})
	return out
}

type groupKey struct {
	event   int64
	cat     claimex.Category
	subject string
}

// eventKey is the event of a document: as eventOf says, or (without one)
// 0 for every document, or, for a document eventOf lacks, an event of its
// own that no stored event's id can be.
func eventKey(eventOf map[int64]int64, doc int64) int64 {
	if eventOf == nil {
		return 0
	}
	if e, ok := eventOf[doc]; ok {
		return e
	}
	return -doc
}

// rollUpConflicts compares every group's figures with those of the groups
// of the categories it rolls up to, for the same subject group, and
// records each figure of a whole too small for a figure of its part.
func rollUpConflicts(groups map[groupKey]*Group, r *rules.Rules) {
	keys := make([]groupKey, 0, len(groups))
	for gk := range groups {
		keys = append(keys, gk)
	}
	// In a stable order, so that the shortfalls listed are too.
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].event != keys[j].event {
			return keys[i].event < keys[j].event
		}
		if keys[i].cat != keys[j].cat {
			return keys[i].cat < keys[j].cat
		}
		return keys[i].subject < keys[j].subject
	})
	for _, pk := range keys {
		part := groups[pk]
		for _, whole := range r.RollUps(pk.cat) {
			wg := groups[groupKey{pk.event, whole, pk.subject}]
			if wg == nil {
				continue
			}
			for i := range wg.Figures {
				for j := range part.Figures {
					w, p := &wg.Figures[i], &part.Figures[j]
					if w.High >= p.Low {
						continue
					}
					w.Disagrees, p.Disagrees, wg.Disagree, part.Disagree = true, true, true, true
					sf := Shortfall{Whole: whole, Part: pk.cat, WholeFigure: *w, PartFigure: *p}
					wg.Shortfalls = append(wg.Shortfalls, sf)
					part.Shortfalls = append(part.Shortfalls, sf)
				}
			}
		}
	}
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
