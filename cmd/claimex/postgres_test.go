package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimex/claimex/internal/pgtest"
)

// TestPasswordInDatabaseURL: a password in --db (or CLAIMEX_DB) is
// refused before anything connects, with where it goes instead, and is
// not printed back.
func TestPasswordInDatabaseURL(t *testing.T) {
	for _, tt := range []struct {
		args []string
		env  map[string]string
	}{
		{[]string{"documents", "--db", "postgres://ana:s3cret@db.invalid/claimex"}, nil},
		{[]string{"--db", "postgresql://db.invalid/claimex?password=s3cret", "claims"}, nil},
		{[]string{"documents"}, map[string]string{envDB: "postgres://ana:s3cret@db.invalid/claimex"}},
	} {
		code, _, errs := cli(t, tt.env, tt.args...)
		if code != exitFailed || !strings.Contains(errs, "PGPASSWORD") || strings.Contains(errs, "s3cret") {
			t.Errorf("claimex %v: exit %d, %q", tt.args, code, errs)
		}
	}
}

// TestBackupExplainsPgDump: on PostgreSQL, claimex backup writes nothing
// and says how pg_dump backs the database up.
func TestBackupExplainsPgDump(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("PostgreSQL only")
	}
	db := testDB(t, t.TempDir(), "unused.db")
	if code, _, errs := cli(t, nil, "ingest", "--db", db, seeds); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	code, _, errs := cli(t, nil, "backup", "--db", db, t.TempDir()+"/b.db")
	if code != exitFailed || !strings.Contains(errs, "pg_dump") {
		t.Errorf("backup on PostgreSQL: exit %d, %q", code, errs)
	}
}

// TestMigrateToPostgres: a single user's database, with decisions, an
// edit, an undo and an entity correction, moves to a team server whole:
// the same claims with the same review statuses (carried, not changed),
// the same reviews and entities, and the server goes on from there.
func TestMigrateToPostgres(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("PostgreSQL only")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "mine.db")
	if code, _, errs := cli(t, nil, "ingest", "--db", file, seeds); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	var ids []string
	for _, r := range readJSONL(t, exportTo(t, file, dir, "before0.jsonl")) {
		if r["kind"] == "count" {
			ids = append(ids, fmt.Sprint(r["id"]))
		}
	}
	if len(ids) < 4 {
		t.Fatalf("only %d count claims", len(ids))
	}
	for _, args := range [][]string{{"review", "accept", ids[0], ids[1]}, {"review", "reject", ids[2]},
		{"review", "edit", ids[3], "--value", "7", "--note", "recounted"}, {"review", "reset", ids[1]}} {
		if code, _, errs := cli(t, nil, append(args, "--db", file)...); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
	}
	before := readFile(t, exportTo(t, file, dir, "before.jsonl"))
	_, reviewsBefore, _ := cli(t, nil, "review", "list", "--db", file)

	url := pgtest.NewDatabase(t)
	code, out, errs := cli(t, nil, "migrate", "--from", file, "--to", url)
	if code != exitOK || !strings.Contains(out, "review_events") {
		t.Fatalf("migrate: exit %d: %s %s", code, out, errs)
	}
	if after := readFile(t, exportTo(t, url, dir, "after.jsonl")); after != before {
		t.Errorf("the claims differ once moved:\n%s\nwant\n%s", after, before)
	}
	if _, reviewsAfter, _ := cli(t, nil, "review", "list", "--db", url); reviewsAfter != reviewsBefore {
		t.Errorf("the reviews differ once moved:\n%s\nwant\n%s", reviewsAfter, reviewsBefore)
	}
	// The server takes new decisions, with ids after the moved ones.
	if code, _, errs := cli(t, nil, "review", "accept", ids[1], "--db", url); code != exitOK {
		t.Fatalf("a decision on the server: exit %d: %s", code, errs)
	}
	// A database with data is not moved into.
	if code, _, errs := cli(t, nil, "migrate", "--from", file, "--to", url); code != exitFailed || !strings.Contains(errs, "not empty") {
		t.Errorf("migrate into a database with data: exit %d: %s", code, errs)
	}
}

// exportTo exports db's claims as JSON lines into dir/name.
func exportTo(t *testing.T, db, dir, name string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	if code, _, errs := cli(t, nil, "export", "--db", db, "--format", "jsonl", "-o", out); code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
