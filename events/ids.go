package events

import (
	"sort"

	"github.com/claimex/claimex"
)

// AssignIDs gives each event an id, keeping those of the events before
// it: an event takes the old id of which it holds the most documents
// (old maps a document to its former event), the larger events choosing
// first, and each old id goes to one event only. Events left without one
// take new ids from next on. It returns the next id unused.
func AssignIDs(evs []claimex.Event, old map[int64]int64, next int64) int64 {
	type claim struct {
		ev, shared int
		id         int64
	}
	var claims []claim
	for i, e := range evs {
		n := map[int64]int{}
		for _, d := range e.Documents {
			if id, ok := old[d]; ok {
				n[id]++
			}
		}
		for id, c := range n {
			claims = append(claims, claim{i, c, id})
		}
		evs[i].ID = 0
	}
	sort.Slice(claims, func(i, j int) bool {
		a, b := claims[i], claims[j]
		if a.shared != b.shared {
			return a.shared > b.shared
		}
		if a.id != b.id {
			return a.id < b.id
		}
		return a.ev < b.ev
	})
	taken := map[int64]bool{}
	for _, c := range claims {
		if evs[c.ev].ID == 0 && !taken[c.id] {
			evs[c.ev].ID, taken[c.id] = c.id, true
		}
	}
	for _, id := range old {
		next = max(next, id+1)
	}
	for i := range evs {
		if evs[i].ID == 0 {
			evs[i].ID = next
			next++
		}
	}
	return next
}
