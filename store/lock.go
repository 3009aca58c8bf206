package store

import (
	"context"
	"database/sql"
	"time"
)

// begin starts a write transaction, taking SQLite's write lock at once
// (BEGIN IMMEDIATE). While another process holds the lock SQLite waits up
// to the busy timeout; once it has waited the lock notice, OnLockWait is
// told, so that a person is not left waiting in silence.
//
// On PostgreSQL the write lock is an advisory lock that the transaction
// holds until it ends: writers take turns as on SQLite, so that every
// read-then-write of the business logic sees what it decides on.
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
