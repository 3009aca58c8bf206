package review

import (
	"fmt"
	"strings"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

func view(id, doc int64, cat claimex.Category, v float64, q claimex.Qualifier, subject, rule string) store.ClaimView {
	return store.ClaimView{Claim: claimex.Claim{ID: id, DocumentID: doc, Kind: claimex.KindCount, Category: cat,
		Value: claimex.Float(v), Qualifier: q, Subject: subject, Rule: rule}, Status: claimex.Unreviewed,
		Source: "doc", Published: "2022-01-07"}
}

func TestConflicts(t *testing.T) {
	claims := []store.ClaimView{
		view(1, 1, claimex.Killed, 225, claimex.Exact, "people", "count/predicate-after"),
		view(2, 2, claimex.Killed, 225, claimex.Exact, "", "count/noun"),
		view(3, 3, claimex.Killed, 164, claimex.Exact, "deaths", "count/noun"),
		view(4, 3, claimex.Killed, 19, claimex.Exact, "police and army officers", "count/predicate-after"),
		view(5, 1, claimex.Killed, 19, claimex.Exact, "officers", claimex.RulePartitive), // a part: left out
		view(6, 4, claimex.Arrested, 2000, claimex.Approximately, "people", "count/predicate-after"),
		view(7, 5, claimex.Arrested, 2200, claimex.Exact, "people", "count/predicate-after"),
		view(8, 5, claimex.Arrested, 3000, claimex.MoreThan, "arrests", "count/noun"),
		view(9, 5, claimex.Other, 10, claimex.Exact, "regions", "count/other"),
	}
	rejected := view(10, 5, claimex.Killed, 999, claimex.Exact, "people", "count/noun")
	rejected.Status = claimex.Rejected
	edited := view(11, 6, claimex.Injured, 100, claimex.Exact, "people", "count/noun")
	edited.Status, edited.ReviewedCategory, edited.ReviewedValue = claimex.Edited, claimex.Killed, claimex.Float(164)
	claims = append(claims, rejected, edited)

	groups := Conflicts(claims, rules.Default())
	var got []string
	for _, g := range groups {
		var figs []string
		for _, f := range g.Figures {
			mark := ""
			if f.Disagrees {
				mark = "!"
			}
			figs = append(figs, fmt.Sprintf("%v%sx%d", *f.Value, mark, f.Documents()))
		}
		got = append(got, string(g.Category)+"/"+g.Subject+":"+strings.Join(figs, ","))
	}
	want := []string{
		"killed/people:225!x2,164!x2",             // the edit adds doc 6 to 164; the rejection is gone
		"killed/security forces:19x1",             // the partitive 19 is left out
		"arrested/people:3000!x1,2200!x1,2000!x1", // more than 3,000 allows neither 2,200 nor about 2,000
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("groups:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !groups[0].Disagree || groups[1].Disagree {
		t.Error("disagreement flags wrong")
	}
}
