package main

import (
	"path/filepath"
	"testing"

	"github.com/claimex/claimex/internal/pgtest"
)

// testDB names a fresh database for a test: the SQLite file name in dir,
// or in the run of the tests on PostgreSQL a database of its own (the
// test's files stay in dir).
func testDB(t testing.TB, dir, name string) string {
	t.Helper()
	if pgtest.OnPostgres() {
		return pgtest.NewDatabase(t)
	}
	return filepath.Join(dir, name)
}
