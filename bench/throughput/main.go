// Command throughput measures claimex end to end on a corpus built from
// the article-extraction benchmark's pages, against a naive pipeline made
// of the same libraries, and prints a table.
//
// For each size N it writes N pages (the AEB pages over and over, each
// copy marked so that none has the same bytes as another), then times
// claimex ingest, extract and export as separate processes, reading each
// one's peak resident memory from the kernel, and the database's size.
// The naive pipeline does the same work the obvious way: go-trafilatura
// on each page, prose's entity model over the whole text, one INSERT per
// row, one document at a time, raw pages stored as they are.
//
// With -beam it also writes -scale-n pages into four web archives and
// times claimex ingest of them beside ingest of the same files, and the
// Beam pipeline on Prism over them (docs/s, peak memory) with claimex
// import of its shards, checking that all give the same claims.
//
//	go run ./throughput -claimex ../bin/claimex [-aeb DIR] [-n 1000,10000] [-work DIR] [-beam ../bin/claimex-beam]
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) > 1 && strings.HasPrefix(os.Args[1], "naive-") {
		naiveMain(os.Args[1], os.Args[2:])
		return
	}
	aeb := flag.String("aeb", envOr("BENCH_CORPUS", envOr("BENCH_AEB", "../../shared/bench/aeb")), "folder of the AEB pages (html/*.html.gz)")
	sizes := flag.String("n", "1000,10000", "corpus sizes, comma-separated")
	bin := flag.String("claimex", "../bin/claimex", "the claimex binary to measure")
	work := flag.String("work", "", "folder for corpora and databases (default: a temporary folder, removed after)")
	naive := flag.Bool("naive", true, "also run the naive pipeline")
	beam := flag.String("beam", "", "the claimex-beam binary: also measure web archives and the pipeline on Prism (see -scale-n)")
	scaleN := flag.Int("scale-n", 2000, "pages for the web-archive and pipeline measures")
	flag.Parse()

	pages, err := loadPages(*aeb)
	if err != nil {
		log.Fatal(err)
	}
	dir := *work
	if dir == "" {
		if dir, err = os.MkdirTemp("", "claimex-bench-"); err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
	}
	self, err := os.Executable()
	if err != nil {
		log.Fatal(err)
	}
	var results []result
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			log.Fatalf("bad size %q", s)
		}
		corpus := filepath.Join(dir, fmt.Sprintf("corpus-%d", n))
		rawBytes, err := buildCorpus(corpus, pages, n)
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("corpus of %d pages, %.0f MB", n, mb(rawBytes))
		r := result{n: n, rawMB: mb(rawBytes)}
		r.ours = measure("claimex", n, rawBytes, func(db, out string) [3]*exec.Cmd {
			return [3]*exec.Cmd{
				exec.Command(*bin, "ingest", "--db", db, corpus),
				exec.Command(*bin, "extract", "--db", db),
				exec.Command(*bin, "export", "--db", db, "--format", "jsonl", "-o", out),
			}
		}, dir)
		if *naive {
			r.naive = measure("naive", n, rawBytes, func(db, out string) [3]*exec.Cmd {
				return [3]*exec.Cmd{
					exec.Command(self, "naive-ingest", db, corpus),
					exec.Command(self, "naive-extract", db),
					exec.Command(self, "naive-export", db, out),
				}
			}, dir)
		}
		results = append(results, r)
	}
	printTable(os.Stdout, results, *naive)
	if *beam != "" {
		corpus := filepath.Join(dir, fmt.Sprintf("corpus-%d", *scaleN))
		if _, err := buildCorpus(corpus, pages, *scaleN); err != nil {
			log.Fatal(err)
		}
		printScale(os.Stdout, []scaleFigures{measureScale(*bin, *beam, corpus, *scaleN, dir)})
	}
}

// figures are what one pipeline did on one corpus.
type figures struct {
	ingestDocs, ingestMB, extractDocs, exportClaims float64
	peakRSS                                         float64 // MB, the largest of the three stages
	ingestRSS                                       float64 // MB
	// grouping is how long ingest took to group the documents into
	// events (its own log line), 0 when it did not say.
	grouping time.Duration
	ingest   time.Duration
	dbMB     float64
	claims   int
}

