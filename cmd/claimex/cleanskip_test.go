package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCleanSaysWhatItSkipped: clean of a folder whose files are of no
// type it reads said nothing and printed nothing, like a folder of empty
// articles; it says what it passed over on stderr, and stays quiet when
// it read every file.
func TestCleanSaysWhatItSkipped(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"page.html.gz", "notes.docx", ".hidden.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		path, want string
	}{
		{dir, "claimex clean: 0 inputs read; skipped 3 (1 hidden, 2 of other types)"},
		{seeds, ""},
	}
	for _, tt := range tests {
		code, _, errs := cli(t, nil, "clean", tt.path)
		if code != 0 {
			t.Errorf("clean %s: exit %d: %s", tt.path, code, errs)
		}
		if got := strings.TrimSpace(errs); got != tt.want {
			t.Errorf("clean %s: stderr %q, want %q", tt.path, got, tt.want)
		}
	}
}
