package nerscore

import (
	"fmt"
	"strings"
)

// Counts are the tallies of one type (or of all): gold and predicted
// mentions, and those matched exactly and by overlap.
type Counts struct {
	Gold, Pred, Exact, Overlap int
}

// PRF is precision, recall and F1.
type PRF struct{ P, R, F1 float64 }

func prf(tp, pred, gold int) PRF {
	var s PRF
	if pred > 0 {
		s.P = float64(tp) / float64(pred)
	}
	if gold > 0 {
		s.R = float64(tp) / float64(gold)
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// ExactPRF is the exact-span precision, recall and F1.
func (c Counts) ExactPRF() PRF { return prf(c.Exact, c.Pred, c.Gold) }

// OverlapPRF is the overlap precision, recall and F1.
func (c Counts) OverlapPRF() PRF { return prf(c.Overlap, c.Pred, c.Gold) }

func (c *Counts) add(o Counts) {
	c.Gold += o.Gold
	c.Pred += o.Pred
	c.Exact += o.Exact
	c.Overlap += o.Overlap
}

// Result is one system's score on a set of documents.
type Result struct {
	ByType map[Type]Counts
	All    Counts
	// Errors lists, per document, the gold mentions missed (exactly) and
	// the predictions that are not exactly right: "doc: missed PERSON
	// "Kenichi Shimokawa"", "doc: false ORG "AC"".
	Errors []string
}

// Score scores predicted mentions against docs' gold, predict giving
// each document's predictions.
func Score(docs []Doc, predict func(Doc) []Mention) Result {
	res := Result{ByType: map[Type]Counts{}}
	for _, d := range docs {
		c, errs := scoreDoc(d, predict(d))
		for t, n := range c {
			cur := res.ByType[t]
			cur.add(n)
			res.ByType[t] = cur
			res.All.add(n)
		}
		res.Errors = append(res.Errors, errs...)
	}
	return res
}

func overlaps(a, b Mention) bool { return a.Start < b.End && b.Start < a.End }

func scoreDoc(d Doc, pred []Mention) (map[Type]Counts, []string) {
	c := map[Type]Counts{}
	var kept []Mention
	for _, p := range pred {
		if p.Type == "" || p.End <= p.Start {
			continue
		}
		ignored := false
		for _, ig := range d.Ignored {
			ignored = ignored || overlaps(p, ig)
		}
		if !ignored {
			kept = append(kept, p)
		}
	}
	for _, g := range d.Gold {
		n := c[g.Type]
		n.Gold++
		c[g.Type] = n
	}
	exactGold := make([]bool, len(d.Gold))
	exactPred := make([]bool, len(kept))
	for j, p := range kept {
		n := c[p.Type]
		n.Pred++
		for i, g := range d.Gold {
			if !exactGold[i] && g == p {
				exactGold[i], exactPred[j] = true, true
				n.Exact++
				break
			}
		}
		c[p.Type] = n
	}
	// Overlap: exact matches first, then the rest in text order.
	overGold := append([]bool(nil), exactGold...)
	overPred := append([]bool(nil), exactPred...)
	for i, g := range d.Gold {
		if overGold[i] {
			continue
		}
		for j, p := range kept {
			if !overPred[j] && p.Type == g.Type && overlaps(p, g) {
				overGold[i], overPred[j] = true, true
				break
			}
		}
	}
	for i, g := range d.Gold {
		if overGold[i] {
			n := c[g.Type]
			n.Overlap++
			c[g.Type] = n
		}
	}
	var errs []string
	for i, g := range d.Gold {
		if !exactGold[i] {
			errs = append(errs, fmt.Sprintf("%s: missed %s %q", d.Name, g.Type, cut(d.Text, g)))
		}
	}
	for j, p := range kept {
		if !exactPred[j] {
			errs = append(errs, fmt.Sprintf("%s: false %s %q", d.Name, p.Type, cut(d.Text, p)))
		}
	}
	return c, errs
}

// cut returns the text of m (code-point offsets).
func cut(text string, m Mention) string {
	r := []rune(text)
	if m.Start < 0 || m.End > len(r) || m.Start > m.End {
		return ""
	}
	return string(r[m.Start:m.End])
}

// Mentioned returns the text a mention covers in d.
func (d Doc) Mentioned(m Mention) string { return cut(d.Text, m) }

// System is a recogniser measured: a name and what it finds in a
// document.
type System struct {
	Name    string
	Predict func(Doc) []Mention
}

// Report is the score of several systems on one set, the first the one
// reported on, the others anchors.
type Report struct {
	Set     string
	Docs    int
	Systems []string
	Results []Result
}

// Run scores each system on docs.
func Run(set string, docs []Doc, systems ...System) Report {
	rep := Report{Set: set, Docs: len(docs)}
	for _, s := range systems {
		rep.Systems = append(rep.Systems, s.Name)
		rep.Results = append(rep.Results, Score(docs, s.Predict))
	}
	return rep
}

// Lines returns the report in its fixed format, an overall line then
// one line per type:
//
//	ner SET: SYS exact P=0.812 R=0.790 F1=0.801 overlap P=... R=... F1=... | SYS2 exact ... (gold N mentions, D docs)
//	ner SET PERSON: SYS exact P=... (gold N)
func (r Report) Lines() []string {
	var out []string
	line := func(label string, get func(Result) Counts, tail string) {
		var parts []string
		for k, res := range r.Results {
			c := get(res)
			e, o := c.ExactPRF(), c.OverlapPRF()
			parts = append(parts, fmt.Sprintf("%s exact P=%.3f R=%.3f F1=%.3f overlap P=%.3f R=%.3f F1=%.3f",
				r.Systems[k], e.P, e.R, e.F1, o.P, o.R, o.F1))
		}
		out = append(out, fmt.Sprintf("ner %s: %s (%s)", label, strings.Join(parts, " | "), tail))
	}
	gold := 0
	if len(r.Results) > 0 {
		gold = r.Results[0].All.Gold
	}
	line(r.Set, func(res Result) Counts { return res.All }, fmt.Sprintf("gold %d mentions, %d docs", gold, r.Docs))
	for _, t := range Types {
		n := 0
		if len(r.Results) > 0 {
			n = r.Results[0].ByType[t].Gold
		}
		line(r.Set+" "+string(t), func(res Result) Counts { return res.ByType[t] }, fmt.Sprintf("gold %d", n))
	}
	return out
}
