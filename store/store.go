// Package store keeps claimex's data in SQLite: documents (raw bytes,
// clean text, metadata), runs, claims and reviews. It applies the schema
// migrations, runs in WAL mode with foreign keys on and a busy timeout, and
// writes in batched transactions from a single writer.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"time"

	_ "github.com/mattn/go-sqlite3" // SQLite driver, built with the sqlite_fts5 tag
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
const busyTimeout = 30 * time.Second

// Open opens (creating if needed) the database at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", fmt.Sprint(busyTimeout.Milliseconds()))
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(time.Minute)
	s := &Store{db: db, path: path, now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
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
