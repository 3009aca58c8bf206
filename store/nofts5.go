//go:build !sqlite_fts5

package store

// builtWithFTS5 is false without the sqlite_fts5 tag: the SQLite compiled
// in then lacks the FTS5 module, and Open says how to build claimex.
const builtWithFTS5 = false
