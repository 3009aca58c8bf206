package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
)

// writeDiff writes dir/<set>.tsv and dir/<set>.jsonl: claimex's pages
// against those of the set's best other extractor (by F1).
func writeDiff(dir string, st set, results []result) error {
	var own, anchor *result
	bestF := -1.0
	for i := range results {
		r := &results[i]
		if r.name == "claimex" {
			own = r
			continue
		}
		if _, _, f := r.score.prf(); f > bestF {
			anchor, bestF = r, f
		}
	}
	if own == nil || anchor == nil {
		log.Printf("diff %s: needs claimex and another extractor; none written", st.name)
		return nil
	}
	type row struct {
		i          int
		p, r, f    float64
		ap, ar, af float64
	}
	rows := make([]row, len(st.pages))
	for i := range st.pages {
		p, r, f := own.pages[i].prf()
		ap, ar, af := anchor.pages[i].prf()
		rows[i] = row{i, p, r, f, ap, ar, af}
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].f-rows[a].af < rows[b].f-rows[b].af })
	var tsv, jl bytes.Buffer
	fmt.Fprintf(&tsv, "page\tclaimex_f1\tclaimex_p\tclaimex_r\tclaimex_chars\tanchor\tanchor_f1\tanchor_p\tanchor_r\tdelta_f1\n")
	enc := json.NewEncoder(&jl)
	enc.SetEscapeHTML(false)
	for _, r := range rows {
		pg := st.pages[r.i]
		fmt.Fprintf(&tsv, "%s\t%.3f\t%.3f\t%.3f\t%d\t%s\t%.3f\t%.3f\t%.3f\t%+.3f\n", pg.id, r.f, r.p, r.r,
			len(own.texts[r.i]), anchor.name, r.af, r.ap, r.ar, r.f-r.af)
		if r.f >= r.af {
			continue
		}
		enc.Encode(map[string]any{
			"page": pg.id, "claimex_f1": round(r.f), "anchor": anchor.name, "anchor_f1": round(r.af),
			"extra":  unmatched(own.texts[r.i], pg.truth),
			"missed": unmatched(pg.truth, own.texts[r.i]),
		})
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, st.name+".tsv"), tsv.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, st.name+".jsonl"), jl.Bytes(), 0o644)
}

func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// writeTexts writes an extractor's texts as JSON Lines, as the sets'
// score scripts read them.
func writeTexts(path string, pages []page, texts []string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i, p := range pages {
		enc.Encode(map[string]string{"source": p.id + ".html", "text": texts[i]})
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
