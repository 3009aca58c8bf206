package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const seeds = "../../testdata/seeds"

// cli runs claimex in-process with args and the given environment.
func cli(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb, getenv: func(k string) string { return env[k] }}
	code = a.run(context.Background(), args)
	return code, out.String(), errb.String()
}

func readJSONL(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		recs = append(recs, r)
	}
	return recs
}

func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	db := testDB(t, dir, "e2e.db")
	env := map[string]string{envDB: db}

	code, out, errs := cli(t, env, "ingest", seeds)
	if code != exitOK {
		t.Fatalf("ingest exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if !strings.Contains(out, "ingested 5 new documents (0 already stored, 0 failed)") {
		t.Errorf("ingest summary: %q", out)
	}

	claims := filepath.Join(dir, "c.jsonl")
	docs := filepath.Join(dir, "d.jsonl")
	if code, _, errs := cli(t, env, "export", "--format", "jsonl", "-o", claims); code != exitOK {
		t.Fatalf("export claims: exit %d: %s", code, errs)
	}
	if code, _, errs := cli(t, env, "export", "--what", "documents", "-o", docs, "--format", "jsonl"); code != exitOK {
		t.Fatalf("export documents: exit %d: %s", code, errs)
	}

	var arrested, person bool
	for _, r := range readJSONL(t, claims) {
		src := filepath.Base(r["source"].(string))
		if src == "004_371244e6fb34e273.txt" && r["kind"] == "count" && r["category"] == "arrested" && r["value"] == 6044.0 {
			arrested = true
			if !strings.Contains(r["sentence"].(string), "6,044 people were arrested") {
				t.Errorf("6,044 arrested: sentence %q", r["sentence"])
			}
		}
		if src == "000_f98e5ad40a96cb5c.txt" && r["kind"] == "entity" && r["entity_type"] == "PERSON" && r["text"] == "Serik Shalabayev" {
			person = true
		}
	}
	if !arrested {
		t.Error("no claim of 6,044 arrested in 004_371244e6fb34e273.txt")
	}
	if !person {
		t.Error("no PERSON Serik Shalabayev in 000_f98e5ad40a96cb5c.txt")
	}

	// Every document is exported with the clean text its claims point into.
	texts := map[float64]string{}
	for _, d := range readJSONL(t, docs) {
		texts[d["id"].(float64)] = d["text"].(string)
	}
	if len(texts) != 5 {
		t.Fatalf("exported %d documents, want 5", len(texts))
	}
	for _, r := range readJSONL(t, claims) {
		runes := []rune(texts[r["document_id"].(float64)])
		start, end := int(r["start"].(float64)), int(r["end"].(float64))
		if end > len(runes) || string(runes[start:end]) != r["text"] {
			t.Errorf("claim %v: text %q is not at %d-%d of its document", r["id"], r["text"], start, end)
		}
	}

	// The claims table shows the figure as a reader writes it.
	code, out, _ = cli(t, env, "claims", "--category", "arrested", "--source", "004_")
	if code != exitOK || !strings.Contains(out, "6,044") || !strings.Contains(out, "arrested") {
		t.Errorf("claims table (exit %d):\n%s", code, out)
	}
	code, out, _ = cli(t, env, "documents")
	if code != exitOK || !strings.Contains(out, "5 documents") || !strings.Contains(out, "004_371244e6fb34e273.txt") {
		t.Errorf("documents (exit %d):\n%s", code, out)
	}

	// Ingesting again adds nothing.
	before, _ := os.ReadFile(claims)
	code, out, _ = cli(t, env, "ingest", seeds, "--db", db)
	if code != exitOK || !strings.Contains(out, "ingested 0 new documents (5 already stored, 0 failed)") {
		t.Errorf("second ingest (exit %d): %q", code, out)
	}
	again := filepath.Join(dir, "c2.jsonl")
	cli(t, env, "export", "-o", again)
	after, _ := os.ReadFile(again)
	if !bytes.Equal(before, after) {
		t.Error("a second ingest of the same folder changed the claims")
	}
}

