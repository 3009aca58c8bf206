package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Failure is an input that could not be stored, and why.
type Failure struct {
	Source string
	// Stage is where it failed: walk, read, fetch, clean, extract, store.
	Stage  string
	Reason string
	// RunID is the ingest run that last tried it; 0 when that ingest
	// stored nothing.
	RunID    int64
	Attempts int
	At       time.Time
}

// RecordFailures records inputs that failed, in one transaction; a
// source that failed before counts one more attempt.
func (s *Store) RecordFailures(ctx context.Context, runID int64, fs []Failure) error {
	if len(fs) == 0 {
		return nil
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("record failures: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO failures (source, stage, reason, run_id, at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (source) DO UPDATE SET stage = excluded.stage, reason = excluded.reason,
		run_id = excluded.run_id, at = excluded.at, attempts = failures.attempts + 1`)
	if err != nil {
		return fmt.Errorf("record failures: %w", err)
	}
	defer stmt.Close()
	run := sql.NullInt64{Int64: runID, Valid: runID > 0}
	now := timeText(s.now())
	for _, f := range fs {
		if _, err := stmt.ExecContext(ctx, f.Source, f.Stage, f.Reason, run, now); err != nil {
			return fmt.Errorf("record failure of %s: %w", f.Source, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record failures: %w", err)
	}
	return nil
}

// Failures lists the inputs whose last attempt failed, oldest first.
func (s *Store) Failures(ctx context.Context) ([]Failure, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT source, stage, reason, COALESCE(run_id, 0), attempts, at
		FROM failures ORDER BY at, source`)
	if err != nil {
		return nil, fmt.Errorf("list failures: %w", err)
	}
	defer rows.Close()
	var out []Failure
	for rows.Next() {
		var f Failure
		var at string
		if err := rows.Scan(&f.Source, &f.Stage, &f.Reason, &f.RunID, &f.Attempts, &at); err != nil {
			return nil, fmt.Errorf("list failures: %w", err)
		}
		f.At = parseTime(at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// clearFailures forgets the failures of sources, inside the transaction
// that stores them.
func clearFailures(ctx context.Context, tx interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}, sources []string) error {
	stmt, err := tx.PrepareContext(ctx, "DELETE FROM failures WHERE source = ?")
	if err != nil {
		return fmt.Errorf("clear failures: %w", err)
	}
	defer stmt.Close()
	for _, src := range sources {
		if _, err := stmt.ExecContext(ctx, src); err != nil {
			return fmt.Errorf("clear failure of %s: %w", src, err)
		}
	}
	return nil
}
