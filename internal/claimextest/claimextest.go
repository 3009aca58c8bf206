// Package claimextest holds helpers the tests of several packages share.
// It imports no claimex package, so any of them may use it.
package claimextest

import (
	"database/sql"
	"testing"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver, as "sqlite3"
)

// HoldWriteLock takes the write lock of the SQLite database at path from
// another connection, as another process writing to it would, and
// returns the function that releases it (also called at the test's end).
func HoldWriteLock(tb testing.TB, path string) (release func()) {
	tb.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?_txlock=immediate")
	if err != nil {
		tb.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		db.Close()
		tb.Fatal(err)
	}
	done := false
	release = func() {
		if !done {
			done = true
			tx.Rollback()
			db.Close()
		}
	}
	tb.Cleanup(release)
	return release
}
