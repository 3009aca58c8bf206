package claimexbeam

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/internal/storetest"
	"github.com/claimex/claimex/internal/warctest"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

// archives writes four web archives of pages made from the samples (one
// uncompressed, one with a bad record) and returns their paths.
func archives(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	seeds := warctest.Seeds(t, "../testdata/seeds")
	day := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	var out []string
	n := 0
	for f := range 4 {
		var records []warctest.Record
		for i, text := range seeds {
			if (i+f)%2 == 0 && i != f {
				continue // files of different sizes
			}
			uri := fmt.Sprintf("https://news.example/%d/%d", f, i)
			records = append(records, warctest.Response(uri, day.Add(time.Duration(n)*time.Minute), warctest.Page(text, n)))
			n++
		}
		if f == 2 {
			bad := warctest.Response("https://news.example/cut", day, warctest.Page(seeds[0], 1000))
			bad.ContentLength = len(bad.Block) - 100
			bad.Digest = false
			records = append(records, bad)
		}
		name := fmt.Sprintf("crawl-%d.warc.gz", f)
		if f == 3 {
			name = "crawl-3.warc"
		}
		out = append(out, warctest.Write(t, dir, name, records))
	}
	return out
}

func open(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestPrismThenImport runs the pipeline on Prism over four web archives,
// imports its shards, and gets the documents and claims one claimex
// ingest of the same files gets.
func TestPrismThenImport(t *testing.T) {
	ctx := context.Background()
	files := archives(t)
	out := t.TempDir()
	inputs, err := Inputs(ctx, []string{filepath.Dir(files[0])})
	if err != nil || !slices.Equal(inputs, files) {
		t.Fatalf("inputs %q, %v; want %q", inputs, err, files)
	}
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, Options{Inputs: inputs, Output: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := prism.Execute(ctx, p); err != nil {
		t.Fatalf("pipeline: %v", err)
	}

	// The manifest has a line per input; every shard is under its own name.
	var shards []string
	docs := 0
	m, err := os.Open(filepath.Join(out, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	sc := bufio.NewScanner(m)
	for sc.Scan() {
		var sum Summary
		if err := json.Unmarshal(sc.Bytes(), &sum); err != nil {
			t.Fatal(err)
		}
		if sum.Shard != ShardName(out, sum.Input) {
			t.Errorf("%s went to %s", sum.Input, sum.Shard)
		}
		shards = append(shards, sum.Shard)
		docs += sum.Documents
	}
	slices.Sort(shards)
	if len(shards) != 4 || docs == 0 {
		t.Fatalf("manifest: %d shards, %d documents", len(shards), docs)
	}
	if tmp, _ := filepath.Glob(filepath.Join(out, "*.tmp")); len(tmp) > 0 {
		t.Errorf("left behind: %q", tmp)
	}

	imported := open(t)
	rep, err := pipeline.Import(ctx, pipeline.ImportConfig{Store: imported, Shards: shards})
	if err != nil || rep.New != docs || rep.Failures != 1 || rep.Bad != 0 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	x, err := extract.New(rules.Default())
	if err != nil {
		t.Fatal(err)
	}
	ingested := open(t)
	irep, err := pipeline.Ingest(ctx, pipeline.Config{Store: ingested, Extractor: x, Paths: files})
	if err != nil || irep.New != docs {
		t.Fatalf("ingest: %+v, %v", irep, err)
	}
	idocs, iclaims := storetest.Contents(t, ingested)
	mdocs, mclaims := storetest.Contents(t, imported)
	if !slices.Equal(idocs, mdocs) || !slices.Equal(iclaims, mclaims) || len(mclaims) == 0 {
		t.Errorf("ingest: %d documents, %d claims; pipeline and import: %d documents, %d claims",
			len(idocs), len(iclaims), len(mdocs), len(mclaims))
	}
}

func TestInputs(t *testing.T) {
	ctx := context.Background()
	files := archives(t)
	dir := filepath.Dir(files[0])
	list := filepath.Join(t.TempDir(), "list.txt")
	os.WriteFile(list, []byte("# two of them\n"+files[1]+"\n\n"+filepath.Join(dir, "crawl-3.*")+"\n"), 0o644)
	for _, c := range []struct {
		in   []string
		want []string
	}{
		{[]string{dir}, files},
		{[]string{filepath.Join(dir, "*.warc.gz")}, files[:3]},
		{[]string{"@" + list, files[1]}, []string{files[1], files[3]}},
	} {
		got, err := Inputs(ctx, c.in)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("Inputs(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := Inputs(ctx, []string{filepath.Join(dir, "*.none")}); err == nil {
		t.Error("a pattern matching nothing is no error")
	}
}
