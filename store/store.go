// Package store keeps claimex's data in SQLite: documents (raw bytes,
// clean text, metadata), runs, claims and reviews. It applies the schema
// migrations, runs in WAL mode with foreign keys on and a busy timeout, and
// writes in batched transactions from a single writer.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/mattn/go-sqlite3" // SQLite driver, built with the sqlite_fts5 tag
)

// Store is an open claimex database.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
}

// SetClock makes the store read the time from now, for decisions it
// records: tests fix it so their output is stable.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// busyTimeout is how long a connection waits for another process's write
// lock before giving up.
const busyTimeout = 5 * time.Minute

// driverName is the SQLite driver with claimex's per-connection settings.
const driverName = "sqlite3_claimex"

// walCheckpointPages is how large the write-ahead log grows, in 4 KB
// pages, before it is copied into the database (SQLite's default is
// 1,000). Every checkpoint syncs the database file, which costs more than
// the copying: a re-extraction of 10,000 documents spent half its writing
// time in them.
const walCheckpointPages = 16384

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec(fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", walCheckpointPages), nil)
		return err
	}})
}

// Open opens (creating if needed) the database at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", fmt.Sprint(busyTimeout.Milliseconds()))
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	db, err := sql.Open(driverName, "file:"+url.PathEscape(path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(time.Minute)
	s := &Store{db: db, path: path, now: time.Now}
	// Two processes opening a new database at once both try to switch
	// it to WAL mode, which SQLite refuses to the second without waiting:
	// that one tries again.
	deadline := time.Now().Add(busyTimeout)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		err := s.migrate(ctx)
		if err == nil {
			return s, nil
		}
		if !isBusy(err) || time.Now().After(deadline) || ctx.Err() != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		time.Sleep(wait)
	}
}

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the database file the Store was opened on.
func (s *Store) Path() string { return s.path }

// timeText formats t as stored: RFC 3339 in UTC with nanoseconds.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
