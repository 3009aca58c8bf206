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
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	if s.opt.OnLockWait == nil {
		return s.db.BeginTx(ctx, nil)
	}
	start := time.Now()
	t := time.AfterFunc(s.opt.LockNotice, func() { s.opt.OnLockWait(time.Since(start)) })
	defer t.Stop()
	return s.db.BeginTx(ctx, nil)
}
