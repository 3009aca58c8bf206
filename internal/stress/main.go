// Command stress runs claimex through what real use does to a database:
// processes killed (SIGKILL) at random points of an ingest or a
// re-extraction, two ingests into one database at once, and the review
// UI served while a re-extraction runs. After each trial it checks that
// the database is whole (PRAGMA integrity_check; on PostgreSQL, -postgres,
// its constraints and amcheck), that reviews are
// untouched, and that running the command again completes the work with
// no duplicates and the same claims as an uninterrupted run. It prints the
// trials and failures of each kind and exits 1 if any trial failed.
//
//	go run -tags sqlite_fts5 ./internal/stress -claimex bin/claimex
//
// `make stress` runs it.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"
)

func main() {
	bin := flag.String("claimex", "bin/claimex", "the claimex `binary` to test")
	seeds := flag.String("seeds", "testdata/seeds", "`folder` of articles the corpus is made from")
	docs := flag.Int("docs", 300, "documents in the corpus")
	kills := flag.Int("kills", 20, "kill trials (half during ingest, half during extract)")
	concurrent := flag.Int("concurrent", 5, "concurrent-ingest trials")
	serves := flag.Int("serve", 2, "serve-while-extract trials")
	loads := flag.Int("load", 1, "load trials: many reviewers against serve while extract runs back to back")
	clients := flag.Int("load-clients", 16, "clients at once in a load trial")
	duration := flag.Duration("load-duration", time.Minute, "how long a load trial lasts")
	slowest := flag.Duration("load-slowest", 5*time.Second, "the longest a request may take in a load trial")
	seed := flag.Uint64("seed", uint64(time.Now().UnixNano()), "random `seed` for the kill times")
	work := flag.String("work", "", "working `folder` (default: a new temporary one, removed after)")
	server := flag.String("postgres", "", "run the trials on this PostgreSQL `server` (a postgres:// URL of a role that may "+
		"create databases, or a unix socket's directory), a database per trial, instead of SQLite files")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))

	h, err := newHarness(*bin, *seeds, *work, *server, *docs, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "stress:", err)
		os.Exit(1)
	}
	if *work == "" {
		defer os.RemoveAll(h.dir)
	}
	defer h.db.removeAll()
	h.log = log
	log.Info("setting up", "folder", h.dir, "documents", *docs, "seed", *seed)
	if err := h.setup(); err != nil {
		fmt.Fprintln(os.Stderr, "stress: setup:", err)
		os.Exit(1)
	}
	log.Info("references made", "ingest", h.ingestTime.Round(time.Millisecond),
		"extract", h.extractTime.Round(time.Millisecond), "claims", len(h.refIngest))

	var loadLines []string
	kinds := []struct {
		name   string
		n      int
		trial  func(i int) error
		detail string
	}{
		{"kill during ingest", *kills - *kills/2, h.killIngest, "SIGKILL at a random moment, then ingest again"},
		{"kill during extract", *kills / 2, h.killExtract, "SIGKILL at a random moment, then extract again"},
		{"concurrent ingest", *concurrent, h.concurrentIngest, "two ingests of the corpus into one new database"},
		{"serve while extract", *serves, h.serveWhileExtract, "pages and reviews while a re-extraction runs"},
		{"serve under load", *loads, func(int) error {
			res, err := h.serveUnderLoad(loadConfig{clients: *clients, duration: *duration, slowest: *slowest})
			loadLines = append(loadLines, res.String())
			return err
		}, fmt.Sprintf("%d clients for %s while extract runs back to back", *clients, *duration)},
	}
	failures := 0
	fmt.Printf("%-22s %7s %9s  %s\n", "TRIAL", "TRIALS", "FAILURES", "WHAT")
	var lines []string
	for _, k := range kinds {
		failed := 0
		killed := h.killed
		for i := range k.n {
			if err := k.trial(i); err != nil {
				failed++
				log.Error("trial failed", "kind", k.name, "trial", i+1, "err", err)
			}
		}
		failures += failed
		detail := k.detail
		if h.killed > killed {
			detail += fmt.Sprintf(" (%d of %d killed mid-run)", h.killed-killed, k.n)
		}
		lines = append(lines, fmt.Sprintf("%-22s %7d %9d  %s", k.name, k.n, failed, detail))
	}
	for _, l := range lines {
		fmt.Println(l)
	}
	for _, l := range loadLines {
		fmt.Println("load:", l)
	}
	fmt.Printf("kill trials: %d, concurrent-ingest trials: %d, serve trials: %d, load trials: %d, failures: %d\n",
		*kills, *concurrent, *serves, *loads, failures)
	if failures > 0 {
		h.db.removeAll() // os.Exit runs no deferred call
		os.Exit(1)
	}
}
