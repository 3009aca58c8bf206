// Command cleanbench measures article-text extraction on the pages of the
// article-extraction benchmark (AEB): claimex's cleaner against
// go-trafilatura and go-readability, each scored with the benchmark's
// measure and timed on one core in the same run.
//
//	go run ./cleanbench [-aeb DIR] [-rounds N] [-per-page NAME] [-out DIR]
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"
)

// page is one benchmark page: its HTML and the article text it holds.
type page struct {
	id    string
	html  []byte
	truth string
}

// extractor returns the article text of a page.
type extractor struct {
	name string
	run  func(html []byte) (string, error)
}

func main() {
	dir := flag.String("aeb", envOr("BENCH_AEB", "../shared/bench/aeb"), "the AEB folder (html/, ground-truth.json)")
	rounds := flag.Int("rounds", 3, "timed passes over the pages per extractor")
	perPage := flag.String("per-page", "", "print per-page scores of this extractor")
	only := flag.String("only", "", "run only the extractors whose name contains this")
	out := flag.String("out", "", "write each extractor's output as JSON Lines into this folder")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the run to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}

	pages, err := load(*dir)
	if err != nil {
		log.Fatal(err)
	}
	runtime.GOMAXPROCS(1) // pages per second on one core
	fmt.Printf("%d pages of %s, one core, best of %d passes\n\n", len(pages), *dir, *rounds)
	fmt.Printf("| extractor | F1 | precision | recall | pages/s |\n|---|---|---|---|---|\n")
	for _, x := range extractors() {
		if *only != "" && !strings.Contains(x.name, *only) {
			continue
		}
		texts := make([]string, len(pages))
		best := time.Duration(1 << 62)
		for r := 0; r < max(1, *rounds); r++ {
			start := time.Now()
			for i, p := range pages {
				t, err := x.run(p.html)
				if err != nil {
					t = ""
				}
				texts[i] = t
			}
			best = min(best, time.Since(start))
		}
		var s score
		var rows []string
		for i, p := range pages {
			tp, fp, fn := s.page(p.truth, texts[i])
			rows = append(rows, fmt.Sprintf("%s tp=%d fp=%d fn=%d", p.id[:12], tp, fp, fn))
		}
		pr, rc, f1 := s.prf()
		fmt.Printf("| %s | %.3f | %.3f | %.3f | %.0f |\n", x.name, f1, pr, rc, float64(len(pages))/best.Seconds())
		if *perPage != "" && strings.Contains(x.name, *perPage) {
			defer fmt.Println(strings.Join(rows, "\n"))
		}
		if *out != "" {
			if err := write(filepath.Join(*out, strings.ReplaceAll(x.name, " ", "_")+".jsonl"), pages, texts); err != nil {
				log.Fatal(err)
			}
		}
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// load reads the benchmark's pages (gzipped HTML) and truths.
func load(dir string) ([]page, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return nil, err
	}
	var pages []page
	for id, t := range truth {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		html, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		pages = append(pages, page{id: id, html: html, truth: t.ArticleBody})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].id < pages[j].id })
	return pages, nil
}

func write(path string, pages []page, texts []string) error {
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