type result struct {
	n           int
	rawMB       float64
	ours, naive figures
}

// measure runs a pipeline's three stages as processes on a new database.
func measure(name string, n int, rawBytes int64, cmds func(db, out string) [3]*exec.Cmd, dir string) figures {
	db := filepath.Join(dir, fmt.Sprintf("%s-%d.db", name, n))
	out := filepath.Join(dir, fmt.Sprintf("%s-%d.jsonl", name, n))
	for _, f := range []string{db, db + "-wal", db + "-shm", out} {
		os.Remove(f)
	}
	var f figures
	stages := cmds(db, out)
	for i, c := range stages {
		if name == "claimex" && i == 0 {
			c.Env = append(os.Environ(), "CLAIMEX_LOG=debug")
		}
		d, rss, stderr := run(c)
		f.peakRSS = max(f.peakRSS, rss)
		switch i {
		case 0:
			f.ingestDocs, f.ingestMB, f.ingestRSS, f.ingest = float64(n)/d.Seconds(), mb(rawBytes)/d.Seconds(), rss, d
			if m := groupedTook.FindStringSubmatch(stderr); m != nil {
				f.grouping, _ = time.ParseDuration(m[1])
			}
		case 1:
			f.extractDocs = float64(n) / d.Seconds()
		case 2:
			f.claims = countLines(out)
			f.exportClaims = float64(f.claims) / d.Seconds()
		}
		log.Printf("%s %d: %s %.1fs, peak %.0f MB", name, n, c.Args[1], d.Seconds(), rss)
	}
	f.dbMB = mb(fileSize(db) + fileSize(db+"-wal"))
	for _, f := range []string{out} {
		os.Remove(f)
	}
	return f
}

// groupedTook finds how long ingest's grouping into events took in its
// debug log.
var groupedTook = regexp.MustCompile(`msg="events grouped".* took=(\S+)`)

// run runs a command to its end, returning its wall time, peak resident
// memory in MB and what it wrote to stderr.
func run(c *exec.Cmd) (time.Duration, float64, string) {
	d, rss, _, stderr := execute(c)
	return d, rss, stderr
}

// runCPU runs c and returns its wall time, peak RSS in MB and the CPU
// time it used (user and system): on a machine shared with other work
// the CPU time says more than the wall time.
func runCPU(c *exec.Cmd) (time.Duration, float64, time.Duration) {
	d, rss, cpu, _ := execute(c)
	return d, rss, cpu
}

// execute runs c to its end and returns its wall time, peak RSS in MB,
// CPU time and stderr.
func execute(c *exec.Cmd) (time.Duration, float64, time.Duration, string) {
	var stderr bytes.Buffer
	c.Stdout, c.Stderr = io.Discard, &stderr
	start := time.Now()
	if err := c.Start(); err != nil {
		log.Fatalf("%v: %v", c.Args, err)
	}
	// The kernel's figure for a child (ru_maxrss) starts from this
	// process's own peak when the child is started the way Go starts it
	// (sharing this process's memory until exec), so a child smaller than
	// the bench reads as big as the bench. The child's own high-water
	// mark (VmHWM) is read while it runs instead.
	done := make(chan struct{})
	peak := make(chan float64, 1)
	go func() {
		var hwm float64
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			if kb := vmHWM(c.Process.Pid); kb > hwm {
				hwm = kb
			}
			select {
			case <-done:
				peak <- hwm / 1024
				return
			case <-tick.C:
			}
		}
	}()
	err := c.Wait()
	d := time.Since(start)
	close(done)
	rss := <-peak
	if err != nil {
		log.Fatalf("%v: %v\n%s", c.Args, err, stderr.String())
	}
	if rss == 0 {
		if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = float64(ru.Maxrss) / 1024 // Linux reports KB
		}
	}
	return d, rss, c.ProcessState.UserTime() + c.ProcessState.SystemTime(), stderr.String()
}

// vmHWM is the peak resident memory, in KB, of a running process (0 when
// it cannot be read: the process ended, or no /proc).
func vmHWM(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb
		}
	}
	return 0
}

