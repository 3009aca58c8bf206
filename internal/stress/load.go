package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
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
	// shared counts claims two reviewers decided on in one run: shown to
	// both, which the queue's leases should prevent.
	shared    int
	extracts  int
	elapsed   time.Duration
	latencies []time.Duration
	// slowestWhat is the slowest request.
	slowestWhat string
	slowest     time.Duration
}

func (r loadResult) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(p * float64(len(r.latencies)-1))
	return r.latencies[i]
}

func (r loadResult) String() string {
	return fmt.Sprintf("%d requests in %s (%.0f/s), p50 %s, p99 %s, slowest %s; %d decisions acknowledged, %d missing, "+
		"%d claims decided by two reviewers; %d refused as intended (claim replaced by a re-run), %d errors; %d re-extractions meanwhile; "+
		"the slowest: %s",
		r.requests, r.elapsed.Round(time.Second), float64(r.requests)/r.elapsed.Seconds(),
		r.percentile(0.50).Round(100*time.Microsecond), r.percentile(0.99).Round(100*time.Microsecond),
		r.percentile(1).Round(100*time.Microsecond), r.decisions, r.missing, r.shared, r.refused, r.errors, r.extracts, r.slowestWhat)
}

var (
	csrfRe   = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)
	claimRe  = regexp.MustCompile(`/claims/(\d+)/decide`)
	itemRe   = regexp.MustCompile(`data-item="([^"]+)"`)
	linkRe   = regexp.MustCompile(`\?token=([0-9a-f]+)`)
	cursorRe = regexp.MustCompile(`data-cursor="(\d+)"`)
)

