//go:build sqlite_fts5

package store

// builtWithFTS5 says the SQLite compiled in has FTS5, which the search
// index's migration needs.
const builtWithFTS5 = true
