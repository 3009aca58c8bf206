package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// harness holds the corpus, the reference results of uninterrupted runs,
// and a database with reviews that trials start from.
type harness struct {
	bin, dir, corpus, rules string
	docs                    int
	rng                     *rand.Rand
	// killed counts the processes a kill trial killed before they ended.
	killed int
	log    *slog.Logger
	// db is where the trials' databases are.
	db *databases

	// reviewed is an ingested database with reviews; extracted is it after
	// an uninterrupted re-extraction with the changed rules.
	reviewed, partial  string
	ingestTime         time.Duration
	extractTime        time.Duration
	refIngest          claimSet // claims of the whole corpus after ingest
	refExtract         claimSet // after the re-extraction
	refEntities        int
	reviewsBefore      string // `review list` of reviewed
	reviewsAfter       string // of reviewed after the re-extraction
	partialReviews     string
	refExtractEntities int
}

// claimSet is the current claims of a database as comparable lines.
type claimSet []string

func newHarness(bin, seeds, work, server string, docs int, seed uint64) (*harness, error) {
	abs, err := filepath.Abs(bin)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("no claimex binary: %w (run make build)", err)
	}
	if work == "" {
		if work, err = os.MkdirTemp("", "claimex-stress"); err != nil {
			return nil, err
		}
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	h := &harness{bin: abs, dir: work, docs: docs, rng: rand.New(rand.NewPCG(seed, 0x5eed)), db: newDatabases(work, server)}
	h.corpus = filepath.Join(work, "corpus")
	return h, h.makeCorpus(seeds)
}

