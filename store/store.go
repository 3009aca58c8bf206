// Package store keeps claimex's data in SQLite, or in PostgreSQL for a
// team: documents (raw bytes, clean text, metadata), runs, claims and
// reviews. It applies the schema migrations and writes in batched
// transactions from a single writer. SQLite runs in WAL mode with foreign
// keys on and a busy timeout; on PostgreSQL the writers take one advisory
// lock in turn, while reviewers lease claims side by side. The business
// logic is written once; dialect holds what the two databases say
// differently.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/mattn/go-sqlite3" // SQLite driver, built with the sqlite_fts5 tag
)

// Store is an open claimex database.
type Store struct {
	db   *sql.DB
	path string
	d    *dialect
	// runs holds the leases of the runs going (PostgreSQL).
	runs runLeases
	// pgConfig is how to connect to a PostgreSQL database.
	pgConfig *pgx.ConnConfig
	now      func() time.Time
	opt      Options
	// undoRead, when set (tests), runs after Undo has read the history it
	// decides on.
	undoRead func()
}

// SetClock makes the store read the time from now, for decisions it
// records: tests fix it so their output is stable.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// DefaultBusyTimeout is how long a connection waits for another process's
// write lock before giving up.
const DefaultBusyTimeout = 5 * time.Minute

// DefaultLockNotice is how long a write waits for the lock before
// Options.OnLockWait is told.
const DefaultLockNotice = 2 * time.Second

// driverName is the SQLite driver with claimex's per-connection settings.
const driverName = "sqlite3_claimex"

// walCheckpointPages is how large the write-ahead log grows, in 4 KB
// pages, before it is copied into the database (SQLite's default is
// 1,000). Every checkpoint syncs the database file, which costs more than
// the copying: a re-extraction of 10,000 documents spent half its writing
// time in them.
const walCheckpointPages = 16384

// maxOpenConns bounds the pool. No operation holds more than one
// connection at a time (a read that needs a second query makes it on the
// connection it holds), so the pool can be small without starving.
const maxOpenConns = 8

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec(fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", walCheckpointPages), nil)
		return err
	}})
}

// Options say how a database is opened. The zero value opens an existing
// database, checks it and waits DefaultBusyTimeout for locks.
type Options struct {
	// Create makes the database when the file does not exist; without it
	// a missing file is ErrNoDatabase.
	Create bool
	// Check runs SQLite's quick_check (on PostgreSQL: every index valid,
	// every constraint validated) before anything is written, and
	// refuses a damaged database with ErrCorrupt.
	Check bool
	// BusyTimeout is how long a write waits for another process's lock
	// (0: DefaultBusyTimeout).
	BusyTimeout time.Duration
	// OnLockWait, when set, is called once a write has waited LockNotice
	// (0: DefaultLockNotice) for the database, so that a person can be
	// told why nothing happens.
	OnLockWait func(waited time.Duration)
	LockNotice time.Duration
	// ReadOnly opens the database for reading only, as it is: no schema
	// migration, no switch to WAL mode.
	ReadOnly bool
}

// Errors of Open, for errors.Is.
var (
	ErrNoDatabase = errors.New("no database")
	ErrCorrupt    = errors.New("the database is damaged")
	ErrNoFTS5     = errors.New("this claimex was built without SQLite full-text search (FTS5)")
)

// BuildHint says how to build claimex with what the store needs.
const BuildHint = "build it with: go build -tags sqlite_fts5 ./cmd/claimex " +
	"(or go install -tags sqlite_fts5 github.com/claimex/claimex/cmd/claimex@latest)"

// Open opens (creating if needed) the database at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{Create: true})
}

