package review

import (
	"math"
	"net/http"
	"sort"
	"strconv"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

// Agreement between reviewers, on a desk of second opinions (serve
// --double): for each category, and for each pair of reviewers, how many
// claims two opinions were given on, how many of those agree, and Cohen's
// kappa, which discounts the agreement two reviewers would reach by
// chance deciding at their own rates. An opinion's label is its action:
// accepted, rejected or edited.

// Agreement is how far reviewers agree.
type Agreement struct {
	// Claims counts the claims with two opinions.
	Claims     int
	Categories []AgreementRow
	Pairs      []AgreementRow
}

// AgreementRow is the agreement over one set of claims.
type AgreementRow struct {
	// Name is a category, or two reviewers' names.
	Name string
	// Claims counts the claims judged twice; Agreed those judged alike.
	Claims, Agreed int
	// Kappa is Cohen's kappa; NaN when chance alone gives every pair the
	// same label (both reviewers gave one label only), where it is not
	// defined.
	Kappa float64
}

// Percent is the share of claims judged alike, in percent.
func (a AgreementRow) Percent() float64 {
	if a.Claims == 0 {
		return 0
	}
	return 100 * float64(a.Agreed) / float64(a.Claims)
}

// HasKappa reports whether Kappa is defined.
func (a AgreementRow) HasKappa() bool { return !math.IsNaN(a.Kappa) }

// labelPair is two labels given to one claim.
type labelPair [2]claimex.Status

// Agree measures agreement over opinions (store.Opinions: ordered by
// claim key, then time). Per category, a claim's first two opinions are
// compared, the earlier as the first rater; per pair of reviewers, the
// two reviewers' opinions on each claim both judged.
func Agree(opinions []store.Opinion) Agreement {
	byKey := map[string][]store.Opinion{}
	var keys []string
	for _, o := range opinions {
		if byKey[o.Key] == nil {
			keys = append(keys, o.Key)
		}
		byKey[o.Key] = append(byKey[o.Key], o)
	}
	byCategory := map[string][]labelPair{}
	byPair := map[[2]string][]labelPair{}
	var a Agreement
	for _, k := range keys {
		ops := byKey[k]
		sort.SliceStable(ops, func(i, j int) bool { return ops[i].DecidedAt.Before(ops[j].DecidedAt) })
		if len(ops) < 2 {
			continue
		}
		a.Claims++
		cat := ops[0].ClaimCategory
		byCategory[cat] = append(byCategory[cat], labelPair{ops[0].Action, ops[1].Action})
		for i := range ops {
			for j := i + 1; j < len(ops); j++ {
				x, y := ops[i], ops[j]
				if x.Reviewer > y.Reviewer {
					x, y = y, x
				}
				pair := [2]string{x.Reviewer, y.Reviewer}
				byPair[pair] = append(byPair[pair], labelPair{x.Action, y.Action})
			}
		}
	}
	for cat, pairs := range byCategory {
		a.Categories = append(a.Categories, agreementRow(cat, pairs))
	}
	for p, pairs := range byPair {
		a.Pairs = append(a.Pairs, agreementRow(p[0]+" · "+p[1], pairs))
	}
	for _, rows := range [][]AgreementRow{a.Categories, a.Pairs} {
		sort.Slice(rows, func(i, j int) bool {
			return rows[i].Claims > rows[j].Claims || rows[i].Claims == rows[j].Claims && rows[i].Name < rows[j].Name
		})
	}
	return a
}

func agreementRow(name string, pairs []labelPair) AgreementRow {
	row := AgreementRow{Name: name, Claims: len(pairs), Kappa: cohenKappa(pairs)}
	for _, p := range pairs {
		if p[0] == p[1] {
			row.Agreed++
		}
	}
	return row
}

// cohenKappa is Cohen's kappa for two raters' labels of the same items:
// (po - pe) / (1 - pe), po the share of items both labelled alike, pe the
// share expected by chance from each rater's own rate of each label. It
// is NaN when pe is 1 (or there are no items).
func cohenKappa(pairs []labelPair) float64 {
	n := float64(len(pairs))
	if n == 0 {
		return math.NaN()
	}
	first, second := map[claimex.Status]float64{}, map[claimex.Status]float64{}
	agreed := 0.0
	for _, p := range pairs {
		first[p[0]]++
		second[p[1]]++
		if p[0] == p[1] {
			agreed++
		}
	}
	po := agreed / n
	pe := 0.0
	for label, f := range first {
		pe += (f / n) * (second[label] / n)
	}
	if pe >= 1 {
		return math.NaN()
	}
	return (po - pe) / (1 - pe)
}

// agreement shows how far reviewers agree.
func (s *Server) agreement(w http.ResponseWriter, r *http.Request) {
	ops, err := s.cfg.Store.Opinions(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, "agreement", map[string]any{"Agreement": Agree(ops)})
}

// KappaText writes a kappa for a table: two decimals, or "—" where it is
// not defined.
func KappaText(k float64) string {
	if math.IsNaN(k) {
		return "—"
	}
	return strconv.FormatFloat(k, 'f', 2, 64)
}