func printTable(w io.Writer, rs []result, naive bool) {
	fmt.Fprintln(w)
	if naive {
		fmt.Fprintln(w, "| documents | figure | claimex | naive | claimex / naive |")
		fmt.Fprintln(w, "|---|---|---|---|---|")
	} else {
		fmt.Fprintln(w, "| documents | figure | claimex |")
		fmt.Fprintln(w, "|---|---|---|")
	}
	for _, r := range rs {
		rows := []struct {
			name   string
			ours   float64
			theirs float64
			format string
		}{
			{"ingest, docs/s", r.ours.ingestDocs, r.naive.ingestDocs, "%.0f"},
			{"ingest, MB/s of HTML", r.ours.ingestMB, r.naive.ingestMB, "%.1f"},
			{"re-extract, docs/s", r.ours.extractDocs, r.naive.extractDocs, "%.0f"},
			{"export, claims/s", r.ours.exportClaims, r.naive.exportClaims, "%.0f"},
			{"peak RSS, MB", r.ours.peakRSS, r.naive.peakRSS, "%.0f"},
			{fmt.Sprintf("database, MB (HTML: %.0f MB)", r.rawMB), r.ours.dbMB, r.naive.dbMB, "%.0f"},
			{"claims", float64(r.ours.claims), float64(r.naive.claims), "%.0f"},
		}
		if r.ours.grouping > 0 {
			rows = append(rows, struct {
				name   string
				ours   float64
				theirs float64
				format string
			}{"grouping into events, % of ingest time", 100 * r.ours.grouping.Seconds() / r.ours.ingest.Seconds(), 0, "%.1f"})
		}
		for _, row := range rows {
			if naive {
				ratio := "-"
				if row.theirs > 0 {
					ratio = fmt.Sprintf("%.1f×", row.ours/row.theirs)
				}
				fmt.Fprintf(w, "| %d | %s | "+row.format+" | "+row.format+" | %s |\n", r.n, row.name, row.ours, row.theirs, ratio)
			} else {
				fmt.Fprintf(w, "| %d | %s | "+row.format+" |\n", r.n, row.name, row.ours)
			}
		}
	}
}

// page is one AEB page.
type page struct {
	id   string
	html []byte
}

func loadPages(dir string) ([]page, error) {
	files, err := filepath.Glob(filepath.Join(dir, "html", "*.html.gz"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no pages in %s/html (set BENCH_CORPUS): %v", dir, err)
	}
	sort.Strings(files)
	var out []page
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			fh.Close()
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		b, err := io.ReadAll(zr)
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, page{id: strings.TrimSuffix(filepath.Base(f), ".html.gz"), html: b})
	}
	return out, nil
}

var bodyOpen = regexp.MustCompile(`(?i)<body[^>]*>`)

// buildCorpus writes n pages: the AEB pages in turn, each copy after the
// first marked in a comment and with a line of its own at the top of the
// body, so that every file's bytes, and every article's text, differ.
// A corpus already there with n files is reused.
func buildCorpus(dir string, pages []page, n int) (int64, error) {
	if existing, _ := filepath.Glob(filepath.Join(dir, "*.html")); len(existing) == n {
		var total int64
		for _, f := range existing {
			total += fileSize(f)
		}
		return total, nil
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	var total int64
	for i := range n {
		p := pages[i%len(pages)]
		copyN := i / len(pages)
		b := p.html
		if copyN > 0 {
			mark := fmt.Sprintf("<!-- claimex bench copy %d -->", copyN)
			line := fmt.Sprintf("<p>Filed as dispatch %d-%d.</p>", copyN, i)
			if loc := bodyOpen.FindIndex(b); loc != nil {
				b = bytes.Join([][]byte{[]byte(mark), b[:loc[1]], []byte(line), b[loc[1]:]}, nil)
			} else {
				b = append([]byte(mark+line), b...)
			}
		}
		name := filepath.Join(dir, fmt.Sprintf("%05d_%s.html", i, p.id))
		if err := os.WriteFile(name, b, 0o644); err != nil {
			return 0, err
		}
		total += int64(len(b))
	}
	return total, nil
}

func countLines(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		n++
	}
	return n
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
