package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/internal/warctest"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/shard"
	"github.com/claimex/claimex/store"
)

// writeShards makes a shard of each input file with x, as the Beam
// pipeline does, and returns their paths.
func writeShards(t *testing.T, x *extract.Extractor, inputs []string) []string {
	t.Helper()
	dir := t.TempDir()
	var out []string
	for i, in := range inputs {
		f, err := os.Open(in)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		r := x.Rules()
		w, err := shard.NewWriter(&buf, shard.Header{Claimex: claimex.Version, Input: in, RulesName: r.Name, RulesHash: r.Hash,
			RulesText: string(r.Text)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := WriteShard(context.Background(), x, in, f, 0, Limits{}, w); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, fmt.Sprintf("shard-%d.jsonl", i))
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, name)
	}
	return out
}

// corpusFiles splits the archived pages into two web archives (one
// compressed per record, one not) and a page saved as a file.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	dir, records, _ := archived(t)
	out := t.TempDir()
	one := warctest.Write(t, out, "one.warc.gz", records[:len(records)/2])
	two := warctest.Write(t, out, "two.warc", records[len(records)/2:])
	page := filepath.Join(out, "extra.html")
	b, err := os.ReadFile(filepath.Join(dir, "page00.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(b, []byte("<!-- saved again -->")...), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{one, two, page}
}

func doImport(t *testing.T, st *store.Store, shards []string) (ImportReport, []string) {
	t.Helper()
	var bad []string
	rep, err := Import(context.Background(), ImportConfig{Store: st, Shards: shards, BatchSize: 4,
		OnError: func(name string, err error) { bad = append(bad, err.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	return rep, bad
}

// TestImportSameAsIngest: shards of the input files, imported, give the
// documents and claims one ingest of the files gives; importing again
// changes nothing.
func TestImportSameAsIngest(t *testing.T) {
	ctx := context.Background()
	inputs := corpusFiles(t)
	ingested, x := setup(t)
	if _, err := Ingest(ctx, Config{Store: ingested, Extractor: x, Paths: inputs}); err != nil {
		t.Fatal(err)
	}
	shards := writeShards(t, x, inputs)
	imported, _ := setup(t)
	rep, bad := doImport(t, imported, shards)
	if rep.New != 11 || rep.Shards != 3 || rep.Failures != 1 || len(bad) != 0 || rep.IngestRun == 0 || rep.Replaced.RunID != 0 ||
		rep.Entities == 0 {
		t.Errorf("import: %+v, %q", rep, bad)
	}
	idocs, iclaims := contents(t, ingested)
	mdocs, mclaims := contents(t, imported)
	if !slices.Equal(idocs, mdocs) || !slices.Equal(iclaims, mclaims) || len(mclaims) == 0 {
		t.Errorf("ingest: %d documents, %d claims; import: %d documents, %d claims", len(idocs), len(iclaims), len(mdocs), len(mclaims))
	}
	// The documents are grouped into events as an ingest groups them.
	if ie, me := eventSources(t, ingested), eventSources(t, imported); !slices.Equal(ie, me) || len(me) == 0 || rep.Events != len(me) {
		t.Errorf("events: ingest %q, import %q (report: %d)", ie, me, rep.Events)
	}
	// What a stored document keeps comes through: raw bytes, format,
	// content type, fetch time, analysis.
	want := map[string]claimex.Document{}
	ingested.Documents(ctx, true, func(d claimex.Document) error { want[d.Hash] = d; return nil })
	imported.Documents(ctx, true, func(d claimex.Document) error {
		w := want[d.Hash]
		if !bytes.Equal(d.Raw, w.Raw) || d.Format != w.Format || d.ContentType != w.ContentType || !d.FetchedAt.Equal(w.FetchedAt) ||
			d.BodyStart != w.BodyStart || d.Source != w.Source || d.Title != w.Title {
			t.Errorf("%s: imported %+v", d.Source, d)
		}
		return nil
	})
	fs, _ := imported.Failures(ctx)
	if len(fs) != 1 || !strings.Contains(fs[0].Source, "one.warc.gz#") {
		t.Errorf("failures %+v", fs)
	}
	_, _, runs := totals(t, imported)
	again, _ := doImport(t, imported, shards)
	if again.New != 0 || again.Same != 11 || again.Failures != 0 || again.IngestRun != 0 || again.Replaced.RunID != 0 {
		t.Errorf("second import: %+v", again)
	}
	adocs, aclaims := contents(t, imported)
	_, _, runsAfter := totals(t, imported)
	if !slices.Equal(adocs, mdocs) || !slices.Equal(aclaims, mclaims) || runsAfter != runs {
		t.Errorf("a second import changed the database: %d runs, then %d", runs, runsAfter)
	}
}

// TestImportReviewsAsReextraction: reviews made before an import of
// shards extracted with other rules stand as they stand after a
// re-extraction with those rules.
func TestImportReviewsAsReextraction(t *testing.T) {
	ctx := context.Background()
	inputs := corpusFiles(t)
	other, err := rules.Parse("no-protested.yaml", bytes.Replace(rules.Default().Text, []byte("protested, "), nil, 1))
	if err != nil {
		t.Fatal(err)
	}
	x2, err := extract.New(other)
	if err != nil {
		t.Fatal(err)
	}
	reviewed := func() *store.Store {
		st, x := setup(t)
		if _, err := Ingest(ctx, Config{Store: st, Extractor: x, Paths: inputs}); err != nil {
			t.Fatal(err)
		}
		// Accept every count claim: the one "protested" gave is orphaned
		// by the other rules, the rest are carried.
		var ids []int64
		st.Claims(ctx, store.ClaimFilter{Kind: claimex.KindCount}, func(v store.ClaimView) error {
			ids = append(ids, v.ID)
			return nil
		})
		for _, id := range ids {
			if _, err := st.Decide(ctx, store.Decision{ClaimID: id, Action: claimex.Accepted, Reviewer: "t"}); err != nil {
				t.Fatal(err)
			}
		}
		return st
	}
	reextracted := reviewed()
	xrep, err := Reextract(ctx, ExtractConfig{Store: reextracted, Extractor: x2})
	if err != nil {
		t.Fatal(err)
	}
	imported := reviewed()
	rep, _ := doImport(t, imported, writeShards(t, x2, inputs))
	if rep.New != 0 || rep.Replaced.RunID == 0 {
		t.Fatalf("import: %+v", rep)
	}
	if got, want := rep.Replaced.Diff.Reviews, xrep.Diff.Reviews; fmt.Sprint(got) != fmt.Sprint(want) ||
		want[store.ReviewOrphaned] == 0 || want[store.ReviewCarried] == 0 {
		t.Errorf("reviews after import %v, after re-extraction %v", got, want)
	}
	_, rclaims := contents(t, reextracted)
	_, mclaims := contents(t, imported)
	if !slices.Equal(rclaims, mclaims) {
		t.Errorf("claims differ: %d after re-extraction, %d after import", len(rclaims), len(mclaims))
	}
	cur, ok, err := imported.CurrentRules(ctx)
	if err != nil || !ok || cur.Hash != other.Hash {
		t.Errorf("current rules %s, want the shards' %s (%v)", cur.Hash, other.Hash, err)
	}
}

// TestImportBadShards: a shard that is not what the format says is
// refused whole, with its file and line; the others are imported.
func TestImportBadShards(t *testing.T) {
	inputs := corpusFiles(t)
	_, x := setup(t)
	shards := writeShards(t, x, inputs)
	good, err := os.ReadFile(shards[0])
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(good), "\n")
	claimLine := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, `{"record":"claim"`) })
	edit := func(name string, f func([]string) []string) string {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte(strings.Join(f(slices.Clone(lines)), "")), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, c := range []struct {
		name, want string
		shard      string
	}{
		{"newer format", "newer.jsonl:1: shard format 2; this claimex reads format 1",
			edit("newer.jsonl", func(l []string) []string {
				l[0] = strings.Replace(l[0], `"shard_format":1`, `"shard_format":2`, 1)
				return l
			})},
		{"no header", "noheader.jsonl:1: not a claimex shard", edit("noheader.jsonl", func(l []string) []string { return l[1:] })},
		{"claim text", fmt.Sprintf("claimtext.jsonl:%d: claim", claimLine+1), edit("claimtext.jsonl", func(l []string) []string {
			l[claimLine] = strings.Replace(l[claimLine], `"text":"`, `"text":"X`, 1)
			return l
		})},
		{"not JSON", "notjson.jsonl:3: not a JSON object", edit("notjson.jsonl", func(l []string) []string {
			return slices.Insert(l, 2, "{oops\n")
		})},
		{"unknown field", "unknown.jsonl:2: document: json: unknown field", edit("unknown.jsonl", func(l []string) []string {
			l[1] = strings.Replace(l[1], `{"record":"document"`, `{"record":"document","colour":"red"`, 1)
			return l
		})},
		{"raw damaged", "raw.jsonl:2: document", edit("raw.jsonl", func(l []string) []string {
			l[1] = strings.Replace(l[1], `"raw_size":`, `"raw_size":1`, 1)
			return l
		})},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, _ := setup(t)
			rep, bad := doImport(t, st, []string{c.shard, shards[2]})
			if len(bad) != 1 || !strings.Contains(bad[0], c.want) {
				t.Errorf("errors %q, want one with %q", bad, c.want)
			}
			if rep.Bad != 1 || rep.Shards != 1 || rep.New != 1 {
				t.Errorf("report %+v", rep)
			}
		})
	}
	t.Run("other rules", func(t *testing.T) {
		st, _ := setup(t)
		other := edit("other.jsonl", func(l []string) []string {
			l[0] = strings.Replace(l[0], `"rules_hash":"`, `"rules_hash":"0`, 1)
			return l
		})
		_, err := Import(context.Background(), ImportConfig{Store: st, Shards: []string{shards[0], other}})
		if err == nil || !strings.Contains(err.Error(), "different rules") {
			t.Errorf("got %v", err)
		}
		var se *shard.Error
		if errors.As(err, &se) {
			t.Errorf("a rules mismatch is not a line's error: %v", err)
		}
	})
}

// eventSources lists each event's sources, joined, in order.
func eventSources(t *testing.T, st *store.Store) []string {
	t.Helper()
	evs, err := st.Events(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		srcs := slices.Clone(e.Sources)
		slices.Sort(srcs)
		out = append(out, strings.Join(srcs, " "))
	}
	slices.Sort(out)
	return out
}
