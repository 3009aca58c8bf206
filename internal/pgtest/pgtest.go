// Package pgtest gives tests a fresh PostgreSQL database of their own,
// and runs a package's tests on both of the store's databases.
//
// CLAIMEX_TEST_POSTGRES names the server: a postgres:// URL of a
// database whose user may create databases, or the directory of its unix
// socket (user postgres unless PGUSER says otherwise). Unset, the tests
// run on SQLite only; under CI (CI=true) that is a failure, not a skip.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Env names the PostgreSQL server tests may use.
const Env = "CLAIMEX_TEST_POSTGRES"

// dialectEnv is set, in the run of a package's tests on PostgreSQL, to
// "postgres".
const dialectEnv = "CLAIMEX_TEST_DIALECT"

// OnPostgres reports whether this run of the tests is the one on
// PostgreSQL (see Main).
func OnPostgres() bool { return os.Getenv(dialectEnv) == "postgres" }

// Main runs a package's tests (m.Run), on SQLite, then, when Env names a
// server, again in a second process on PostgreSQL, where tests that
// open a store by NewDatabase get a PostgreSQL database. It returns the
// exit status. Under CI a missing server fails the run.
func Main(m *testing.M) int {
	if os.Getenv(dialectEnv) != "" {
		return m.Run()
	}
	// Processes the tests start (the test binary run again) run as
	// their parent does, on the one database.
	os.Setenv(dialectEnv, "sqlite")
	code := m.Run()
	if _, ok := adminURL(); !ok {
		if os.Getenv("CI") == "true" {
			fmt.Fprintf(os.Stderr, "pgtest: CI=true and %s is not set: the tests must run on PostgreSQL too\n", Env)
			return 1
		}
		return code
	}
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), dialectEnv+"=postgres") // the later value counts
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	fmt.Println("pgtest: the tests again, on PostgreSQL")
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: the tests on PostgreSQL: %v\n", err)
		return 1
	}
	return code
}

// SkipOnPostgres skips a test of what only SQLite has (a file, its
// locks, its pragmas) in the run on PostgreSQL.
func SkipOnPostgres(tb testing.TB, why string) {
	tb.Helper()
	if OnPostgres() {
		tb.Skip("SQLite only: " + why)
	}
}

// adminURL is the URL of the server's maintenance database.
func adminURL() (string, bool) {
	v := strings.TrimSpace(os.Getenv(Env))
	switch {
	case v == "":
		return "", false
	case strings.HasPrefix(v, "/"):
		user := os.Getenv("PGUSER")
		if user == "" {
			user = "postgres"
		}
		return "postgres://" + url.PathEscape(user) + "@/postgres?host=" + url.QueryEscape(v), true
	}
	return v, true
}

// NewDatabase creates an empty database on the server for the test, and
// returns its URL; it is dropped when the test ends. Without a server it
// fails the test under CI and skips it otherwise.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	admin, ok := adminURL()
	if !ok {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is not set: under CI the tests need PostgreSQL", Env)
		}
		tb.Skipf("%s is not set", Env)
	}
	cfg, err := pgx.ParseConfig(admin)
	if err != nil {
		tb.Fatalf("%s: %v", Env, err)
	}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	b := make([]byte, 8)
	rand.Read(b)
	name := "claimex_test_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("create a test database: %v", err)
	}
	tb.Cleanup(func() { drop(tb, admin, name) })
	u, err := url.Parse(admin)
	if err != nil {
		tb.Fatalf("%s: %v", Env, err)
	}
	u.Path = "/" + name
	return u.String()
}

func drop(tb testing.TB, admin, name string) {
	cfg, err := pgx.ParseConfig(admin)
	if err != nil {
		return
	}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		tb.Logf("drop the test database %s: %v", name, err)
	}
}

// Admin opens the server's maintenance database, for a test that looks
// at the server itself.
func Admin(tb testing.TB) *sql.DB {
	tb.Helper()
	admin, ok := adminURL()
	if !ok {
		tb.Skipf("%s is not set", Env)
	}
	cfg, err := pgx.ParseConfig(admin)
	if err != nil {
		tb.Fatalf("%s: %v", Env, err)
	}
	db := stdlib.OpenDB(*cfg)
	tb.Cleanup(func() { db.Close() })
	return db
}
