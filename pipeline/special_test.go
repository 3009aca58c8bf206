//go:build unix

package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestIngestSpecialFiles: a named pipe named beside a good file, one in a
// folder, and /dev/zero are each a recorded failure; the ingest finishes
// and the good files are stored. Opening the pipe would wait for a writer
// for ever: the test lets it go after a deadline, and fails.
func TestIngestSpecialFiles(t *testing.T) {
	st, x := setup(t)
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join(seeds, "004_371244e6fb34e273.txt"))
	if err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	for path, b := range map[string][]byte{
		filepath.Join(dir, "good.txt"):    good,
		filepath.Join(folder, "also.txt"): append(good, "\nAnother copy.\n"...),
	} {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pipe, inFolder := filepath.Join(dir, "pipe.html"), filepath.Join(folder, "pipe.txt")
	for _, p := range []string{pipe, inFolder} {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
	}
	paths := []string{pipe, filepath.Join(dir, "good.txt"), folder}
	want := map[string]string{pipe: "not a regular file: named pipe", inFolder: "not a regular file: named pipe"}
	if _, err := os.Stat("/dev/zero"); err == nil {
		paths = append(paths, "/dev/zero")
		want["/dev/zero"] = "not a regular file: character device"
	}

	type result struct {
		rep Report
		err error
	}
	done := make(chan result, 1)
	go func() {
		rep, err := Ingest(context.Background(), Config{Store: st, Extractor: x, Paths: paths, Workers: 2})
		done <- result{rep, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(60 * time.Second):
		// A reader stuck on the pipes gets an end of file from a writer
		// that closes at once.
		for _, p := range []string{pipe, inFolder} {
			if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
		}
		t.Fatal("ingest still running after 60s: it waits on a named pipe")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.rep.New != 2 || r.rep.Failed != len(want) {
		t.Errorf("report = %+v, want 2 stored and %d failed", r.rep, len(want))
	}
	fails, err := st.Failures(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(fails) != len(want) {
		t.Errorf("failures = %+v, want %d", fails, len(want))
	}
	for _, f := range fails {
		if f.Stage != StageWalk || f.Reason != want[f.Source] {
			t.Errorf("failure %+v, want stage %s, reason %q", f, StageWalk, want[f.Source])
		}
	}
}
