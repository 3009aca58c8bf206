package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/claimex/claimex/internal/warctest"
)

// scaleFigures are what the web-archive paths did with one corpus: the
// same pages ingested as files, ingested as four web archives, and run
// through the Beam pipeline on Prism and imported.
type scaleFigures struct {
	n                                  int
	filesDocs, warcDocs, warcRSS       float64
	prismDocs, prismRSS, importDocs    float64
	shardMB, warcMB                    float64
	warcSame, pipelineSame, importSame bool
	// documents per CPU second (user and system) of each path: less
	// swayed than docs/s by other work on a shared machine.
	filesCPU, warcCPU, prismCPU, importCPU float64
}

// measureScale writes the corpus's pages into four web archives
// (compressed per record, with a request record before each response, as
// crawlers write them) and times claimex ingest of the files and of the
// archives, the pipeline on Prism over the archives (claimex-beam, all
// cores), and claimex import of its shards; it checks that each path
// gives the claims of the files' ingest, by key.
func measureScale(bin, beam, corpus string, n int, dir string) scaleFigures {
	f := scaleFigures{n: n}
	files, err := filepath.Glob(filepath.Join(corpus, "*.html"))
	if err != nil || len(files) != n {
		log.Fatalf("scale: %d pages in %s, want %d", len(files), corpus, n)
	}
	slices.Sort(files)
	wdir := filepath.Join(dir, fmt.Sprintf("warc-%d", n))
	os.RemoveAll(wdir)
	os.MkdirAll(wdir, 0o755)
	var warcs []string
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for part := range 4 {
		var records []warctest.Record
		for i := part; i < n; i += 4 {
			b, err := os.ReadFile(files[i])
			if err != nil {
				log.Fatal(err)
			}
			uri := fmt.Sprintf("https://news.example/%s", filepath.Base(files[i]))
			records = append(records,
				warctest.Record{Type: "request", URI: uri, Block: []byte("GET / HTTP/1.1\r\nHost: news.example\r\n\r\n")},
				warctest.Response(uri, day.Add(time.Duration(i)*time.Second), b))
		}
		name := filepath.Join(wdir, fmt.Sprintf("crawl-%d.warc.gz", part))
		b := warctest.File(records, true)
		if err := os.WriteFile(name, b, 0o644); err != nil {
			log.Fatal(err)
		}
		f.warcMB += mb(int64(len(b)))
		warcs = append(warcs, name)
	}

	db := func(name string) string {
		p := filepath.Join(dir, fmt.Sprintf("%s-%d.db", name, n))
		for _, s := range []string{"", "-wal", "-shm"} {
			os.Remove(p + s)
		}
		return p
	}
	filesDB, warcDB, importDB := db("scale-files"), db("scale-warc"), db("scale-import")
	perCPU := func(cpu time.Duration) float64 { return float64(n) / cpu.Seconds() }
	d, _, cpu := runCPU(exec.Command(bin, "ingest", "--db", filesDB, corpus))
	f.filesDocs, f.filesCPU = float64(n)/d.Seconds(), perCPU(cpu)
	d, rss, cpu := runCPU(exec.Command(bin, append([]string{"ingest", "--db", warcDB}, warcs...)...))
	f.warcDocs, f.warcRSS, f.warcCPU = float64(n)/d.Seconds(), rss, perCPU(cpu)
	log.Printf("scale %d: ingest of files %.0f docs/s, of web archives %.0f docs/s", n, f.filesDocs, f.warcDocs)

	shards := filepath.Join(dir, fmt.Sprintf("shards-%d", n))
	os.RemoveAll(shards)
	args := []string{"--output", shards}
	for _, w := range warcs {
		args = append(args, "--input", w)
	}
	d, rss, cpu = runCPU(exec.Command(beam, args...))
	f.prismDocs, f.prismRSS, f.prismCPU = float64(n)/d.Seconds(), rss, perCPU(cpu)
	names, _ := filepath.Glob(filepath.Join(shards, "shard-*.jsonl"))
	for _, s := range names {
		f.shardMB += mb(fileSize(s))
	}
	log.Printf("scale %d: Prism %.1fs, peak %.0f MB, %d shards", n, d.Seconds(), rss, len(names))
	d, _, cpu = runCPU(exec.Command(bin, append([]string{"import", "--db", importDB}, names...)...))
	f.importDocs, f.importCPU = float64(n)/d.Seconds(), perCPU(cpu)

	want := claimKeys(bin, filesDB, dir)
	f.warcSame = slices.Equal(claimKeys(bin, warcDB, dir), want)
	f.importSame = slices.Equal(claimKeys(bin, importDB, dir), want)
	f.pipelineSame = f.importSame && len(want) > 0
	return f
}

// claimKeys exports a database's claims and returns their keys, sorted
// (a key holds its document's hash).
func claimKeys(bin, db, dir string) []string {
	out := filepath.Join(dir, "keys.jsonl")
	run(exec.Command(bin, "export", "--db", db, "--format", "jsonl", "-o", out))
	defer os.Remove(out)
	fh, err := os.Open(out)
	if err != nil {
		log.Fatal(err)
	}
	defer fh.Close()
	var keys []string
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var c struct {
			Key string `json:"key"`
		}
		if json.Unmarshal(sc.Bytes(), &c) == nil {
			keys = append(keys, c.Key)
		}
	}
	slices.Sort(keys)
	return keys
}

func printScale(w io.Writer, rs []scaleFigures) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| documents | figure | value | docs per CPU second |")
	fmt.Fprintln(w, "|---|---|---|---|")
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "NO"
	}
	for _, r := range rs {
		fmt.Fprintf(w, "| %d | claimex ingest of the pages as files, docs/s | %.0f | %.1f |\n", r.n, r.filesDocs, r.filesCPU)
		fmt.Fprintf(w, "| %d | claimex ingest of 4 web archives (%.0f MB), docs/s | %.0f | %.1f |\n", r.n, r.warcMB, r.warcDocs, r.warcCPU)
		fmt.Fprintf(w, "| %d | claimex ingest of the web archives, peak RSS, MB | %.0f | |\n", r.n, r.warcRSS)
		fmt.Fprintf(w, "| %d | Beam pipeline on Prism over the web archives, docs/s | %.0f | %.1f |\n", r.n, r.prismDocs, r.prismCPU)
		fmt.Fprintf(w, "| %d | Beam pipeline on Prism, peak RSS, MB | %.0f | |\n", r.n, r.prismRSS)
		fmt.Fprintf(w, "| %d | its shards, MB | %.0f | |\n", r.n, r.shardMB)
		fmt.Fprintf(w, "| %d | claimex import of the shards, docs/s | %.0f | %.1f |\n", r.n, r.importDocs, r.importCPU)
		fmt.Fprintf(w, "| %d | same claims as the files' ingest: web archives / pipeline and import | %s / %s | |\n", r.n,
			yes(r.warcSame), yes(r.pipelineSame))
	}
}
