package events

import "github.com/claimex/claimex"

// correct applies reviewers' corrections, oldest first, to the events of
// the documents. A correction naming a document that is not there any
// more is passed over.
func correct(docs []doc, of []int, evs *[]*event, corrections []claimex.EventCorrection) {
	at := map[int64]int{}
	for i, d := range docs {
		at[d.id] = i
	}
	for _, c := range corrections {
		i, ok := at[c.Document]
		if !ok {
			continue
		}
		j, hasTarget := at[c.Target]
		if c.Target != 0 && !hasTarget {
			continue
		}
		switch c.Kind {
		case claimex.EventMerge:
			if !hasTarget {
				continue
			}
			from, to := of[j], of[i]
			for k := range of {
				if of[k] == from {
					of[k] = to
				}
			}
		case claimex.EventMove:
			if hasTarget {
				of[i] = of[j]
			} else {
				of[i] = len(*evs)
				*evs = append(*evs, &event{centroid: map[int32]float64{}})
			}
		}
	}
}
