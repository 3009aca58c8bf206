package review

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/store"
)

func fsSub(f fs.FS, dir string) (fs.FS, error) { return fs.Sub(f, dir) }

// Segment is a run of a document's text, marked when it belongs to a
// claim or to the sentence under review. Templates escape Text: article
// text is untrusted.
type Segment struct {
	Text     string
	ClaimID  int64
	Category string
	Status   claimex.Status
	Kind     claimex.Kind
	// Sentence and Focus mark the sentence under review and its claim;
	// Twin the same figure across the headline, reviewed with it.
	Sentence, Focus, Twin bool
}

// slice cuts code points [start, end) out of runes, clamped.
func slice(runes []rune, start, end int) string {
	start, end = max(0, min(start, len(runes))), max(0, min(end, len(runes)))
	if end <= start {
		return ""
	}
	return string(runes[start:end])
}

// focus splits a document's text around one claim: the text before its
// sentence, the sentence with the claim marked, the text after; its
// twins (the same figure across the headline), outside its sentence, are
// marked too.
func focus(text string, c claimex.Claim, twins ...claimex.Claim) []Segment {
	r := []rune(text)
	ss, se := min(c.SentenceStart, c.Start), max(c.SentenceEnd, c.End)
	segs := plain(r, 0, ss, twins)
	segs = append(segs, Segment{Text: slice(r, ss, c.Start), Sentence: true},
		Segment{Text: slice(r, c.Start, c.End), Sentence: true, Focus: true, ClaimID: c.ID, Category: string(c.Category), Kind: c.Kind},
		Segment{Text: slice(r, c.End, se), Sentence: true})
	segs = append(segs, plain(r, se, len(r), twins)...)
	out := segs[:0]
	for _, s := range segs {
		if s.Text != "" || s.Focus {
			out = append(out, s)
		}
	}
	return out
}

// plain cuts [from, to) of a text into runs, the twins lying wholly in
// it marked.
func plain(r []rune, from, to int, twins []claimex.Claim) []Segment {
	var out []Segment
	at := from
	for _, t := range twins {
		if t.Start < at || t.End > to || t.End <= t.Start {
			continue
		}
		out = append(out, Segment{Text: slice(r, at, t.Start)},
			Segment{Text: slice(r, t.Start, t.End), Twin: true, ClaimID: t.ID, Category: string(t.Category), Kind: t.Kind})
		at = t.End
	}
	return append(out, Segment{Text: slice(r, at, to)})
}

// highlight splits a document's text into plain runs and claims, in text
// order; a claim overlapping one before it is left unmarked.
func highlight(text string, claims []store.ClaimView) []Segment {
	r := []rune(text)
	sorted := append([]store.ClaimView(nil), claims...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	var out []Segment
	pos := 0
	for _, v := range sorted {
		c := v.Claim
		if c.Start < pos || c.End <= c.Start || c.End > len(r) {
			continue
		}
		if c.Start > pos {
			out = append(out, Segment{Text: slice(r, pos, c.Start)})
		}
		cat := string(c.Category)
		if c.Kind == claimex.KindEntity {
			cat = strings.ToLower(c.EntityType)
		}
		out = append(out, Segment{Text: slice(r, c.Start, c.End), ClaimID: c.ID, Category: cat, Status: v.Status, Kind: c.Kind})
		pos = c.End
	}
	if pos < len(r) {
		out = append(out, Segment{Text: slice(r, pos, len(r))})
	}
	return out
}

// figureLabel writes a figure as a reader would: "more than 3,000".
func figureLabel(f Figure) string {
	return claimex.FigureText(f.Value, f.ValueMax, f.Qualifier, f.Vague)
}

// figureDocs names the documents that state a figure: "doc 3, doc 5".
func figureDocs(f Figure) string {
	var out []string
	for _, id := range f.DocumentIDs() {
		out = append(out, "doc "+strconv.FormatInt(id, 10))
	}
	return strings.Join(out, ", ")
}

// claimValue writes a claim's figure.
func claimValue(c claimex.Claim) string {
	switch {
	case c.Kind == claimex.KindEntity:
		return c.Canonical
	case c.Value == nil:
		return c.Vague
	case c.ValueMax != nil:
		return claimex.GroupDigits(*c.Value) + "–" + claimex.GroupDigits(*c.ValueMax)
	}
	return claimex.GroupDigits(*c.Value)
}

var funcs = template.FuncMap{
	"figure": figureLabel,
	"docs":   figureDocs,
	"value":  claimValue,
	"num": func(v *float64) string {
		if v == nil {
			return ""
		}
		return claimex.GroupDigits(*v)
	},
	"int": func(n int) string { return claimex.GroupDigits(float64(n)) },
	// day writes a published date as a day ("20 Nov 2023"), or as the
	// page gave it when it is no RFC 3339 time or date.
	"day": func(s string) string {
		if t := parseDate(s); !t.IsZero() {
			return t.Format("2 Jan 2006")
		}
		return s
	},
	"f":     func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
	"human": func(s string) string { return strings.ReplaceAll(s, "_", " ") },
	"clip": func(s string, n int) string {
		r := []rune(s)
		if len(r) <= n {
			return s
		}
		return string(r[:n-1]) + "…"
	},
	"clipClaim": func(c claimex.Claim) Clip { return clipClaim(c, sentenceContext) },
	"base":      func(s string) string { return path.Base(s) },
	"kappa":     KappaText,
	"pct":       func(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) + "%" },
	"when":      func(t time.Time) string { return t.Local().Format("2 Jan 15:04:05") },
	"withParam": func(q map[string][]string, key, value string) string {
		v := make(map[string][]string, len(q))
		for k, vs := range q {
			v[k] = vs
		}
		v[key] = []string{value}
		return encodeQuery(v)
	},
}

func encodeQuery(v map[string][]string) string {
	q := url.Values{}
	for k, vs := range v {
		for _, val := range vs {
			if val != "" {
				q.Add(k, val)
			}
		}
	}
	return q.Encode()
}

// applyCorrection merges or splits entities and says what it did.
func (s *Server) applyCorrection(ctx context.Context, c claimex.EntityCorrection) (string, error) {
	c, n, err := pipeline.CorrectEntities(ctx, s.cfg.Store, c)
	if err != nil {
		return "", err
	}
	if c.Kind == claimex.Merge {
		return fmt.Sprintf("merged %q into %q; %d entities in all", c.B, c.A, n), nil
	}
	return fmt.Sprintf("split %q from its entity; %d entities in all", c.A, n), nil
}
