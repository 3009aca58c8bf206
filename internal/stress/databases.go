package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "github.com/mattn/go-sqlite3" // integrity checks; build with -tags sqlite_fts5
)

// databases is where the trials' databases are: SQLite files in the
// working folder, or, with -postgres, databases of a PostgreSQL server,
// one per trial, as a team server holds them.
type databases struct {
	dir string
	// admin is the URL of the server's maintenance database ("": SQLite).
	admin  string
	prefix string
}

// newDatabases returns the trials' databases: files in dir, or on the
// PostgreSQL server that server names (a postgres:// URL of a role that
// may create databases, or a unix socket's directory).
func newDatabases(dir, server string) *databases {
	d := &databases{dir: dir, prefix: fmt.Sprintf("claimex_stress_%d_", os.Getpid())}
	switch {
	case server == "":
	case strings.HasPrefix(server, "/"):
		d.admin = "postgres://postgres@/postgres?host=" + url.QueryEscape(server)
	default:
		d.admin = server
	}
	return d
}

func (d *databases) postgres() bool { return d.admin != "" }

// name returns the database a trial labelled label uses: a file, or a
// URL (the database is made when claimex ingest first opens it, or by
// copy).
func (d *databases) name(label string) string {
	if !d.postgres() {
		return filepath.Join(d.dir, label)
	}
	u, _ := url.Parse(d.admin)
	u.Path = "/" + d.dbName(label)
	return u.String()
}

func (d *databases) dbName(label string) string {
	label = strings.TrimSuffix(label, ".db")
	return d.prefix + strings.NewReplacer("-", "_", ".", "_").Replace(label)
}

// nameOf is the server's name of a database URL.
func nameOf(db string) string {
	u, err := url.Parse(db)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Path, "/")
}

// create makes an empty database for name (PostgreSQL; a file needs
// none).
func (d *databases) create(db string) error {
	if !d.postgres() {
		return nil
	}
	return d.adminExec("CREATE DATABASE " + pgx.Identifier{nameOf(db)}.Sanitize())
}

// copy copies a closed database: its files, or on PostgreSQL the
// database as a template of the new one.
func (d *databases) copy(from, to string) error {
	d.remove(to)
	if !d.postgres() {
		return copyDB(from, to)
	}
	src := nameOf(from)
	// The processes that used it are gone; their sessions may take a
	// moment more.
	d.adminExec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + src + "'")
	var err error
	for range 50 {
		if err = d.adminExec("CREATE DATABASE " + pgx.Identifier{nameOf(to)}.Sanitize() + " TEMPLATE " +
			pgx.Identifier{src}.Sanitize()); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

// remove removes a database.
func (d *databases) remove(db string) {
	if !d.postgres() {
		removeDB(db)
		return
	}
	d.adminExec("DROP DATABASE IF EXISTS " + pgx.Identifier{nameOf(db)}.Sanitize() + " WITH (FORCE)")
}

// removeAll removes every database of this harness from the server.
func (d *databases) removeAll() {
	if !d.postgres() {
		return
	}
	conn, err := d.openURL(d.admin)
	if err != nil {
		return
	}
	defer conn.Close()
	rows, err := conn.Query("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", d.prefix)
	if err != nil {
		return
	}
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	for _, n := range names {
		conn.Exec("DROP DATABASE IF EXISTS " + pgx.Identifier{n}.Sanitize() + " WITH (FORCE)")
	}
}

func (d *databases) adminExec(q string) error {
	conn, err := d.openURL(d.admin)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Exec(q)
	return err
}

// open opens a database as the checks read it: waiting up to a minute
// for a writer's lock.
func (d *databases) open(db string) (*sql.DB, error) {
	if !d.postgres() {
		return sql.Open("sqlite3", "file:"+db+"?_busy_timeout=60000")
	}
	return d.openURL(db)
}

func (d *databases) openURL(u string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(u)
	if err != nil {
		return nil, err
	}
	return stdlib.OpenDB(*cfg), nil
}

// integrity checks the database's own consistency. SQLite: its
// integrity_check and foreign_key_check. PostgreSQL keeps its
// constraints (foreign keys among them) at every commit; where the
// amcheck extension can be had, every B-tree index is checked against
// its table (bt_index_check with heapallindexed).
func (d *databases) integrity(conn *sql.DB) error {
	if !d.postgres() {
		var ok string
		if err := conn.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			return fmt.Errorf("integrity_check: %q %v", ok, err)
		}
		rows, err := conn.Query("PRAGMA foreign_key_check")
		if err != nil {
			return err
		}
		bad := rows.Next()
		rows.Close()
		if bad {
			return errors.New("foreign_key_check reports rows")
		}
		return nil
	}
	ctx := context.Background()
	if _, err := conn.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS amcheck"); err != nil {
		return nil // not to be had: the constraints are what is checked
	}
	rows, err := conn.QueryContext(ctx, `SELECT c.relname, bt_index_check(c.oid, true) IS NULL
		FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE am.amname = 'btree' AND n.nspname = current_schema() AND c.relpersistence <> 't'`)
	if err != nil {
		return fmt.Errorf("amcheck: %w", err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var name string
		var ok bool
		if err := rows.Scan(&name, &ok); err != nil {
			return fmt.Errorf("amcheck: %w", err)
		}
		checked++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("amcheck: %w", err)
	}
	if checked == 0 {
		return errors.New("amcheck: no index checked")
	}
	return nil
}