// serveUnderLoad serves a copy of the reviewed database to cfg.clients
// reviewers at once for cfg.duration, each with a link of its own (claimex
// reviewers add), loading pages as a browser does (polling the feed) and
// deciding on the claims the queue leases it, while claimex extract runs
// back to back (alternating two rule sets, so that claims change under
// the reviewers). No request may fail other than a decision on a claim a
// re-run just replaced (404), none may take longer than cfg.slowest, and
// every decision the server acknowledged must be in the database
// afterwards, under the reviewer who made it.
func (h *harness) serveUnderLoad(cfg loadConfig) (loadResult, error) {
	var res loadResult
	db := h.db.name("load.db")
	defer h.db.remove(db)
	if err := h.db.copy(h.reviewed, db); err != nil {
		return res, err
	}
	addr, err := freeAddr()
	if err != nil {
		return res, err
	}
	tokens := make([]string, cfg.clients)
	for c := range cfg.clients {
		out, err := h.run("reviewers", "add", "--db", db, "--url", "http://"+addr+"/", loadReviewer(c))
		if err != nil {
			return res, err
		}
		m := linkRe.FindStringSubmatch(out)
		if m == nil {
			return res, fmt.Errorf("claimex reviewers add printed no link: %q", out)
		}
		tokens[c] = m[1]
	}
	serve := exec.Command(h.bin, "serve", "--db", db, "--addr", addr)
	serve.Stdout, serve.Stderr = io.Discard, os.Stderr
	if err := serve.Start(); err != nil {
		return res, err
	}
	defer func() {
		serve.Process.Signal(os.Interrupt)
		serve.Wait()
	}()
	base := "http://" + addr
	if err := waitUp(base + "/static/app.js"); err != nil {
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
	decidedBy := map[string]map[int]bool{} // claim id → clients
	var firstErr error
	record := func(what string, d time.Duration, refused bool, err error, note string) {
		mu.Lock()
		defer mu.Unlock()
		if d > res.slowest {
			res.slowest, res.slowestWhat = d, what
		}
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
	decided := func(c int, claim string) {
		mu.Lock()
		defer mu.Unlock()
		if decidedBy[claim] == nil {
			decidedBy[claim] = map[int]bool{}
		}
		decidedBy[claim][c] = true
	}
	for c := range cfg.clients {
		wg.Go(func() { h.loadClient(ctx, base, c, tokens[c], record, decided) })
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	if err := <-extractErr; err != nil {
		return res, fmt.Errorf("extract during the load: %w", err)
	}
	slices.Sort(res.latencies)
	res.decisions = len(notes)
	for _, by := range decidedBy {
		if len(by) > 1 {
			res.shared++
		}
	}

	// Every acknowledged decision is in the audit trail.
	conn, err := h.db.open(db)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	stored := map[string]string{} // note → reviewer
	rows, err := conn.Query("SELECT note, reviewer FROM review_events WHERE note LIKE 'load-%'")
	if err != nil {
		return res, err
	}
	for rows.Next() {
		var n, who string
		rows.Scan(&n, &who)
		stored[n] = who
	}
	rows.Close()
	for _, n := range notes {
		var c, i int
		fmt.Sscanf(n, "load-%d-%d", &c, &i)
		if stored[n] != loadReviewer(c) {
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
	case res.shared > 0:
		return res, fmt.Errorf("%d claims were decided by two reviewers: the queue leased them to both", res.shared)
	case res.percentile(1) > cfg.slowest:
		return res, fmt.Errorf("the slowest request took %s, over %s", res.percentile(1), cfg.slowest)
	case res.decisions == 0:
		return res, errors.New("no decision was made")
	}
	return res, nil
}

// loadReviewer is the name of load client c.
func loadReviewer(c int) string { return fmt.Sprintf("load-%02d", c) }

// loadClient is one reviewer with its own link: it opens the link (which
// leaves the token in a cookie), then loads pages and polls the feed as a
// browser does and, every third request, decides on the claim the queue
// leased it, until ctx is done. decided is told every decision
// acknowledged, by claim id.
func (h *harness) loadClient(ctx context.Context, base string, c int, token string,
	record func(string, time.Duration, bool, error, string), decided func(int, string)) {
	rng := rand.New(rand.NewPCG(uint64(c), 0x10ad))
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Timeout: time.Minute, Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	t := time.Now()
	resp, err := client.Get(base + "/?token=" + token)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			err = fmt.Errorf("open the link: %s", resp.Status)
		}
	}
	record("GET /?token=", time.Since(t), false, err, "")
	if err != nil {
		return
	}
	pages := []string{"/queue", "/queue", "/names", "/claims", "/claims?q=killed", "/claims?status=accepted",
		"/documents", "/documents/1", "/documents/7", "/conflicts", "/entities", "/history", "feed"}
	var csrf, claim, item, cursor string
	for i := 0; ctx.Err() == nil; i++ {
		if i%3 == 2 && csrf != "" && claim != "" {
			note := fmt.Sprintf("load-%d-%d", c, i)
			action := []string{"accept", "reject"}[rng.IntN(2)]
			req, _ := http.NewRequest(http.MethodPost, base+"/claims/"+claim+"/decide",
				strings.NewReader(url.Values{"action": {action}, "note": {note}, "kind": {"count"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-CSRF-Token", csrf)
			t := time.Now()
			resp, err := client.Do(req)
			d := time.Since(t)
			if err != nil {
				record("POST decide", d, false, fmt.Errorf("decide: %w", err), "")
				continue
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			switch resp.StatusCode {
			case http.StatusSeeOther:
				record("POST decide", d, false, nil, note)
				decided(c, claim)
			case http.StatusNotFound:
				record("POST decide", d, true, nil, "") // the claim was replaced by a re-run
			default:
				record("POST decide", d, false, fmt.Errorf("decide on claim %s: %s", claim, resp.Status), "")
			}
			claim, item = "", ""
			continue
		}
		path := pages[rng.IntN(len(pages))]
		if path == "feed" {
			q := url.Values{"after": {cursor}, "kind": {"count"}}
			if item != "" {
				q.Set("item", item)
			}
			path = "/feed?" + q.Encode()
		}
		t := time.Now()
		resp, err := client.Get(base + path)
		if err != nil {
			record("GET "+path, time.Since(t), false, fmt.Errorf("GET %s: %w", path, err), "")
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		d := time.Since(t)
		if err != nil || resp.StatusCode != http.StatusOK {
			record("GET "+path, d, false, fmt.Errorf("GET %s: %s %v", path, resp.Status, err), "")
			continue
		}
		record("GET "+path, d, false, nil, "")
		if m := csrfRe.FindSubmatch(body); m != nil {
			csrf = string(m[1])
		}
		if m := cursorRe.FindSubmatch(body); m != nil {
			cursor = string(m[1])
		}
		if path == "/queue" {
			claim, item = "", ""
			if m := claimRe.FindSubmatch(body); m != nil {
				claim = string(m[1])
			}
			if m := itemRe.FindSubmatch(body); m != nil {
				item = html.UnescapeString(string(m[1]))
			}
		}
	}
}
