package main

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/claimex/claimex/internal/pgtest"

	_ "github.com/mattn/go-sqlite3" // the plain driver, to reach past the store
)

// hostile is one kind of bad input: how to make it in a folder, and the
// stage and reason its failure must be recorded with.
type hostile struct {
	name   string
	make   func(t *testing.T, dir string) // creates name (and whatever it needs) in dir
	stage  string
	reason string
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

var hostiles = []hostile{
	{"empty.html", func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "empty.html"), nil) },
		"read", "empty file"},
	{"binary.html", func(t *testing.T, dir string) {
		b := make([]byte, 64<<10)
		for i := range b {
			b[i] = byte(i * 7919 >> 3)
		}
		writeFile(t, filepath.Join(dir, "binary.html"), b)
	}, "clean", "binary data"},
	{"garbled.txt", func(t *testing.T, dir string) {
		b := []byte("Police said 12 people were killed.\n")
		for i := range 4000 {
			b = append(b, byte(0x80+i%0x7f))
		}
		writeFile(t, filepath.Join(dir, "garbled.txt"), b)
	}, "clean", "no encoding could be told"},
	{"huge.html", func(t *testing.T, dir string) {
		f, err := os.Create(filepath.Join(dir, "huge.html"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(50 << 20); err != nil { // sparse: 50 MB without the disk
			t.Fatal(err)
		}
	}, "read", "file is 50.0 MB, over the 32.0 MB limit"},
	{"deep.html", func(t *testing.T, dir string) {
		page := "<html><body>" + strings.Repeat("<div>", 100000) + "Police said 5 people were killed." +
			strings.Repeat("</div>", 100000) + "</body></html>"
		writeFile(t, filepath.Join(dir, "deep.html"), []byte(page))
	}, "clean", "open stack of elements exceeds"},
	{"scripts.html", func(t *testing.T, dir string) {
		page := "<html><head><script>var x = 1;</script></head><body>" +
			strings.Repeat("<script>document.write('225 people were killed');</script>", 300) + "</body></html>"
		writeFile(t, filepath.Join(dir, "scripts.html"), []byte(page))
	}, "clean", "no article text found"},
	{"oneline.txt", func(t *testing.T, dir string) {
		sentence := "Officials said 40 people were injured when the bridge collapsed on Tuesday. "
		writeFile(t, filepath.Join(dir, "oneline.txt"), []byte(strings.Repeat(sentence, (10<<20)/len(sentence)+1)))
	}, "clean", "text is 10.0 MB after cleaning, over the 2.0 MB limit"},
	{"links.html", func(t *testing.T, dir string) {
		var b strings.Builder
		b.WriteString("<html><body><div>\n")
		for i := range 250_000 {
			fmt.Fprintf(&b, "<a href=\"/p/%d\">story %d</a>\n", i, i)
		}
		writeFile(t, filepath.Join(dir, "links.html"), []byte(b.String()+"</div></body></html>"))
	}, "clean", "page has more than 200000 elements"},
	{"loop.html", func(t *testing.T, dir string) {
		if err := os.Symlink("loop.html", filepath.Join(dir, "loop.html")); err != nil {
			t.Fatal(err)
		}
	}, "walk", "too many levels of symbolic links"},
	{"pipe.html", func(t *testing.T, dir string) {
		if err := syscall.Mkfifo(filepath.Join(dir, "pipe.html"), 0o644); err != nil {
			t.Fatal(err)
		}
	}, "walk", "not a regular file: named pipe"},
	{"zero.txt", func(t *testing.T, dir string) {
		if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt")); err != nil {
			t.Fatal(err)
		}
	}, "walk", "not a regular file: character device"},
}

// TestHostileInputs ingests a folder of every kind of bad input beside the
// samples: each bad input is one line on stderr and one recorded failure
// with its stage and reason, the samples are all stored, the exit status
// is 1, and a second ingest counts a second attempt.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.CopyFS(in, os.DirFS(seeds)); err != nil {
		t.Fatal(err)
	}
	for _, h := range hostiles {
		h.make(t, in)
	}
	db := testDB(t, dir, "h.db")
	for attempt := 1; attempt <= 2; attempt++ {
		// Every bad input here fails on its own limit, never on time: a
		// busy machine under -race can take half a minute over 10 MB.
		code, out, errs := cli(t, nil, "ingest", "--db", db, "--budget", "1h", in)
		if code != exitFailed {
			t.Fatalf("attempt %d: exit %d, want 1\nstdout: %s\nstderr: %s", attempt, code, out, errs)
		}
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		if len(lines) != len(hostiles) {
			t.Errorf("attempt %d: want one stderr line per bad input, got %d:\n%s", attempt, len(lines), errs)
		}
		for _, h := range hostiles {
			if !strings.Contains(errs, h.name+": "+h.stage+": ") || !strings.Contains(errs, h.reason) {
				t.Errorf("attempt %d: stderr lacks %s (%s: %s):\n%s", attempt, h.name, h.stage, h.reason, errs)
			}
		}
		wantNew := "ingested 5 new documents"
		if attempt == 2 {
			wantNew = "ingested 0 new documents (5 already stored"
		}
		if !strings.Contains(out, wantNew) {
			t.Errorf("attempt %d: summary %q, want %q", attempt, out, wantNew)
		}
		code, out, errs = cli(t, nil, "failures", "--db", db, "--format", "jsonl")
		if code != exitOK {
			t.Fatalf("failures: exit %d: %s", code, errs)
		}
		path := filepath.Join(dir, "failures.jsonl")
		writeFile(t, path, []byte(out))
		got := map[string]map[string]any{}
		for _, r := range readJSONL(t, path) {
			got[filepath.Base(r["source"].(string))] = r
		}
		if len(got) != len(hostiles) {
			t.Errorf("attempt %d: %d failures recorded, want %d: %v", attempt, len(got), len(hostiles), got)
		}
		for _, h := range hostiles {
			r := got[h.name]
			if r == nil || r["stage"] != h.stage || !strings.Contains(r["reason"].(string), h.reason) ||
				r["attempts"] != float64(attempt) {
				t.Errorf("attempt %d: failure of %s = %v, want stage %s, reason %q", attempt, h.name, r, h.stage, h.reason)
			}
		}
	}
	code, out, _ := cli(t, nil, "claims", "--db", db, "--kind", "count")
	if code != exitOK || !strings.Contains(out, "6,044") {
		t.Errorf("the samples' claims are missing (exit %d):\n%s", code, out)
	}
}

