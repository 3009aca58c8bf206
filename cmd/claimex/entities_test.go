package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copySeeds copies the named sample articles into a new folder.
func copySeeds(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(seeds, n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// canonicalOf returns the canonical name export gives the entity mention
// with this text.
func canonicalOf(t *testing.T, env map[string]string, text string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "c.jsonl")
	if code, _, errs := cli(t, env, "export", "--kind", "entity", "-o", out); code != exitOK {
		t.Fatalf("export: %s", errs)
	}
	for _, r := range readJSONL(t, out) {
		if r["text"] == text {
			return r["canonical"].(string)
		}
	}
	t.Fatalf("no entity mention %q", text)
	return ""
}

// TestEntityCorrectionsSurvive: merges and splits a person makes hold when
// resolution runs again over new documents.
func TestEntityCorrectionsSurvive(t *testing.T) {
	env := map[string]string{envDB: testDB(t, t.TempDir(), "e.db")}
	first := copySeeds(t, "001_c3d0c4f10a557457.txt", "003_877156c012e558aa.txt", "004_371244e6fb34e273.txt")
	if code, _, errs := cli(t, env, "ingest", first); code != exitOK {
		t.Fatalf("ingest: %s", errs)
	}
	// Resolution's own view: Massimov is Masimov, and the two prosecution
	// offices are two bodies.
	if a, b := canonicalOf(t, env, "Karim Massimov"), canonicalOf(t, env, "Karim Masimov"); a != b {
		t.Fatalf("before corrections: Karim Massimov → %q, Karim Masimov → %q", a, b)
	}
	if a, b := canonicalOf(t, env, "Prosecutor’s Office"), canonicalOf(t, env, "Attorney General’s Office"); a == b {
		t.Fatalf("before corrections: both offices → %q", a)
	}

	code, out, errs := cli(t, env, "entities", "split", "Karim Massimov", "--reviewer", "ana")
	if code != exitOK || !strings.Contains(out, `split "Karim Massimov"`) {
		t.Fatalf("split: exit %d, %q %q", code, out, errs)
	}
	code, out, errs = cli(t, env, "entities", "merge", "Attorney General’s Office", "Prosecutor’s Office")
	if code != exitOK || !strings.Contains(out, "merged") {
		t.Fatalf("merge: exit %d, %q %q", code, out, errs)
	}
	check := func(when string) {
		t.Helper()
		if a, b := canonicalOf(t, env, "Karim Massimov"), canonicalOf(t, env, "Karim Masimov"); a == b {
			t.Errorf("%s: the split did not hold: both → %q", when, a)
		}
		if a, b := canonicalOf(t, env, "Prosecutor’s Office"), canonicalOf(t, env, "Attorney General’s Office"); a != b || a != "Attorney General’s Office" {
			t.Errorf("%s: the merge did not hold: %q and %q", when, a, b)
		}
	}
	check("after the corrections")

	// New documents: resolution runs again from the start.
	second := copySeeds(t, "000_f98e5ad40a96cb5c.txt", "002_47e49d6628047b86.txt")
	if code, _, errs := cli(t, env, "ingest", second); code != exitOK {
		t.Fatalf("second ingest: %s", errs)
	}
	check("after a second ingest")
	// and the new documents' names are resolved with the old ones.
	if a, b := canonicalOf(t, env, "Kassym-Shomart Tokayev"), canonicalOf(t, env, "Kasim-Yomart Tokáyev"); a != b {
		t.Errorf("Tokayev's spellings across ingests: %q and %q", a, b)
	}

	code, out, _ = cli(t, env, "entities", "--type", "person", "--name", "karim")
	if code != exitOK || !strings.Contains(out, "Karim Masimov") || !strings.Contains(out, "Karim Massimov") {
		t.Errorf("entities listing:\n%s", out)
	}
}

func TestEntityCommandErrors(t *testing.T) {
	env := map[string]string{envDB: testDB(t, t.TempDir(), "e.db")}
	if code, _, errs := cli(t, env, "ingest", copySeeds(t, "003_877156c012e558aa.txt")); code != exitOK {
		t.Fatal(errs)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"entities", "merge", "Nobody Known", "Karim Masimov"}, exitFailed, `no entity is named "Nobody Known"`},
		{[]string{"entities", "merge", "Karim Masimov", "Karim Masimov"}, exitFailed, "one name already"},
		{[]string{"entities", "merge", "Karim Masimov"}, exitUsage, "say merge NAME OTHER, or split NAME"},
		{[]string{"entities", "split"}, exitUsage, "say merge NAME OTHER, or split NAME"},
		{[]string{"entities", "--type", "animal"}, exitUsage, "--type must be"},
	}
	for _, tt := range tests {
		code, _, errs := cli(t, env, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("claimex %v: exit %d, %q; want exit %d with %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
}
