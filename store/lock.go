package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// begin starts a write transaction, taking SQLite's write lock at once
// (BEGIN IMMEDIATE). While another process holds the lock SQLite waits up
// to the busy timeout; once it has waited the lock notice, OnLockWait is
// told, so that a person is not left waiting in silence.
//
// On PostgreSQL the write lock is an advisory lock that the transaction
// holds until it ends: writers that take it alone take turns as on
// SQLite, so that every read-then-write of the business logic sees what
// it decides on. Decisions (beginDecision), leases and bulk writes of new
// documents or staged claims (beginBulk) take it shared instead, and keep
// out of each other's way with row locks: so reviewers decide side by
// side while ingest or extract runs, and only the writers that change
// what is current (runs becoming current, and the rarer writes that read
// across claims) wait for all of them, and they for it.
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	defer s.noticeLockWait()()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil || !s.d.postgres {
		return tx, err
	}
	if err := lockWriters(ctx, tx); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// beginDecision starts the write transaction of a decision on current
// claim id (a decision, an undo of it, a flag). On SQLite it is begin's.
// On PostgreSQL it shares the writers' lock, so that no run becomes
// current under it, and locks the claim's row (SELECT ... FOR UPDATE):
// two decisions on one claim take turns, decisions on different claims
// and bulk writes go side by side. Further claims the decision writes
// (twins) are locked with lockClaims.
func (s *Store) beginDecision(ctx context.Context, id int64) (*sql.Tx, error) {
	if !s.d.postgres {
		return s.begin(ctx)
	}
	defer s.noticeLockWait()()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if err := lockWritersShared(ctx, tx); err != nil {
		tx.Rollback()
		return nil, err
	}
	if err := s.lockClaims(ctx, tx, []int64{id}); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// lockClaims locks the rows of the given claims until tx ends, in id
// order, on PostgreSQL; on SQLite the write lock is already the
// database's.
func (s *Store) lockClaims(ctx context.Context, tx *sql.Tx, ids []int64) error {
	if !s.d.postgres || len(ids) == 0 {
		return nil
	}
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	for _, id := range sorted {
		if _, err := tx.ExecContext(ctx, "SELECT id FROM claims WHERE id = ? FOR UPDATE", id); err != nil {
			return fmt.Errorf("lock claim %d: %w", id, err)
		}
	}
	return nil
}

// decisionRetries is how many times a decision is tried again after
// PostgreSQL broke a deadlock between two decisions (claims locked in
// different orders through twins).
const decisionRetries = 3

// retryDecision runs fn, again while PostgreSQL reports a deadlock or a
// serialization failure (retryable: nothing was written).
func retryDecision[T any](ctx context.Context, fn func() (T, error)) (T, error) {
	for i := 0; ; i++ {
		v, err := fn()
		if err == nil || i == decisionRetries || ctx.Err() != nil {
			return v, err
		}
		if c := pgCode(err); c != "40P01" && c != "40001" {
			return v, err
		}
	}
}

// noticeLockWait tells OnLockWait, if set, once the lock notice has
// passed before the function it returns is called.
func (s *Store) noticeLockWait() (stop func()) {
	if s.opt.OnLockWait == nil {
		return func() {}
	}
	start := time.Now()
	t := time.AfterFunc(s.opt.LockNotice, func() { s.opt.OnLockWait(time.Since(start)) })
	return func() { t.Stop() }
}

// lockWriters takes PostgreSQL's writers' lock in the transaction e runs
// in, until it ends.
func lockWriters(ctx context.Context, e execer) error {
	_, err := e.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", int64(pgWriterLock))
	return err
}

// lockWritersShared takes PostgreSQL's writers' lock shared in the
// transaction e runs in, until it ends.
func lockWritersShared(ctx context.Context, e execer) error {
	_, err := e.ExecContext(ctx, "SELECT pg_advisory_xact_lock_shared(?)", int64(pgWriterLock))
	return err
}

// lockBulk takes PostgreSQL's bulk writers' lock in the transaction e
// runs in, until it ends: bulk writes take turns among themselves (their
// documents' hashes are unique) while sharing the writers' lock.
func lockBulk(ctx context.Context, e execer) error {
	if err := lockWritersShared(ctx, e); err != nil {
		return err
	}
	_, err := e.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", int64(pgBulkLock))
	return err
}
