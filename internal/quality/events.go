package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/claimex/claimex/internal/eventscore"
)

// eventRows ingests the events test corpus (testdata/events) into a new
// database, exports its events and scores the grouping against the
// corpus's gold.tsv, pairwise.
func (q *quality) eventRows(corpus string) ([]row, error) {
	gold, err := eventscore.ReadGold(filepath.Join(corpus, "gold.tsv"))
	if err != nil {
		return nil, err
	}
	db := filepath.Join(q.dir, "events.db")
	out := filepath.Join(q.dir, "events.jsonl")
	for _, args := range [][]string{
		{"ingest", "--db", db, corpus},
		{"export", "--db", db, "--what", "events", "--format", "jsonl", "-o", out},
	} {
		if err := q.run(args...); err != nil {
			return nil, err
		}
	}
	f, err := os.Open(out)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	eventOf := map[string]int64{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var e struct {
			ID      int64    `json:"id"`
			Sources []string `json:"sources"`
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("%s: %w", out, err)
		}
		for _, s := range e.Sources {
			eventOf[s] = e.ID
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	s := eventscore.Pairwise(gold, eventOf)
	on := "events (testdata/events/gold.tsv)"
	detail := fmt.Sprintf("%d documents in %d events; %d of %d gold pairs, %d pairs found", s.Documents, s.Events, s.Right,
		s.Gold, s.Found)
	return []row{
		{on, "pairwise precision", fmt.Sprintf("%.3f", s.Precision), detail},
		{on, "pairwise recall", fmt.Sprintf("%.3f", s.Recall), detail},
		{on, "pairwise F1", fmt.Sprintf("%.3f", s.F1), "same happening, same event"},
	}, nil
}
