package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Flag is a claim flagged for discussion.
type Flag struct {
	Key       string
	Reviewer  string
	Note      string
	FlaggedAt time.Time
}

// SetFlag flags a current claim for discussion, or takes its flag off:
// a flagged claim leaves the review queue for the flagged one until
// someone decides on it. Flagging ends the holder's lease on it.
func (s *Store) SetFlag(ctx context.Context, claimID int64, on bool, reviewer, note, holder string) error {
	tx, err := s.beginDecision(ctx, claimID)
	if err != nil {
		return fmt.Errorf("flag claim %d: %w", claimID, err)
	}
	defer tx.Rollback()
	v, err := readClaim(ctx, tx, claimID)
	if err != nil {
		return err
	}
	if on {
		_, err = tx.ExecContext(ctx, `INSERT INTO flags (key, document_id, reviewer, note, flagged_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET reviewer = excluded.reviewer, note = excluded.note, flagged_at = excluded.flagged_at`,
			v.Key, v.DocumentID, reviewer, note, timeText(s.now()))
	} else {
		_, err = tx.ExecContext(ctx, "DELETE FROM flags WHERE key = ?", v.Key)
	}
	if err == nil && holder != "" {
		_, err = tx.ExecContext(ctx, "DELETE FROM leases WHERE holder = ? AND item = ?", holder, v.Key)
	}
	if err != nil {
		return fmt.Errorf("flag claim %d: %w", claimID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("flag claim %d: %w", claimID, err)
	}
	return nil
}

// FlagOf returns the flag on the claim with key, if it has one.
func (s *Store) FlagOf(ctx context.Context, key string) (Flag, bool, error) {
	var f Flag
	var at string
	err := s.db.QueryRowContext(ctx, "SELECT key, reviewer, note, flagged_at FROM flags WHERE key = ?", key).
		Scan(&f.Key, &f.Reviewer, &f.Note, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Flag{}, false, nil
	}
	if err != nil {
		return Flag{}, false, fmt.Errorf("read a flag: %w", err)
	}
	f.FlaggedAt = parseTime(at)
	return f, true, nil
}
