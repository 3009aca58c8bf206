//go:build unix

package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes a named pipe at path; nobody writes to it.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
}

// TestWalkSpecialFiles: a named pipe or a device named directly, or a
// pipe with an article's extension in a folder, is a problem of its own
// and the walk goes on; a pipe with another extension is skipped as
// other files are.
func TestWalkSpecialFiles(t *testing.T) {
	root := tree(t, map[string]string{"in/a.txt": "a", "good.txt": "g"})
	mkfifo(t, filepath.Join(root, "in", "pipe.txt"))
	mkfifo(t, filepath.Join(root, "in", "pipe.fifo"))
	mkfifo(t, filepath.Join(root, "named.html"))
	paths := []string{filepath.Join(root, "named.html"), filepath.Join(root, "good.txt"), filepath.Join(root, "in")}
	want := map[string]string{
		filepath.Join(root, "named.html"):     "not a regular file: named pipe",
		filepath.Join(root, "in", "pipe.txt"): "not a regular file: named pipe",
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		paths = append(paths, "/dev/zero")
		want["/dev/zero"] = "not a regular file: character device"
	}
	items, tally, problems := walkAll(t, paths...)
	if len(items) != 2 || filepath.Base(items[0].Path) != "good.txt" || filepath.Base(items[1].Path) != "a.txt" {
		t.Errorf("items = %+v, want good.txt and in/a.txt", items)
	}
	if tally.Other != 1 {
		t.Errorf("tally = %+v, want the pipe without an article's extension skipped", tally)
	}
	if len(problems) != len(want) {
		t.Errorf("problems = %v, want %d", problems, len(want))
	}
	for _, p := range problems {
		var nr *NotRegularError
		if !errors.As(p.err, &nr) || p.err.Error() != want[p.path] {
			t.Errorf("problem of %s = %v, want %q", p.path, p.err, want[p.path])
		}
	}
}

// TestReadSpecialFiles: Read refuses what is not a regular file at once,
// where opening a named pipe would wait for a writer for ever and
// /dev/zero would give zeros for ever.
func TestReadSpecialFiles(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "pipe.html")
	mkfifo(t, pipe)
	tests := []struct{ path, want string }{
		{pipe, "not a regular file: named pipe"},
		{"/dev/zero", "not a regular file: character device"},
	}
	for _, tt := range tests {
		if _, err := os.Stat(tt.path); err != nil {
			t.Logf("skipping %s: %v", tt.path, err)
			continue
		}
		done := make(chan error, 1)
		go func() {
			_, err := Read(Item{Path: tt.path}, 0)
			done <- err
		}()
		select {
		case err := <-done:
			var nr *NotRegularError
			if !errors.As(err, &nr) || err.Error() != tt.want {
				t.Errorf("Read(%s) error = %v, want %q", tt.path, err, tt.want)
			}
		case <-time.After(30 * time.Second):
			// Let a read stuck on the pipe go: a writer that closes at
			// once gives it an end of file.
			if w, err := os.OpenFile(pipe, os.O_WRONLY, 0); err == nil {
				w.Close()
			}
			t.Fatalf("Read(%s) still waiting after 30s", tt.path)
		}
	}
}
