package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/internal/pgtest"
)

// TestMain runs the store's tests on SQLite and, when
// CLAIMEX_TEST_POSTGRES names a server, on PostgreSQL.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// openTemp opens a fresh store for a test: a SQLite file, or in the run
// on PostgreSQL a database of its own.
func openTemp(t testing.TB) *Store {
	t.Helper()
	name := filepath.Join(t.TempDir(), "test.db")
	if pgtest.OnPostgres() {
		name = pgtest.NewDatabase(t)
	}
	st, err := Open(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestOpenMigratesAndConfigures(t *testing.T) {
	pgtest.SkipOnPostgres(t, "PRAGMA user_version, WAL, foreign_keys (TestOpenPostgres)")
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var version, fk int
	var mode string
	if err := st.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion() || version < 1 {
		t.Errorf("user_version = %d, want %d", version, SchemaVersion())
	}
	if err := st.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
	if err := st.db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d (%v), want 1", fk, err)
	}
	st.Close()

	// Opening again applies nothing twice.
	st, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	// A database from a newer claimex is refused, not damaged.
	if _, err := st.db.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("opening a newer schema: err = %v", err)
	}
}

func entry(t *testing.T, source, text string, claims ...claimex.Claim) Entry {
	t.Helper()
	raw := []byte("raw:" + text)
	doc := claimex.Document{Source: source, Hash: "h-" + text, Format: claimex.FormatText, Title: source, Text: text, Raw: raw}
	e, err := NewEntry(doc, claims)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// ingested stores batch as one finished ingest run of st, and returns
// what was written.
func ingested(t *testing.T, st *Store, batch ...Entry) []Written {
	t.Helper()
	ctx := context.Background()
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	written, err := st.WriteEntries(ctx, run, batch)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.FinishRun(ctx, run, claimex.RunDone, len(batch), 0, 0); err != nil {
		t.Fatal(err)
	}
	return written
}

func count(key string, cat claimex.Category, v float64, start, end, sStart, sEnd int, text string) claimex.Claim {
	return claimex.Claim{Key: key, Kind: claimex.KindCount, Category: cat, Value: claimex.Float(v),
		Qualifier: claimex.Exact, Text: text, Start: start, End: end, SentenceStart: sStart, SentenceEnd: sEnd, Rule: "test"}
}

func TestWriteAndReadClaims(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h", Text: []byte("t")})
	if err != nil {
		t.Fatal(err)
	}
	textA := "Héadline.\n\n225 people dead. Also 4,500 injured."
	batch := []Entry{
		entry(t, "a.txt", textA,
			count("k1", claimex.Killed, 225, 11, 26, 11, 27, "225 people dead"),
			count("k2", claimex.Injured, 4500, 33, 46, 28, 47, "4,500 injured"),
			claimex.Claim{Key: "k3", Kind: claimex.KindEntity, EntityType: claimex.GPE, Canonical: "Almaty", Text: "Héadline",
				Start: 0, End: 8, SentenceStart: 0, SentenceEnd: 9, Rule: "test"}),
		entry(t, "b.txt", "Other text with 3 killed.", count("k4", claimex.Killed, 3, 16, 24, 0, 25, "3 killed")),
		entry(t, "a-copy.txt", textA), // same hash as a.txt: a duplicate
	}
	written, err := st.WriteEntries(ctx, run, batch)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 3 || written[0].Duplicate || written[1].Duplicate || !written[2].Duplicate {
		t.Fatalf("written = %+v, want two stored and the copy a duplicate", written)
	}
	if ok, err := st.HasDocument(ctx, "h-"+textA); err != nil || !ok {
		t.Errorf("HasDocument(stored) = %v, %v", ok, err)
	}
	if ok, err := st.HasDocument(ctx, "nope"); err != nil || ok {
		t.Errorf("HasDocument(unknown) = %v, %v", ok, err)
	}

	var got []ClaimView
	if err := st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error { got = append(got, v); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("read %d claims, want 4", len(got))
	}
	first := got[0]
	if first.Key != "k3" || first.Sentence != "Héadline." || first.Source != "a.txt" || first.Status != claimex.Unreviewed {
		t.Errorf("first claim = %+v", first)
	}
	if got[1].Sentence != "225 people dead." || *got[1].Value != 225 || got[1].RunID != run {
		t.Errorf("second claim = %+v (sentence %q)", got[1].Claim, got[1].Sentence)
	}

	filters := []struct {
		f    ClaimFilter
		keys string
	}{
		{ClaimFilter{Kind: claimex.KindCount}, "k1 k2 k4"},
		{ClaimFilter{Category: claimex.Killed}, "k1 k4"},
		{ClaimFilter{DocumentID: written[1].ID}, "k4"},
		{ClaimFilter{Source: "b.t"}, "k4"},
		{ClaimFilter{Status: claimex.Accepted}, ""},
		{ClaimFilter{Kind: claimex.KindEntity, Status: claimex.Unreviewed}, "k3"},
	}
	for _, tt := range filters {
		var keys []string
		err := st.Claims(ctx, tt.f, func(v ClaimView) error { keys = append(keys, v.Key); return nil })
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(keys, " ") != tt.keys {
			t.Errorf("filter %+v gave %v, want %s", tt.f, keys, tt.keys)
		}
	}

	var docs []claimex.Document
	if err := st.Documents(ctx, true, func(d claimex.Document) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || string(docs[0].Raw) != "raw:"+textA || docs[0].Text != textA || docs[0].RunID != run {
		t.Errorf("documents = %+v", docs)
	}
	// A batch's entries hold their raw bytes compressed only, and the
	// size stored is that of the bytes themselves.
	if batch[0].Doc.Raw != nil {
		t.Errorf("an entry keeps its raw bytes uncompressed (%d bytes)", len(batch[0].Doc.Raw))
	}
	var rawSize int
	if err := st.db.QueryRowContext(ctx, "SELECT raw_size FROM documents WHERE source = 'a.txt'").Scan(&rawSize); err != nil {
		t.Fatal(err)
	}
	if want := len("raw:" + textA); rawSize != want {
		t.Errorf("raw_size = %d, want %d", rawSize, want)
	}
	sums, err := st.DocumentSummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 2 || sums[0].Counts != 2 || sums[0].Entities != 1 || sums[1].Counts != 1 {
		t.Errorf("summaries = %+v", sums)
	}

	if err := st.FinishRun(ctx, run, claimex.RunDone, 2, 4, 0); err != nil {
		t.Fatal(err)
	}
	runs, err := st.Runs(ctx)
	if err != nil || len(runs) != 1 || runs[0].Status != claimex.RunDone || runs[0].Claims != 4 || runs[0].FinishedAt.IsZero() {
		t.Errorf("runs = %+v, %v", runs, err)
	}
}

// TestWriteIsAtomic: a batch that fails part-way stores nothing.
func TestWriteIsAtomic(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{})
	if err != nil {
		t.Fatal(err)
	}
	bad := count("k", claimex.Killed, 1, 0, 1, 0, 1, "x")
	bad.Kind = "bogus" // violates the kind CHECK constraint
	_, err = st.WriteEntries(ctx, run, []Entry{entry(t, "good.txt", "good"), entry(t, "bad.txt", "bad", bad)})
	if err == nil {
		t.Fatal("writing an invalid claim succeeded")
	}
	if ok, _ := st.HasDocument(ctx, "h-good"); ok {
		t.Error("the good document of a failed batch was stored")
	}
}

// BenchmarkWriteEntries stores batches of 64 documents with 30 claims
// each, as the ingest writer does (on PostgreSQL in the run there:
// CLAIMEX_TEST_DIALECT=postgres).
func BenchmarkWriteEntries(b *testing.B) {
	ctx := context.Background()
	st := openTemp(b)
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h"})
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat("More than 4,500 people were injured, the health ministry said. ", 40)
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		batch := make([]Entry, 64)
		for i := range batch {
			n++
			// A page's claims as ingest writes them: mostly entity
			// mentions, a figure now and then, each with the text
			// either side.
			var claims []claimex.Claim
			for k := range 30 {
				c := count(fmt.Sprintf("k%d-%d", n, k), claimex.Injured, 4500, k*64, k*64+15, k*64, k*64+60, "4,500 were injured")
				if k%10 != 0 {
					c = claimex.Claim{Key: c.Key, Kind: claimex.KindEntity, EntityType: claimex.Org, Canonical: "Health Ministry",
						Text: "health ministry", Start: k*64 + 41, End: k*64 + 56, SentenceStart: k * 64, SentenceEnd: k*64 + 60, Rule: "test"}
				}
				c.Prefix, c.Suffix = "people were injured, the ", " said. More than 4,500 people"
				claims = append(claims, c)
			}
			doc := claimex.Document{Source: fmt.Sprint("doc", n), Hash: fmt.Sprint("h", n), Format: claimex.FormatText, Text: text, Raw: []byte(text)}
			e, err := NewEntry(doc, claims)
			if err != nil {
				b.Fatal(err)
			}
			batch[i] = e
		}
		if _, err := st.WriteEntries(ctx, run, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*64)/b.Elapsed().Seconds(), "docs/s")
}