func TestBadInputsExitOne(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	good, err := os.ReadFile(filepath.Join(seeds, "001_c3d0c4f10a557457.txt"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(in, "good.txt"), good, 0o644)
	os.WriteFile(filepath.Join(in, "garbled.txt"), []byte("\x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d 225 dead"), 0o644)
	os.WriteFile(filepath.Join(in, "photo.html"), []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), 0o644)
	os.Symlink(filepath.Join(in, "nowhere"), filepath.Join(in, "broken.txt"))

	db := testDB(t, dir, "bad.db")
	code, out, errs := cli(t, nil, "ingest", "--db", db, in)
	if code != exitFailed {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, exitFailed, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 3 {
		t.Errorf("want one stderr line per bad file, got:\n%s", errs)
	}
	for _, name := range []string{"garbled.txt", "photo.html", "broken.txt"} {
		if !strings.Contains(errs, name) {
			t.Errorf("stderr does not name %s:\n%s", name, errs)
		}
	}
	if !strings.Contains(out, "ingested 1 new document (0 already stored, 3 failed)") {
		t.Errorf("summary: %q", out)
	}
	code, out, _ = cli(t, nil, "claims", "--db", db, "--kind", "all")
	if code != exitOK || !strings.Contains(out, "4,500") {
		t.Errorf("the good file's claims are missing (exit %d):\n%s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	db := testDB(t, t.TempDir(), "u.db")
	env := map[string]string{envDB: db}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"ingest"}, "name at least one file, folder or URL"},
		{[]string{"ingest", "--nope", seeds}, "flag provided but not defined: -nope"},
		{[]string{"export", "--format", "xml"}, `unknown format "xml"`},
		{[]string{"export", "--what", "people"}, "--what must be claims, documents, entities or events"},
		{[]string{"claims", "--rule", "count/*/x"}, `--rule: rule "count/*/x": * may only end a rule name`},
		{[]string{"export", "--rule", "*x"}, `* may only end a rule name`},
		{[]string{"claims", "--kind", "x"}, "--kind must be count, entity or all"},
		{[]string{"export", "--status", "maybe"}, `unknown status "maybe"`},
		{[]string{"rules"}, "say show or check FILE"},
		{[]string{"rules", "check"}, "check takes one rules file"},
		{[]string{"export", "--since", "last week"}, "--since must be a date"},
		{[]string{"review"}, "say accept, reject, reset, edit, list or agreement"},
		{[]string{"review", "approve", "3"}, `unknown review action "approve"`},
		{[]string{"review", "accept"}, "name the id of at least one claim"},
		{[]string{"review", "accept", "x1"}, `"x1" is not a claim id`},
		{[]string{"review", "edit", "3"}, "an edit needs --value, --category or --note"},
		{[]string{"review", "edit", "3", "4", "--value", "5"}, "edit one claim at a time"},
		{[]string{"review", "edit", "3", "--value", "many"}, `--value must be a number`},
		{[]string{"review", "accept", "3", "--value", "5"}, "--value and --category are for review edit"},
		{[]string{"review", "list", "--state", "lost"}, "--state must be carried, changed or orphaned"},
		{[]string{"extract", "extra"}, `unexpected argument "extra"`},
		{[]string{"eval", "extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		code, _, errs := cli(t, env, tt.args...)
		if code != exitUsage || !strings.Contains(errs, tt.want) {
			t.Errorf("claimex %v: exit %d, stderr %q; want exit 2 mentioning %q", tt.args, code, errs, tt.want)
		}
	}
	if code, out, _ := cli(t, env); code != exitUsage || !strings.Contains(out, "usage: claimex") {
		t.Errorf("no arguments: exit %d, %q", code, out)
	}
	if code, out, _ := cli(t, env, "help"); code != exitOK || !strings.Contains(out, "ingest") {
		t.Errorf("help: exit %d, %q", code, out)
	}
}

func TestRulesCommand(t *testing.T) {
	code, out, _ := cli(t, nil, "rules", "show")
	if code != exitOK || !strings.Contains(out, "categories:") {
		t.Fatalf("rules show: exit %d", code)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte(out), 0o644)
	if code, out, errs := cli(t, nil, "rules", "check", good); code != exitOK || !strings.Contains(out, "ok") {
		t.Errorf("rules check of the default: exit %d, %q %q", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("version: 1\ncategories:\n  Kiled:\n    triggers: [dead]\nqualifiers: {}\n"), 0o644)
	code, _, errs := cli(t, nil, "rules", "check", bad)
	if code != exitFailed || !strings.Contains(errs, bad+":3: bad category name \"Kiled\"") {
		t.Errorf("rules check of a bad file: exit %d, %q", code, errs)
	}
	// --rules on ingest uses the file, and a bad file stops the ingest.
	db := testDB(t, dir, "r.db")
	if code, _, errs := cli(t, nil, "ingest", "--db", db, "--rules", bad, seeds); code != exitFailed || !strings.Contains(errs, "Kiled") {
		t.Errorf("ingest with bad rules: exit %d, %q", code, errs)
	}
}