// OpenWith opens the database at path as opt says and brings its schema
// up to date. A path that is a postgres:// URL names a PostgreSQL
// database (IsPostgres).
func OpenWith(ctx context.Context, path string, opt Options) (*Store, error) {
	if opt.BusyTimeout <= 0 {
		opt.BusyTimeout = DefaultBusyTimeout
	}
	if opt.LockNotice <= 0 {
		opt.LockNotice = DefaultLockNotice
	}
	if IsPostgres(path) {
		return openPostgres(ctx, path, opt)
	}
	if !builtWithFTS5 {
		return nil, fmt.Errorf("%w; %s", ErrNoFTS5, BuildHint)
	}
	fresh, err := checkFile(path, opt.Create)
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	if opt.ReadOnly {
		q.Set("mode", "ro")
	} else {
		q.Set("_journal_mode", "WAL")
		q.Set("_synchronous", "NORMAL")
		q.Set("_txlock", "immediate")
	}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", fmt.Sprint(opt.BusyTimeout.Milliseconds()))
	db, err := sql.Open(driverName, "file:"+url.PathEscape(path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(maxOpenConns)
	db.SetConnMaxIdleTime(time.Minute)
	s := &Store{db: db, path: path, now: time.Now, opt: opt, d: sqliteDialect}
	// A database this process is creating has nothing to check yet.
	check := opt.Check && !fresh
	// Another process creating the same database holds it while it
	// switches it to WAL mode and writes its schema: SQLite refuses
	// the second without waiting (and says so as a failed virtual table
	// while the schema is half read), so that one tries again.
	deadline := time.Now().Add(opt.BusyTimeout)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		err := s.prepare(ctx, check)
		if err == nil {
			return s, nil
		}
		if errors.Is(err, ErrCorrupt) || isCorrupt(err) {
			db.Close()
			if errors.Is(err, ErrCorrupt) {
				return nil, err
			}
			return nil, corrupt(path, err)
		}
		if !isTransient(err) || time.Now().After(deadline) || ctx.Err() != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		time.Sleep(wait)
	}
}

// prepare checks the database if check is set and, unless it is opened
// read-only, brings its schema up to date.
func (s *Store) prepare(ctx context.Context, check bool) error {
	if check && !s.d.postgres {
		if err := s.quickCheck(ctx); err != nil {
			return err
		}
	}
	if check && s.d.postgres {
		if err := s.pgCheck(ctx); err != nil {
			return err
		}
	}
	if s.opt.ReadOnly {
		return nil
	}
	return s.migrate(ctx)
}

// checkFile refuses a path that holds no database unless one may be
// created there, and anything that is not a regular file. It reports
// whether the database is new: no file, or an empty one.
func checkFile(path string, create bool) (fresh bool, err error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if create {
			return true, nil
		}
		return false, fmt.Errorf("%w at %s: ingest articles first (claimex ingest --db %s PATH), or name another with --db",
			ErrNoDatabase, path, path)
	case err != nil:
		return false, fmt.Errorf("open %s: %w", path, err)
	case !info.Mode().IsRegular():
		return false, fmt.Errorf("open %s: not a regular file", path)
	}
	return info.Size() == 0, nil
}

// quickCheck runs PRAGMA quick_check, which reads every page of the
// database and checks its structure (not the indexes' contents against
// the tables: that is integrity_check, several times slower).
func (s *Store) quickCheck(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		if isCorrupt(err) {
			return corrupt(s.path, err)
		}
		if isTransient(err) {
			return err
		}
		return fmt.Errorf("check %s: %w", s.path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return corrupt(s.path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return corrupt(s.path, err)
	}
	if len(problems) > 0 {
		return corrupt(s.path, errors.New(strings.Join(problems, "; ")))
	}
	return nil
}

// corrupt says that the database at path is damaged, what SQLite found,
// and what to do.
func corrupt(path string, cause error) error {
	return fmt.Errorf("%s: %w (%v); nothing was written to it: restore it from a backup (claimex backup), "+
		"or recover what SQLite can read with: sqlite3 %s .recover | sqlite3 recovered.db", path, ErrCorrupt, cause, path)
}

// isCorrupt reports whether err is SQLite's "database disk image is
// malformed" or "file is not a database".
func isCorrupt(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB)
}

// isBusy reports whether err is SQLite's "database is locked", or
// PostgreSQL giving up on a lock.
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) || pgBusy(err)
}

// isTransient reports whether opening may succeed if tried again: the
// database is busy, or its schema was read while another process wrote
// it (SQLite then fails to construct a virtual table, or finds the
// schema changed).
func isTransient(err error) bool {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code {
	case sqlite3.ErrBusy, sqlite3.ErrLocked, sqlite3.ErrSchema:
		return true
	case sqlite3.ErrError:
		return strings.Contains(se.Error(), "vtable constructor failed")
	}
	return false
}

// Postgres reports whether the store is on PostgreSQL.
func (s *Store) Postgres() bool { return s.d.postgres }

// Close closes the database.
func (s *Store) Close() error {
	s.releaseRuns()
	return s.db.Close()
}

// Path returns the database file the Store was opened on, or its
// PostgreSQL URL (without a password).
func (s *Store) Path() string { return s.path }

// timeText formats t as stored: RFC 3339 in UTC with nanoseconds.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// fetchedText formats a fetch time as stored: empty when there is none.
func fetchedText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return timeText(t)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// IsLocked reports whether err is SQLite's "database is locked" (or
// PostgreSQL's lock timeout): another process held the write lock for
// longer than the busy timeout.
func IsLocked(err error) bool { return isBusy(err) }
