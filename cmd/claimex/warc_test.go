package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/internal/warctest"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/shard"
)

// crawl writes a web archive of the five samples as pages, with a record
// whose Content-Length is wrong after the second, and returns its path
// and the bad record's offset.
func crawl(t *testing.T) (string, int) {
	t.Helper()
	var records []warctest.Record
	day := time.Date(2024, 7, 1, 9, 0, 0, 0, time.UTC)
	for i, text := range warctest.Seeds(t, seeds) {
		records = append(records, warctest.Response(fmt.Sprintf("https://news.example/%d", i), day, warctest.Page(text, i)))
		if i == 1 {
			bad := warctest.Response("https://news.example/cut", day, warctest.Page(text, 50))
			bad.ContentLength = len(bad.Block) - 10
			bad.Digest = false
			records = append(records, bad)
		}
	}
	offset := len(warctest.Gzip(records[0].Bytes())) + len(warctest.Gzip(records[1].Bytes()))
	return warctest.Write(t, t.TempDir(), "crawl.warc.gz", records), offset
}

func TestIngestAndCleanWARC(t *testing.T) {
	warc, offset := crawl(t)
	env := map[string]string{envDB: testDB(t, t.TempDir(), "w.db")}
	badLine := fmt.Sprintf("claimex: %s#%d: read: bad WARC record: bytes follow the record where the next should begin: "+
		"its Content-Length is wrong\n", warc, offset)
	code, out, errs := cli(t, env, "ingest", warc)
	if code != exitFailed || errs != badLine {
		t.Errorf("ingest exit %d, stderr %q; want %q", code, errs, badLine)
	}
	for _, want := range []string{"ingested 5 new documents (0 already stored, 1 failed)\n",
		"read 1 web archive: 5 pages in 6 records (0 holding no page, 0 not HTML, 1 bad)\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("ingest stdout %q lacks %q", out, want)
		}
	}
	code, out, _ = cli(t, env, "failures")
	if code != exitOK || !strings.Contains(out, fmt.Sprintf("%s#%d", warc, offset)) {
		t.Errorf("failures: %d %q", code, out)
	}

	code, out, errs = cli(t, nil, "clean", "--format", "jsonl", warc)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitFailed || errs != strings.Replace(badLine, ": read: ", ": ", 1) || len(lines) != 5 ||
		!strings.Contains(lines[0], `"source":"https://news.example/0"`) {
		t.Errorf("clean exit %d, stderr %q, %d lines: %.200s", code, errs, len(lines), out)
	}
}

func TestImportCommand(t *testing.T) {
	warc, _ := crawl(t)
	x, err := extract.New(rules.Default())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	r := x.Rules()
	w, err := shard.NewWriter(&buf, shard.Header{Claimex: claimex.Version, Input: warc, RulesName: r.Name, RulesHash: r.Hash, RulesText: string(r.Text)})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(warc)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := pipeline.WriteShard(context.Background(), x, warc, f, 0, pipeline.Limits{}, w); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	dir := t.TempDir()
	good := filepath.Join(dir, "shard-a.jsonl")
	bad := filepath.Join(dir, "shard-b.jsonl")
	os.WriteFile(good, buf.Bytes(), 0o644)
	os.WriteFile(bad, bytes.Replace(buf.Bytes(), []byte(`"shard_format":1`), []byte(`"shard_format":7`), 1), 0o644)
	env := map[string]string{envDB: testDB(t, dir, "i.db")}

	code, out, errs := cli(t, env, "import", good)
	if code != exitOK || errs != "" || !strings.HasPrefix(out,
		"imported 1 shard (0 refused): 5 new documents, 0 already stored with the same claims, 0 with other claims; 1 failed input recorded\nstored ") {
		t.Errorf("import exit %d\nstdout %q\nstderr %q", code, out, errs)
	}
	code, out, errs = cli(t, env, "import", good, bad)
	wantErr := fmt.Sprintf("claimex: %s:1: shard format 7; this claimex reads format 1 (nothing of %s was imported)\n", bad, bad)
	if code != exitFailed || errs != wantErr ||
		out != "imported 1 shard (1 refused): 0 new documents, 5 already stored with the same claims, 0 with other claims\n" {
		t.Errorf("import again exit %d\nstdout %q\nstderr %q\nwant   %q", code, out, errs, wantErr)
	}
	if code, _, errs := cli(t, env, "import"); code != exitUsage || !strings.Contains(errs, "name at least one shard") {
		t.Errorf("import with no shard: %d %q", code, errs)
	}
}
