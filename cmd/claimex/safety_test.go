package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/claimex/claimex/internal/pgtest"
	"time"

	"github.com/claimex/claimex/internal/claimextest"
)

// ingestSeeds makes a database of the samples and returns its path.
func ingestSeeds(t *testing.T) string {
	t.Helper()
	db := testDB(t, t.TempDir(), "c.db")
	if code, _, errs := cli(t, nil, "ingest", "--db", db, seeds); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	return db
}

// claimIDs returns the ids of the current count claims.
func claimIDs(t *testing.T, db string) []string {
	t.Helper()
	_, out, _ := cli(t, nil, "claims", "--db", db)
	var ids []string
	for _, line := range strings.Split(out, "\n")[1:] {
		if f := strings.Fields(line); len(f) > 2 && f[2] == "count" {
			ids = append(ids, f[0])
		}
	}
	if len(ids) == 0 {
		t.Fatalf("no claims in %s", db)
	}
	return ids
}

// TestCommandsNeedADatabase: only ingest creates a database; every other
// command refuses a missing one, and creates nothing.
func TestCommandsNeedADatabase(t *testing.T) {
	dir := t.TempDir()
	db := testDB(t, dir, "typo.db")
	for _, args := range [][]string{{"claims"}, {"documents"}, {"export"}, {"export", "--what", "documents"},
		{"conflicts"}, {"eval"}, {"failures"}, {"entities"}, {"entities", "merge", "A", "B"}, {"review", "list"},
		{"review", "accept", "1"}, {"extract"}, {"serve", "--addr", "127.0.0.1:0"}, {"backup", filepath.Join(dir, "b.db")}} {
		code, _, errs := cli(t, nil, append(args, "--db", db)...)
		if code != exitFailed || !strings.Contains(errs, "no database at "+db) {
			t.Errorf("claimex %v on a missing database: exit %d, %q", args, code, errs)
		}
		if _, err := os.Stat(db); err == nil {
			t.Fatalf("claimex %v created %s", args, db)
		}
	}
	if code, _, errs := cli(t, nil, "ingest", "--db", db, filepath.Join(seeds, "000_f98e5ad40a96cb5c.txt")); code != exitOK {
		t.Fatalf("ingest into a new database: exit %d: %s", code, errs)
	}
}