// makeCorpus writes docs distinct variants of the seed articles.
func (h *harness) makeCorpus(seeds string) error {
	entries, err := os.ReadDir(seeds)
	if err != nil {
		return fmt.Errorf("seeds: %w", err)
	}
	var texts [][]byte
	for _, e := range entries {
		if b, err := os.ReadFile(filepath.Join(seeds, e.Name())); err == nil && !e.IsDir() {
			texts = append(texts, b)
		}
	}
	if len(texts) == 0 {
		return fmt.Errorf("seeds: no articles in %s", seeds)
	}
	if err := os.MkdirAll(h.corpus, 0o755); err != nil {
		return err
	}
	for i := range h.docs {
		b := fmt.Appendf(bytes.Clone(texts[i%len(texts)]), "\nCorrection %d: police said %d people were detained overnight.\n", i, 10+i)
		if err := os.WriteFile(filepath.Join(h.corpus, fmt.Sprintf("%05d.txt", i)), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// setup makes the reference results and the reviewed database.
func (h *harness) setup() error {
	// Changed rules: "released" no longer counts, so re-extraction
	// changes claims and reviews.
	def, err := h.run("rules", "show")
	if err != nil {
		return err
	}
	alt := strings.Replace(def, "predicates: [released, ", "predicates: [", 1)
	if alt == def {
		return errors.New("cannot make changed rules: the default rules have no 'predicates: [released, '")
	}
	h.rules = filepath.Join(h.dir, "changed.yaml")
	if err := os.WriteFile(h.rules, []byte(alt), 0o644); err != nil {
		return err
	}

	// The whole corpus, uninterrupted.
	full := h.db.name("full.db")
	if err := h.db.create(full); err != nil {
		return err
	}
	start := time.Now()
	if _, err := h.run("ingest", "--db", full, h.corpus); err != nil {
		return err
	}
	h.ingestTime = time.Since(start)
	if h.refIngest, err = h.claimsOf(full); err != nil {
		return err
	}
	if h.refEntities, err = h.entitiesOf(full); err != nil {
		return err
	}
	// Reviews: accept, reject and edit some claims, including released
	// ones that the changed rules drop.
	if err := h.review(full); err != nil {
		return err
	}
	h.reviewed = h.db.name("reviewed.db")
	if err := h.db.copy(full, h.reviewed); err != nil {
		return err
	}
	if h.reviewsBefore, err = h.run("review", "list", "--db", h.reviewed); err != nil {
		return err
	}
	start = time.Now()
	if _, err := h.run("extract", "--db", full, "--rules", h.rules); err != nil {
		return err
	}
	h.extractTime = time.Since(start)
	if h.refExtract, err = h.claimsOf(full); err != nil {
		return err
	}
	if h.refExtractEntities, err = h.entitiesOf(full); err != nil {
		return err
	}
	if h.reviewsAfter, err = h.run("review", "list", "--db", full); err != nil {
		return err
	}
	if slices.Equal(h.refExtract, h.refIngest) {
		return errors.New("the changed rules changed no claim: extract trials would prove nothing")
	}

	// A database holding the first fifth of the corpus, reviewed, for the
	// ingest trials.
	h.partial = h.db.name("partial.db")
	if err := h.db.create(h.partial); err != nil {
		return err
	}
	first := filepath.Join(h.dir, "first")
	if err := os.MkdirAll(first, 0o755); err != nil {
		return err
	}
	entries, _ := os.ReadDir(h.corpus)
	for _, e := range entries[:len(entries)/5] {
		if err := os.Link(filepath.Join(h.corpus, e.Name()), filepath.Join(first, e.Name())); err != nil {
			return err
		}
	}
	if _, err := h.run("ingest", "--db", h.partial, first); err != nil {
		return err
	}
	if err := h.review(h.partial); err != nil {
		return err
	}
	h.partialReviews, err = h.run("review", "list", "--db", h.partial)
	return err
}

// review decides on some of db's claims.
func (h *harness) review(db string) error {
	out, err := h.run("export", "--db", db, "--format", "jsonl")
	if err != nil {
		return err
	}
	var accept, reject []string
	edit := ""
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			ID       int64  `json:"id"`
			Kind     string `json:"kind"`
			Category string `json:"category"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if r.Kind != "count" {
			continue
		}
		id := fmt.Sprint(r.ID)
		switch {
		case r.Category == "released" || i%7 == 0:
			accept = append(accept, id)
		case i%11 == 0:
			reject = append(reject, id)
		case i%13 == 0 && edit == "":
			edit = id
		}
	}
	if len(accept) == 0 || len(reject) == 0 || edit == "" {
		return errors.New("too few claims to review")
	}
	for _, args := range [][]string{
		append([]string{"review", "--db", db, "--reviewer", "stress", "accept"}, accept...),
		append([]string{"review", "--db", db, "--reviewer", "stress", "reject"}, reject...),
		{"review", "--db", db, "--reviewer", "stress", "--value", "4321", "edit", edit},
	} {
		if _, err := h.run(args...); err != nil {
			return err
		}
	}
	return nil
}

// reviewAny accepts a current claim of db, chosen through conn. The
// extract running meanwhile may replace it between choosing and deciding;
// then another is chosen.
func (h *harness) reviewAny(conn *sql.DB, db string) error {
	for range 5 {
		var id int64
		if err := conn.QueryRow(`SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
			ORDER BY random() LIMIT 1`).Scan(&id); err != nil {
			return err
		}
		_, err := h.run("review", "--db", db, "--reviewer", "stress2", "accept", fmt.Sprint(id))
		if err == nil || !strings.Contains(err.Error(), "not among the current claims") {
			return err
		}
	}
	return errors.New("every claim chosen was replaced before it could be reviewed")
}

// randomMoment is a random time within d.
func (h *harness) randomMoment(d time.Duration) time.Duration {
	return time.Duration(h.rng.Int64N(int64(d) + 1))
}

// killAfter starts claimex with args and kills it (SIGKILL) after d, if it
// is still running, counting the kills that landed.
func (h *harness) killAfter(d time.Duration, args ...string) {
	cmd := exec.Command(h.bin, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return
	}
	timer := time.AfterFunc(d, func() { cmd.Process.Kill() })
	cmd.Wait()
	timer.Stop()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		h.killed++
	}
}

// run runs claimex to completion and returns its output; a non-zero exit
// or "database is locked" anywhere is an error.
func (h *harness) run(args ...string) (string, error) {
	cmd := exec.Command(h.bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		return out.String(), fmt.Errorf("claimex %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	if strings.Contains(errb.String(), "database is locked") {
		return out.String(), fmt.Errorf("claimex %s: %s", args[0], strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}
