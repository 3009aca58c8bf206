package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"
)

// killIngest ingests the corpus into a copy of the partial database and
// kills the process at a random moment; then checks the database and
// ingests again.
func (h *harness) killIngest(i int) error {
	db := h.db.name(fmt.Sprintf("kill-ingest-%d.db", i))
	defer h.db.remove(db)
	if err := h.db.copy(h.partial, db); err != nil {
		return err
	}
	// A fifth of the corpus is stored already: the rest takes about 0.8
	// of a whole ingest.
	h.killAfter(h.randomMoment(h.ingestTime*7/10), "ingest", "--db", db, h.corpus)
	if err := h.checkWhole(db); err != nil {
		return fmt.Errorf("after the kill: %w", err)
	}
	if err := h.sameReviews(db, h.partialReviews); err != nil {
		return fmt.Errorf("after the kill: %w", err)
	}
	return h.completes(db, h.refIngest, h.refEntities, h.partialReviews, "ingest", "--db", db, h.corpus)
}

// killExtract re-extracts a copy of the reviewed database with the
// changed rules and kills the process at a random moment: the claims must
// be all old or all new, the reviews untouched; extracting again must
// give the uninterrupted result.
func (h *harness) killExtract(i int) error {
	db := h.db.name(fmt.Sprintf("kill-extract-%d.db", i))
	defer h.db.remove(db)
	if err := h.db.copy(h.reviewed, db); err != nil {
		return err
	}
	h.killAfter(h.randomMoment(h.extractTime), "extract", "--db", db, "--rules", h.rules)
	if err := h.checkWhole(db); err != nil {
		return fmt.Errorf("after the kill: %w", err)
	}
	got, err := h.claimsOf(db)
	if err != nil {
		return err
	}
	switch {
	case slices.Equal(got, h.refIngest):
		if err := h.sameReviews(db, h.reviewsBefore); err != nil {
			return fmt.Errorf("after the kill, old claims: %w", err)
		}
	case slices.Equal(got, h.refExtract):
		if err := h.sameReviews(db, h.reviewsAfter); err != nil {
			return fmt.Errorf("after the kill, new claims: %w", err)
		}
	default:
		return fmt.Errorf("after the kill the claims are neither the old set nor the new one (%d claims)", len(got))
	}
	return h.completes(db, h.refExtract, h.refExtractEntities, h.reviewsAfter, "extract", "--db", db, "--rules", h.rules)
}

// completes runs claimex with args again on db, to the end, and checks
// that the database is whole and holds what an uninterrupted run leaves:
// the claims, the entities and the reviews.
func (h *harness) completes(db string, claims claimSet, entities int, reviews string, args ...string) error {
	if _, err := h.run(args...); err != nil {
		return fmt.Errorf("%s again: %w", args[0], err)
	}
	if err := h.checkWhole(db); err != nil {
		return fmt.Errorf("after %s again: %w", args[0], err)
	}
	if err := h.sameClaims(db, claims, entities); err != nil {
		return fmt.Errorf("after %s again: %w", args[0], err)
	}
	return h.sameReviews(db, reviews)
}

// concurrentIngest runs two ingests of the corpus into one new database
// at once: both must finish, with no "database is locked".
func (h *harness) concurrentIngest(i int) error {
	db := h.db.name(fmt.Sprintf("concurrent-%d.db", i))
	defer h.db.remove(db)
	if err := h.db.create(db); err != nil {
		return err
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	outs := make([]string, 2)
	for p := range 2 {
		wg.Go(func() {
			// The second starts a little later in odd trials, so both the
			// creation of the database and ingesting are raced.
			if i%2 == 1 && p == 1 {
				time.Sleep(h.randomMoment(h.ingestTime / 2))
			}
			outs[p], errs[p] = h.run("ingest", "--db", db, "-j", fmt.Sprint(1+p), h.corpus)
		})
	}
	wg.Wait()
	for p, err := range errs {
		if err != nil {
			return fmt.Errorf("ingest %d: %w", p+1, err)
		}
	}
	if err := h.checkWhole(db); err != nil {
		return err
	}
	return h.sameClaims(db, h.refIngest, h.refEntities)
}

// serveWhileExtract serves the review UI on a copy of the reviewed
// database, re-extracts it meanwhile, requests pages and records reviews
// throughout: every page must load, every review be stored.
func (h *harness) serveWhileExtract(i int) error {
	db := h.db.name(fmt.Sprintf("serve-%d.db", i))
	defer h.db.remove(db)
	if err := h.db.copy(h.reviewed, db); err != nil {
		return err
	}
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	serve := exec.Command(h.bin, "serve", "--db", db, "--addr", addr, "--reviewer", "stress")
	serve.Stdout, serve.Stderr = io.Discard, io.Discard
	if err := serve.Start(); err != nil {
		return err
	}
	defer func() {
		serve.Process.Signal(os.Interrupt)
		serve.Wait()
	}()
	base := "http://" + addr
	if err := waitUp(base + "/queue"); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() {
		_, err := h.run("extract", "--db", db, "--rules", h.rules)
		done <- err
	}()
	conn, err := h.db.open(db)
	if err != nil {
		return err
	}
	defer conn.Close()
	pages, reviews := 0, 0
	client := &http.Client{Timeout: time.Minute}
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				return fmt.Errorf("extract: %w", err)
			}
			running = false
		default:
		}
		for _, p := range []string{"/queue", "/claims?status=accepted", "/documents/1", "/conflicts", "/entities", "/export?format=csv"} {
			resp, err := client.Get(base + p)
			if err != nil {
				return fmt.Errorf("GET %s: %w", p, err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("GET %s: %s", p, resp.Status)
			}
			pages++
		}
		if err := h.reviewAny(conn, db); err != nil {
			return fmt.Errorf("review during extract: %w", err)
		}
		reviews++
	}
	if err := h.checkWhole(db); err != nil {
		return err
	}
	list, err := h.run("review", "list", "--db", db)
	if err != nil {
		return err
	}
	if !strings.Contains(list, "stress2") {
		return errors.New("the reviews made during the extract are missing")
	}
	h.log.Info("serve trial", "pages", pages, "reviews", reviews)
	return nil
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitUp(url string) error {
	// Generous: serve checks the database before it listens, on a machine
	// busy with other trials.
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("serve did not come up at %s", url)
}
