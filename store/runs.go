package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/claimex/claimex"
)

// RunRules is what a run records of its rules.
type RunRules struct {
	Name, Hash string
	Text       []byte
}

// BeginRun records the start of a run and returns its id.
func (s *Store) BeginRun(ctx context.Context, kind claimex.RunKind, r RunRules) (int64, error) {
	host, _ := os.Hostname()
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO runs (kind, version, rules_name, rules_hash, rules_text, started_at,
		pid, host, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, `+s.d.now+`) RETURNING id`, kind, claimex.Version, r.Name,
		r.Hash, string(r.Text), timeText(time.Now()), os.Getpid(), host).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("begin run: %w", err)
	}
	if err := s.holdRun(ctx, id); err != nil {
		s.FailRun(context.WithoutCancel(ctx), id, err.Error(), 0, 0, 0)
		return 0, err
	}
	return id, nil
}

// CurrentRules returns the rules of the newest run whose claims are
// current for some document: the rules the latest extraction that counts
// used. ok is false when no document is stored.
func (s *Store) CurrentRules(ctx context.Context) (r RunRules, ok bool, err error) {
	var text string
	err = s.db.QueryRowContext(ctx, `SELECT rules_name, rules_hash, rules_text FROM runs
		WHERE id = (SELECT MAX(run_id) FROM documents)`).Scan(&r.Name, &r.Hash, &text)
	if errors.Is(err, sql.ErrNoRows) {
		return RunRules{}, false, nil
	}
	if err != nil {
		return RunRules{}, false, fmt.Errorf("read the current run's rules: %w", err)
	}
	r.Text = []byte(text)
	return r, true, nil
}

// FinishRun records the end of a run and what it produced. It returns
// ErrRunLost, and records nothing, if another process abandoned the run.
func (s *Store) FinishRun(ctx context.Context, id int64, status claimex.RunStatus, docs, claims, failed int) error {
	defer s.releaseRun(id)
	res, err := s.db.ExecContext(ctx, `UPDATE runs SET status = ?, finished_at = ?, documents = ?, claims = ?, failed = ?
		WHERE id = ? AND status = 'running'`, status, timeText(time.Now()), docs, claims, failed, id)
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("finish run %d: %w", id, ErrRunLost)
	}
	return nil
}

// FailRun records that a run stopped on an error, with the error as its
// reason, and what it had produced.
func (s *Store) FailRun(ctx context.Context, id int64, reason string, docs, claims, failed int) error {
	defer s.releaseRun(id)
	_, err := s.db.ExecContext(ctx, `UPDATE runs SET status = ?, reason = ?, finished_at = COALESCE(finished_at, ?),
		documents = ?, claims = ?, failed = ? WHERE id = ? AND status <> 'done'`,
		claimex.RunFailed, reason, timeText(time.Now()), docs, claims, failed, id)
	if err != nil {
		return fmt.Errorf("record the failure of run %d: %w", id, err)
	}
	return nil
}

// Runs returns every run, oldest first.
func (s *Store) Runs(ctx context.Context) ([]claimex.Run, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, status, version, rules_hash, started_at,
		COALESCE(finished_at, ''), documents, claims, failed FROM runs ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	defer rows.Close()
	var out []claimex.Run
	for rows.Next() {
		var r claimex.Run
		var started, finished string
		if err := rows.Scan(&r.ID, &r.Kind, &r.Status, &r.Version, &r.RulesHash, &started, &finished,
			&r.Documents, &r.Claims, &r.Failed); err != nil {
			return nil, err
		}
		r.StartedAt, r.FinishedAt = parseTime(started), parseTime(finished)
		out = append(out, r)
	}
	return out, rows.Err()
}
