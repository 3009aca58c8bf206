package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"time"
)

// loadConfig is the shape of the load trial.
type loadConfig struct {
	clients  int
	duration time.Duration
	// slowest is the longest any request may take.
	slowest time.Duration
}

// loadResult is what one load trial measured.
type loadResult struct {
	requests, refused, errors int
	decisions, missing        int
	extracts                  int
	elapsed                   time.Duration
	latencies                 []time.Duration
}

func (r loadResult) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(p * float64(len(r.latencies)-1))
	return r.latencies[i]
}

func (r loadResult) String() string {
	return fmt.Sprintf("%d requests in %s (%.0f/s), p50 %s, p99 %s, slowest %s; %d decisions acknowledged, %d missing; "+
		"%d refused as intended (claim replaced by a re-run), %d errors; %d re-extractions meanwhile",
		r.requests, r.elapsed.Round(time.Second), float64(r.requests)/r.elapsed.Seconds(),
		r.percentile(0.50).Round(100*time.Microsecond), r.percentile(0.99).Round(100*time.Microsecond),
		r.percentile(1).Round(100*time.Microsecond), r.decisions, r.missing, r.refused, r.errors, r.extracts)
}

var (
	csrfRe  = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)
	claimRe = regexp.MustCompile(`/claims/(\d+)/decide`)
)

// serveUnderLoad serves a copy of the reviewed database to cfg.clients
// clients at once for cfg.duration, each loading pages and recording
// decisions, while claimex extract runs back to back (alternating two
// rule sets, so that claims change under the reviewers). No request may
// fail other than a decision on a claim a re-run just replaced (404), none
// may take longer than cfg.slowest, and every decision the server
// acknowledged must be in the database afterwards.
func (h *harness) serveUnderLoad(cfg loadConfig) (loadResult, error) {
	var res loadResult
	db := filepath.Join(h.dir, "load.db")
	defer removeDB(db)
	if err := copyDB(h.reviewed, db); err != nil {
		return res, err
	}
	addr, err := freeAddr()
	if err != nil {
		return res, err
	}
	serve := exec.Command(h.bin, "serve", "--db", db, "--addr", addr, "--reviewer", "load")
	serve.Stdout, serve.Stderr = io.Discard, os.Stderr
	if err := serve.Start(); err != nil {
		return res, err
	}
	defer func() {
		serve.Process.Signal(os.Interrupt)
		serve.Wait()
	}()
	base := "http://" + addr
	if err := waitUp(base + "/queue"); err != nil {
		return res, err
	}

	ctx, cancel := context.WithTimeout(context.Background(), cfg.duration)
	defer cancel()
	extractErr := make(chan error, 1)
	go func() {
		rules := []string{"", h.rules}
		for i := 0; ctx.Err() == nil; i++ {
			args := []string{"extract", "--db", db}
			if r := rules[i%2]; r != "" {
				args = append(args, "--rules", r)
			}
			if _, err := h.run(args...); err != nil {
				extractErr <- err
				return
			}
			res.extracts++
		}
		extractErr <- nil
	}()

	var mu sync.Mutex
	var notes []string
	var firstErr error
	record := func(d time.Duration, refused bool, err error, note string) {
		mu.Lock()
		defer mu.Unlock()
		res.requests++
		res.latencies = append(res.latencies, d)
		switch {
		case err != nil:
			res.errors++
			if firstErr == nil {
				firstErr = err
			}
		case refused:
			res.refused++
		case note != "":
			notes = append(notes, note)
		}
	}
	start := time.Now()
	var wg sync.WaitGroup
	for c := range cfg.clients {
		wg.Go(func() { h.loadClient(ctx, base, c, record) })
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	if err := <-extractErr; err != nil {
		return res, fmt.Errorf("extract during the load: %w", err)
	}
	slices.Sort(res.latencies)
	res.decisions = len(notes)

	// Every acknowledged decision is in the audit trail.
	conn, err := openDB(db)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	stored := map[string]bool{}
	rows, err := conn.Query("SELECT note FROM review_events WHERE reviewer = 'load'")
	if err != nil {
		return res, err
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		stored[n] = true
	}
	rows.Close()
	for _, n := range notes {
		if !stored[n] {
			res.missing++
		}
	}
	if err := h.checkWhole(db); err != nil {
		return res, err
	}
	switch {
	case res.errors > 0:
		return res, fmt.Errorf("%d requests failed; the first: %w", res.errors, firstErr)
	case res.missing > 0:
		return res, fmt.Errorf("%d acknowledged decisions are not in the database", res.missing)
	case res.percentile(1) > cfg.slowest:
		return res, fmt.Errorf("the slowest request took %s, over %s", res.percentile(1), cfg.slowest)
	case res.decisions == 0:
		return res, errors.New("no decision was made")
	}
	return res, nil
}

// loadClient is one reviewer: it loads pages and, every third request,
// decides on the claim the queue shows, until ctx is done.
func (h *harness) loadClient(ctx context.Context, base string, c int, record func(time.Duration, bool, error, string)) {
	rng := rand.New(rand.NewPCG(uint64(c), 0x10ad))
	client := &http.Client{Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	pages := []string{"/queue", "/queue?kind=entity", "/claims", "/claims?q=killed", "/claims?status=accepted",
		"/documents/1", "/documents/7", "/conflicts", "/entities"}
	var csrf, claim string
	for i := 0; ctx.Err() == nil; i++ {
		if i%3 == 2 && csrf != "" && claim != "" {
			note := fmt.Sprintf("load-%d-%d", c, i)
			action := []string{"accept", "reject"}[rng.IntN(2)]
			t := time.Now()
			resp, err := client.PostForm(base+"/claims/"+claim+"/decide",
				url.Values{"csrf": {csrf}, "action": {action}, "note": {note}, "back": {"/claims"}})
			d := time.Since(t)
			if err != nil {
				record(d, false, fmt.Errorf("decide: %w", err), "")
				continue
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			switch resp.StatusCode {
			case http.StatusSeeOther:
				record(d, false, nil, note)
			case http.StatusNotFound:
				record(d, true, nil, "") // the claim was replaced by a re-run
			default:
				record(d, false, fmt.Errorf("decide on claim %s: %s", claim, resp.Status), "")
			}
			claim = ""
			continue
		}
		path := pages[rng.IntN(len(pages))]
		t := time.Now()
		resp, err := client.Get(base + path)
		if err != nil {
			record(time.Since(t), false, fmt.Errorf("GET %s: %w", path, err), "")
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		d := time.Since(t)
		if err != nil || resp.StatusCode != http.StatusOK {
			record(d, false, fmt.Errorf("GET %s: %s %v", path, resp.Status, err), "")
			continue
		}
		record(d, false, nil, "")
		if m := csrfRe.FindSubmatch(body); m != nil {
			csrf = string(m[1])
		}
		if m := claimRe.FindSubmatch(body); m != nil {
			claim = string(m[1])
		}
	}
}