// TestFlagsBeforeTheCommand: --db may come before the command's name.
func TestFlagsBeforeTheCommand(t *testing.T) {
	db := ingestSeeds(t)
	env := map[string]string{envDB: testDB(t, t.TempDir(), "other.db")}
	for _, args := range [][]string{{"--db", db, "documents"}, {"--db=" + db, "documents"}, {"-db", db, "documents"},
		{"documents", "--db", db}} {
		code, out, errs := cli(t, env, args...)
		if code != exitOK || !strings.Contains(out, "5 documents") {
			t.Errorf("claimex %v: exit %d, %q %q", args, code, out, errs)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--db", db, "clean", seeds}, "--db does not apply"},
		{[]string{"--verbose", "documents"}, `unknown flag "--verbose" before the command`},
		{[]string{"--db"}, "--db needs a file name"},
	} {
		if code, _, errs := cli(t, env, tc.args...); code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("claimex %v: exit %d, %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
}

// TestDamagedDatabaseRefused: a database with garbage in its middle is
// refused, unchanged, by every command that would write to it.
func TestDamagedDatabaseRefused(t *testing.T) {
	pgtest.SkipOnPostgres(t, "damaged SQLite files")
	db := ingestSeeds(t)
	// Put everything in the main file, then damage a page in its middle:
	// the first page of the claims table's rows, as a failing disk or a
	// bad copy would. (SQLite checks the structure of its pages, not the
	// bytes of a stored text: damage inside a text is not detectable.)
	raw, err := sql.Open("sqlite3", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	var page, pageSize int64
	if _, err := raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'claims'").Scan(&page); err != nil {
		t.Fatal(err)
	}
	raw.QueryRow("PRAGMA page_size").Scan(&pageSize)
	raw.Close()
	f, err := os.OpenFile(db, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt(bytes.Repeat([]byte{0xa5, 0x5a, 0x13, 0x37}, 1024), (page-1)*pageSize)
	f.Close()
	before, _ := os.ReadFile(db)
	extra := filepath.Join(t.TempDir(), "new.txt")
	os.WriteFile(extra, []byte("Police said 40 people were arrested in the capital on Sunday.\n"), 0o644)
	for _, args := range [][]string{{"ingest", extra}, {"extract"}, {"review", "accept", "1"}, {"entities", "merge", "A", "B"},
		{"serve", "--addr", "127.0.0.1:0"}} {
		code, _, errs := cli(t, nil, append(args, "--db", db)...)
		if code != exitFailed || !strings.Contains(errs, "the database is damaged") || !strings.Contains(errs, "backup") {
			t.Errorf("claimex %v on a damaged database: exit %d, %q", args, code, errs)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("the damaged database was written to")
	}
}

// TestBackupHoldsRecentReviews: decisions still in the write-ahead log
// are missing from a copy of the database file, and in a backup.
func TestBackupHoldsRecentReviews(t *testing.T) {
	pgtest.SkipOnPostgres(t, "claimex backup copies SQLite files; PostgreSQL is backed up with pg_dump")
	db := ingestSeeds(t)
	ids := claimIDs(t, db)
	if code, _, errs := cli(t, nil, append([]string{"review", "accept", "--db", db}, ids...)...); code != exitOK {
		t.Fatalf("review: %s", errs)
	}
	// A process holds the database open, as claimex serve does, so the
	// log is not folded into the file at close.
	holder, err := sql.Open("sqlite3", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.Exec("SELECT 1 FROM claims LIMIT 1"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.db")
	code, out, errs := cli(t, nil, "backup", "--db", db, backup)
	if code != exitOK || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: exit %d, %q %q", code, out, errs)
	}
	_, out, _ = cli(t, nil, "review", "list", "--db", backup)
	if want := fmt.Sprintf("%d reviews", len(ids)); !strings.Contains(out, want) {
		t.Errorf("the backup's reviews: %q, want %s", out, want)
	}
	if code, _, errs := cli(t, nil, "backup", "--db", db, backup); code != exitFailed || !strings.Contains(errs, "file exists") {
		t.Errorf("a backup over a file: exit %d, %q", code, errs)
	}
}

// syncBuffer is a bytes.Buffer safe to read while another goroutine
// writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestLockWaitIsReported: a review that waits for another process's
// write lock says so, then goes through when the lock is released.
func TestLockWaitIsReported(t *testing.T) {
	pgtest.SkipOnPostgres(t, "SQLite's file lock (the store's TestLockWaitNotice holds PostgreSQL's)")
	db := ingestSeeds(t)
	id := claimIDs(t, db)[0]
	release := claimextest.HoldWriteLock(t, db)
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		a := &app{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
		done <- a.run(context.Background(), []string{"review", "accept", id, "--db", db})
	}()
	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(stderr.String(), "another process") {
		select {
		case code := <-done:
			t.Fatalf("the review finished (exit %d) while the lock was held: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no word of the wait after 2 minutes: %q", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	release()
	if code := <-done; code != exitOK || !strings.Contains(stdout.String(), "accepted") {
		t.Errorf("after the lock was released: exit %d, %q", code, stdout.String())
	}
}

// TestNamesPrintedSafely: a file name with escape sequences, a newline
// and a tab is shown escaped in tables and messages.
func TestNamesPrintedSafely(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "red\x1b[31mtext\nsecond line\tand a tab.txt")
	if err := os.WriteFile(name, []byte("Police said 40 people were arrested.\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	empty := filepath.Join(dir, "empty\x1b]0;title\x07.txt")
	os.WriteFile(empty, nil, 0o644)
	db := testDB(t, dir, "n.db")
	_, _, ingestErr := cli(t, nil, "ingest", "--db", db, dir)
	_, docs, _ := cli(t, nil, "documents", "--db", db)
	_, fails, _ := cli(t, nil, "failures", "--db", db)
	for what, out := range map[string]string{"ingest's messages": ingestErr, "documents": docs, "failures": fails} {
		if strings.ContainsAny(out, "\x1b\x07\t") {
			t.Errorf("%s print control characters: %q", what, out)
		}
	}
	if !strings.Contains(docs, `red\x1b[31mtext\nsecond line\tand a tab.txt`) {
		t.Errorf("documents does not show the name escaped:\n%s", docs)
	}
	if n := strings.Count(docs, "\n"); n != 3 {
		t.Errorf("documents printed %d lines for one document:\n%s", n, docs)
	}
	if !strings.Contains(fails, `empty\x1b]0;title\x07.txt`) {
		t.Errorf("failures does not show the name escaped:\n%s", fails)
	}
}

// TestBuiltWithoutFTS5: a binary built without the sqlite_fts5 tag (as
// a plain go install builds it) says at once how to build it.
func TestBuiltWithoutFTS5(t *testing.T) {
	pgtest.SkipOnPostgres(t, "a PostgreSQL database needs no SQLite full-text search")
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build with")
	}
	bin := filepath.Join(t.TempDir(), "claimex-nofts5")
	build := exec.Command(goBin, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build without tags: %v\n%s", err, out)
	}
	db := ingestSeeds(t)
	for _, args := range [][]string{{"documents", "--db", db}, {"ingest", "--db", testDB(t, t.TempDir(), "new.db"), seeds}} {
		out, err := exec.Command(bin, args...).CombinedOutput()
		if err == nil || !regexp.MustCompile(`built without SQLite full-text search.*-tags sqlite_fts5`).Match(out) {
			t.Errorf("claimex %v built without fts5: %v\n%s", args, err, out)
		}
		if strings.Contains(string(out), "no such module") {
			t.Errorf("the message is SQLite's, not claimex's: %s", out)
		}
	}
}
