package review

import (
	"context"
	"sort"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// ConflictFilter selects the groups of figures to compare; zero fields
// select everything.
type ConflictFilter struct {
	// Event keeps the figures of one event.
	Event int64
	// Category keeps the groups of one category (which list the figures
	// of other categories its own roll up with).
	Category claimex.Category
	// Since keeps the figures of documents published on that day or
	// later; undated documents are left out.
	Since time.Time
}

// LoadConflicts reads the current count claims and the stored events,
// and compares the figures of each event (Conflicts within an event). It
// returns the groups and the events they are of, by id.
func LoadConflicts(ctx context.Context, st *store.Store, r *rules.Rules, f ConflictFilter) ([]Group, map[int64]store.EventSummary, error) {
	evs, err := st.Events(ctx, f.Event)
	if err != nil {
		return nil, nil, err
	}
	byID := map[int64]store.EventSummary{}
	eventOf := map[int64]int64{}
	for _, e := range evs {
		byID[e.ID] = e
		for _, d := range e.Documents {
			eventOf[d] = e.ID
		}
	}
	firstDay := map[int64]time.Time{}
	for _, e := range evs {
		if t, err := time.Parse(time.DateOnly, e.First); err == nil {
			firstDay[e.ID] = t
		}
	}
	var claims, past []store.ClaimView
	err = st.Claims(ctx, store.ClaimFilter{Kind: claimex.KindCount}, func(v store.ClaimView) error {
		if f.Event != 0 && eventOf[v.DocumentID] != f.Event {
			return nil
		}
		if !f.Since.IsZero() {
			if d := parseDate(v.Published); d.IsZero() || d.Before(f.Since) {
				return nil
			}
		}
		if earlier(v.Sentence, firstDay[eventOf[v.DocumentID]]) {
			past = append(past, v)
		} else {
			claims = append(claims, v)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	groups := ConflictsByEvent(claims, r, eventOf)
	for _, g := range ConflictsByEvent(past, r, eventOf) {
		g.Earlier = true
		groups = append(groups, g)
	}
	// Each event's groups, then those of the earlier happenings it
	// recalls.
	sort.SliceStable(groups, func(i, j int) bool {
		if groups[i].Event != groups[j].Event {
			return groups[i].Event < groups[j].Event
		}
		return !groups[i].Earlier && groups[j].Earlier
	})
	if f.Category == "" {
		return groups, byID, nil
	}
	out := groups[:0]
	for _, g := range groups {
		if g.Category == f.Category {
			out = append(out, g)
		}
	}
	return out, byID, nil
}
