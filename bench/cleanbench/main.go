// Command cleanbench measures article-text extraction on two sets of
// pages: the article-extraction benchmark (AEB) and Mozilla Readability's
// test pages. claimex's cleaner is compared with go-trafilatura (fallback
// off and on) and go-readability, each scored with the sets' shared
// measure (4-token shingles) and timed on one core in the same run:
// pages per second of processor time, so that other work on the machine
// does not count.
//
//	go run ./cleanbench [-aeb DIR] [-readability DIR] [-rounds N] [-only NAME] [-out DIR] [-diff DIR]
//
// -diff writes, per set, how claimex does on each page against the
// set's best other extractor: <set>.tsv, a row a page, worst first, and
// <set>.jsonl, for the pages where claimex does worse, the lines it kept
// that the truth lacks and the lines of the truth it lost.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"
)

// extractor returns the article text of a page.
type extractor struct {
	name string
	run  func(html []byte) (string, error)
}

// result is one extractor's run over one set.
type result struct {
	name   string
	texts  []string
	pages  []counts
	score  score
	perSec float64
}

func main() {
	aeb := flag.String("aeb", envOr("BENCH_AEB", "../shared/bench/aeb"), "the AEB folder (html/, ground-truth.json); empty: skip")
	rd := flag.String("readability", envOr("BENCH_READABILITY", "../shared/dev/readability"), "the Readability pages folder (pages/); empty: skip")
	rounds := flag.Int("rounds", 3, "timed passes over the pages per extractor")
	only := flag.String("only", "", "run only the extractors whose name contains this")
	out := flag.String("out", "", "write each extractor's output as JSON Lines into this folder")
	diff := flag.String("diff", "", "write per-page differences between claimex and the best other extractor into this folder")
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

	var sets []set
	for _, s := range []struct {
		name, dir string
		load      func(string) ([]page, error)
	}{{"aeb", *aeb, loadAEB}, {"readability", *rd, loadReadability}} {
		if s.dir == "" {
			continue
		}
		pages, err := s.load(s.dir)
		if err != nil {
			log.Fatalf("%s pages: %v", s.name, err)
		}
		sets = append(sets, set{name: s.name, dir: s.dir, pages: pages})
	}
	runtime.GOMAXPROCS(1) // pages per second on one core
	for _, st := range sets {
		results := runSet(st, *rounds, *only, *out)
		if *diff != "" {
			if err := writeDiff(*diff, st, results); err != nil {
				log.Fatal(err)
			}
		}
	}
}

// runSet measures the extractors whose name holds only on a set, prints
// their table and how claimex's speed compares, and writes their texts
// into out/<set> unless out is "". The passes take turns — one of each
// extractor, then the next round — so that a busy moment of the machine
// falls on all of them alike; each keeps its fastest pass.
func runSet(st set, rounds int, only, out string) []result {
	var xs []extractor
	for _, x := range extractors() {
		if only == "" || strings.Contains(x.name, only) {
			xs = append(xs, x)
		}
	}
	results := make([]result, len(xs))
	for i, x := range xs {
		results[i] = result{name: x.name, texts: make([]string, len(st.pages))}
	}
	best := make([]time.Duration, len(xs))
	for r := range max(1, rounds) {
		for i, x := range xs {
			d := pass(x, st.pages, results[i].texts)
			if r == 0 || d < best[i] {
				best[i] = d
			}
		}
	}
	fmt.Printf("%s: %d pages of %s, one core, best of %d passes\n\n", st.name, len(st.pages), st.dir, rounds)
	fmt.Printf("| extractor | F1 | precision | recall | empty | pages/s |\n|---|---|---|---|---|---|\n")
	speed := map[string]float64{}
	for i := range results {
		res := &results[i]
		res.perSec = float64(len(st.pages)) / best[i].Seconds()
		for j, p := range st.pages {
			c := compare(p.truth, res.texts[j])
			res.pages = append(res.pages, c)
			res.score.add(c)
		}
		p, r, f := res.score.prf()
		fmt.Printf("| %s | %.3f | %.3f | %.3f | %d | %.0f |\n", res.name, f, p, r, res.score.empty, res.perSec)
		speed[res.name] = res.perSec
		if out != "" {
			path := filepath.Join(out, st.name, strings.NewReplacer(" ", "_", "(", "", ")", "").Replace(res.name)+".jsonl")
			if err := writeTexts(path, st.pages, res.texts); err != nil {
				log.Fatal(err)
			}
		}
	}
	fmt.Println()
	if own, anchor := speed["claimex"], speed[slowAnchor]; own > 0 && anchor > 0 {
		fmt.Printf("claimex: %.1f× the pages/s of %s\n\n", own/anchor, slowAnchor)
	}
	return results
}

// slowAnchor is the extractor claimex's speed is compared with.
const slowAnchor = "go-trafilatura (fallback)"

// pass runs x over the pages, its texts into texts (an error: ""), and
// returns the processor time it took.
func pass(x extractor, pages []page, texts []string) time.Duration {
	start := cpuTime()
	for i, p := range pages {
		t, err := x.run(p.html)
		if err != nil {
			t = ""
		}
		texts[i] = t
	}
	return cpuTime() - start
}

// cpuTime is the processor time the process has used: on a machine
// shared with other work, a pass's wall-clock time counts their time too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		log.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