// TestUnreadableFile: a file the user may not read is one failure at the
// read stage; the rest is stored. Root reads everything, so as root the
// ingest runs as user nobody.
func TestUnreadableFile(t *testing.T) {
	dir, err := os.MkdirTemp("", "claimex-unreadable")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	in := filepath.Join(dir, "in")
	if err := os.CopyFS(in, os.DirFS(seeds)); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(in, "secret.txt")
	writeFile(t, secret, []byte("Police said 3 people were arrested.\n"))
	if err := os.Chmod(secret, 0); err != nil {
		t.Fatal(err)
	}
	db := testDB(t, dir, "u.db")
	var code int
	var out, errs string
	if os.Geteuid() != 0 {
		code, out, errs = cli(t, nil, "ingest", "--db", db, in)
	} else {
		// The test binary runs main as nobody: it and the folders must be
		// reachable by that user.
		bin := filepath.Join(dir, "claimex.test")
		self, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, bin, self)
		for _, p := range []string{dir, in, bin} {
			if err := os.Chmod(p, 0o777); err != nil {
				t.Fatal(err)
			}
		}
		entries, _ := os.ReadDir(in)
		for _, e := range entries {
			if e.Name() != "secret.txt" {
				os.Chmod(filepath.Join(in, e.Name()), 0o644)
			}
		}
		cmd := exec.Command(bin, "ingest", "--db", db, in)
		cmd.Env = append(os.Environ(), "CLAIMEX_TEST_RUN_MAIN=1", "HOME="+dir)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		var o, e strings.Builder
		cmd.Stdout, cmd.Stderr = &o, &e
		err = cmd.Run()
		code = cmd.ProcessState.ExitCode()
		out, errs = o.String(), e.String()
		if err != nil && code < 0 {
			// Containers may forbid changing user even to root.
			t.Skipf("cannot run as user nobody here: %v", err)
		}
	}
	if code != exitFailed {
		t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if !strings.Contains(errs, "secret.txt: read: open ") || !strings.Contains(errs, "permission denied") {
		t.Errorf("stderr: %s", errs)
	}
	if !strings.Contains(out, "ingested 5 new documents (0 already stored, 1 failed)") {
		t.Errorf("summary: %s", out)
	}
}

// TestDiskFull: an ingest whose batch cannot be written exits 1 with one
// line saying why, its run is recorded as failed with that reason, and
// the inputs of the batch (and those read meanwhile) as failures at the
// store stage. A trigger that
// refuses every new document stands in for the full disk (store's
// TestFailRunOnFullDisk has SQLite's own SQLITE_FULL).
func TestDiskFull(t *testing.T) {
	pgtest.SkipOnPostgres(t, "a page limit stands for a full disk")
	dir := t.TempDir()
	db := testDB(t, dir, "full.db")
	if code, _, errs := cli(t, nil, "ingest", "--db", db, filepath.Join(seeds, "000_f98e5ad40a96cb5c.txt")); code != exitOK {
		t.Fatalf("first ingest: exit %d: %s", code, errs)
	}
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`CREATE TRIGGER disk_full BEFORE INSERT ON documents
		BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`); err != nil {
		t.Fatal(err)
	}

	code, out, errs := cli(t, nil, "ingest", "--db", db, seeds)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if lines := strings.Split(strings.TrimSpace(errs), "\n"); len(lines) != 1 ||
		!strings.Contains(errs, "database or disk is full") || !strings.Contains(errs, "run 2 recorded as failed") {
		t.Errorf("stderr = %q, want one line saying the disk is full and the run failed", errs)
	}
	var status, reason string
	if err := raw.QueryRow("SELECT status, reason FROM runs WHERE id = 2").Scan(&status, &reason); err != nil {
		t.Fatal(err)
	}
	if status != "failed" || !strings.Contains(reason, "database or disk is full") {
		t.Errorf("run 2: status %q, reason %q; want failed, the disk full", status, reason)
	}
	code, out, errs = cli(t, nil, "failures", "--db", db, "--format", "jsonl")
	if code != exitOK {
		t.Fatalf("failures: exit %d: %s", code, errs)
	}
	path := filepath.Join(dir, "failures.jsonl")
	writeFile(t, path, []byte(out))
	// The batch that failed, and the inputs read meanwhile, are recorded;
	// how many of the four samples not stored before that is depends on
	// how the workers and the writer's batches met, not on the outcome.
	fails := readJSONL(t, path)
	if len(fails) == 0 || len(fails) > 4 { // the five samples, one stored before
		t.Errorf("%d failures recorded, want 1 to 4 of the samples not stored: %v", len(fails), fails)
	}
	if _, out, _ := cli(t, nil, "documents", "--db", db); !strings.Contains(out, "1 document,") {
		t.Errorf("documents after the full disk: %s", out)
	}
	for _, f := range fails {
		if f["stage"] != "store" || !strings.Contains(f["reason"].(string), "database or disk is full") {
			t.Errorf("failure %v, want stage store, the disk full", f)
		}
	}
}
