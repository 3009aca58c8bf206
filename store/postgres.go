package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// A database named by a postgres:// (or postgresql://) URL is a
// PostgreSQL server's: a team's shared database. pgx reads the rest of
// what a connection needs as libpq does: PGPASSWORD, ~/.pgpass, a service
// file (PGSERVICE, service=), and sslmode.

// IsPostgres reports whether name is a PostgreSQL URL rather than a file.
func IsPostgres(name string) bool {
	return strings.HasPrefix(name, "postgres://") || strings.HasPrefix(name, "postgresql://")
}

// ErrPasswordInURL refuses a database URL that holds a password.
var ErrPasswordInURL = errors.New("the database URL holds a password")

// CheckName refuses a database name that holds a credential: a password
// in a command line shows in ps and in the shell's history.
func CheckName(name string) error {
	if !IsPostgres(name) {
		return nil
	}
	u, err := url.Parse(name)
	if err != nil {
		return fmt.Errorf("database URL: %w", err)
	}
	_, hasPassword := u.User.Password()
	if hasPassword || u.Query().Has("password") {
		return fmt.Errorf("%w: give it in PGPASSWORD, ~/.pgpass or a service file instead (the URL shows in ps and the shell's history)",
			ErrPasswordInURL)
	}
	return nil
}

// Redact returns name with any password in it masked, for messages.
func Redact(name string) string {
	if !IsPostgres(name) {
		return name
	}
	u, err := url.Parse(name)
	if err != nil {
		return "postgres://(unreadable URL)"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// Lock keys of pg_advisory_xact_lock: claimex's writers, its schema
// migrations and its bulk writers (numbers no other program on the
// database uses).
const (
	pgWriterLock  = 0x636c61696d6578 // "claimex"
	pgMigrateLock = pgWriterLock + 1
	pgBulkLock    = pgWriterLock + 2
)

// pgMaxOpenConns bounds the pool on PostgreSQL: reviewers' leases run
// side by side there.
const pgMaxOpenConns = 16

// openPostgres opens the PostgreSQL database at dsn as opt says.
func openPostgres(ctx context.Context, dsn string, opt Options) (*Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", Redact(dsn), err)
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	// How long a statement waits for a lock (the writers' lock, a row)
	// before it fails, as SQLite's busy timeout.
	cfg.RuntimeParams["lock_timeout"] = fmt.Sprint(opt.BusyTimeout.Milliseconds())
	cfg.RuntimeParams["application_name"] = "claimex"
	// The server ends the session of a client whose machine went away
	// after about a minute, and with it the lease of a run it held.
	cfg.RuntimeParams["tcp_keepalives_idle"] = "30"
	cfg.RuntimeParams["tcp_keepalives_interval"] = "10"
	cfg.RuntimeParams["tcp_keepalives_count"] = "3"
	if opt.ReadOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	db := sql.OpenDB(pgConnector{inner: stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(pgMaxOpenConns)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(30 * time.Second)
	s := &Store{db: db, path: Redact(dsn), now: time.Now, opt: opt, d: postgresDialect, pgConfig: cfg}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "3D000" {
			return nil, fmt.Errorf("%w at %s: create it first (createdb, or CREATE DATABASE; see the README, A team server)",
				ErrNoDatabase, s.path)
		}
		return nil, fmt.Errorf("open %s: %w", s.path, err)
	}
	if !opt.Create {
		v, err := s.schemaVersion(ctx, db)
		if err == nil && v == 0 {
			err = fmt.Errorf("%w at %s: it holds no claimex data; ingest articles first (claimex ingest --db URL PATH)",
				ErrNoDatabase, s.path)
		}
		if err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := s.prepare(ctx, opt.Check); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", s.path, err)
	}
	return s, nil
}

// pgCode returns PostgreSQL's error code of err, or "".
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// pgBusy reports whether err is PostgreSQL giving up on a lock: the lock
// timeout passed, a deadlock was broken, or a serializable transaction
// met another.
func pgBusy(err error) bool {
	switch pgCode(err) {
	case "55P03", "40P01", "40001":
		return true
	}
	return false
}

// schemaVersion reads the schema version: SQLite's user_version, or
// the row of claimex_schema on PostgreSQL (0 when there is none).
func (s *Store) schemaVersion(ctx context.Context, q queryer) (int, error) {
	var v int
	if !s.d.postgres {
		if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			return 0, fmt.Errorf("read schema version: %w", err)
		}
		return v, nil
	}
	var exists bool
	if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'claimex_schema')`).Scan(&exists); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if !exists {
		return 0, nil
	}
	if err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM claimex_schema").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
