package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixture stores two documents with a count claim, a range, a vague
// amount and an entity, all with fixed values, so exports are stable.
func fixture(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	run, err := st.BeginRun(ctx, claimex.RunIngest, store.RunRules{Name: "default.yaml", Hash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	textA := "Kazakhstan riots\n\nMore than 4,500 were injured, said Serik Shalabayev. Between 20 and 30 died in “Almaty”."
	textB := "Thousands of people were arrested, the police said, in a text with \"quotes\", commas\nand lines."
	docA := claimex.Document{Source: "seeds/a.txt", Hash: "aaa", Format: claimex.FormatText, Title: "Kazakhstan riots",
		Published: "2022-01-07", Text: textA, Raw: []byte(textA)}
	// Document B's title starts like a spreadsheet formula, and its date is
	// in a form older databases hold.
	docB := claimex.Document{Source: "https://news.example/b", Hash: "bbb", Format: claimex.FormatHTML,
		Title: `=HYPERLINK("http://evil.example/","Arrests")`, Published: "Fri, 07 Jan 2022 10:15:00 +0100", Text: textB, Raw: []byte(textB)}
	claimsA := []claimex.Claim{
		{Key: "k-injured", Kind: claimex.KindCount, Category: claimex.Injured, Value: claimex.Float(4500), Qualifier: claimex.MoreThan,
			Subject: "people", Attribution: "Serik Shalabayev", Text: "More than 4,500 were injured", Start: 18, End: 46,
			SentenceStart: 18, SentenceEnd: 70, Prefix: "Kazakhstan riots\n\n", Suffix: ", said Serik Shalabayev. Between", Rule: "count/trigger-after"},
		{Key: "k-person", Kind: claimex.KindEntity, EntityType: claimex.Person, Canonical: "Serik Shalabayev", Role: "prosecutor", Text: "Serik Shalabayev",
			Start: 53, End: 69, SentenceStart: 18, SentenceEnd: 70, Prefix: "e than 4,500 were injured, said ", Suffix: ". Between 20 and 30 died in “Alm", Rule: "entity/prose-ner"},
		{Key: "k-range", Kind: claimex.KindCount, Category: claimex.Killed, Value: claimex.Float(20), ValueMax: claimex.Float(30),
			Qualifier: claimex.Range, Location: "Almaty", Text: "Between 20 and 30 died", Start: 71, End: 93, SentenceStart: 71, SentenceEnd: 106,
			Prefix: "injured, said Serik Shalabayev. ", Suffix: " in “Almaty”.", Rule: "count/trigger-after"},
	}
	claimsB := []claimex.Claim{
		{Key: "k-vague", Kind: claimex.KindCount, Category: claimex.Arrested, Vague: "thousands", Qualifier: claimex.Approximately,
			Subject: "people", Attribution: "the police", Text: "Thousands of people were arrested", Start: 0, End: 33,
			SentenceStart: 0, SentenceEnd: 83, Suffix: ", the police said, in a text wit", Rule: "count/trigger-after"},
	}
	var batch []store.Entry
	for _, e := range []struct {
		d claimex.Document
		c []claimex.Claim
	}{{docA, claimsA}, {docB, claimsB}} {
		entry, err := store.NewEntry(e.d, e.c)
		if err != nil {
			t.Fatal(err)
		}
		batch = append(batch, entry)
	}
	if _, err := st.WriteEntries(ctx, run, batch); err != nil {
		t.Fatal(err)
	}
	// Decisions at a fixed time: one accepted, one edited, one rejected.
	st.SetClock(func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) })
	ids := map[string]int64{}
	st.Claims(ctx, store.ClaimFilter{}, func(v store.ClaimView) error { ids[v.Key] = v.ID; return nil })
	for _, d := range []store.Decision{
		{ClaimID: ids["k-injured"], Action: claimex.Accepted, Reviewer: "ana", Note: "+1, matches the ministry's figure"},
		{ClaimID: ids["k-range"], Action: claimex.Edited, Reviewer: "ben", Value: claimex.Float(25), Category: claimex.Casualties},
		{ClaimID: ids["k-person"], Action: claimex.Rejected, Reviewer: "ana"},
	} {
		if _, err := st.Decide(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it); got:\n%s", path, got)
	}
}

func TestGolden(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	for _, f := range Formats {
		var buf bytes.Buffer
		n, err := Claims(ctx, st, store.ClaimFilter{}, f, &buf)
		if err != nil || n != 4 {
			t.Fatalf("%s claims: %d, %v", f, n, err)
		}
		golden(t, "claims."+string(f), buf.Bytes())
		buf.Reset()
		n, err = Documents(ctx, st, f, &buf)
		if err != nil || n != 2 {
			t.Fatalf("%s documents: %d, %v", f, n, err)
		}
		golden(t, "documents."+string(f), buf.Bytes())
		buf.Reset()
		n, err = Entities(ctx, st, f, &buf)
		if err != nil || n != 1 {
			t.Fatalf("%s entities: %d, %v", f, n, err)
		}
		golden(t, "entities."+string(f), buf.Bytes())
	}
	// CSV as it is stored, for Excel.
	for name, write := range map[string]func(*bytes.Buffer) (int, error){
		"claims.keep-bom.csv": func(b *bytes.Buffer) (int, error) {
			return Claims(ctx, st, store.ClaimFilter{}, CSV, b, KeepFormulas(), BOM())
		},
		"documents.keep-bom.csv": func(b *bytes.Buffer) (int, error) { return Documents(ctx, st, CSV, b, KeepFormulas(), BOM()) },
	} {
		var buf bytes.Buffer
		if _, err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		golden(t, name, buf.Bytes())
	}
}

// TestParses checks that every format parses as what it claims to be,
// with one record (or node) per claim.
func TestParses(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	var buf bytes.Buffer
	if _, err := Claims(ctx, st, store.ClaimFilter{}, JSON, &buf); err != nil {
		t.Fatal(err)
	}
	var arr []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &arr); err != nil || len(arr) != 4 {
		t.Fatalf("json: %d records, %v", len(arr), err)
	}
	buf.Reset()
	if _, err := Claims(ctx, st, store.ClaimFilter{Status: claimex.Unreviewed}, JSON, &buf); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &arr); err != nil || len(arr) != 1 {
		t.Fatalf("json of unreviewed claims: %d records, %v", len(arr), err)
	}
	buf.Reset()
	if _, err := Claims(ctx, st, store.ClaimFilter{Status: "nothing"}, JSON, &buf); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &arr); err != nil || len(arr) != 0 {
		t.Fatalf("empty json export: %q, %v", buf.String(), err)
	}

	buf.Reset()
	if _, err := Claims(ctx, st, store.ClaimFilter{}, JSONLD, &buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Context map[string]any   `json:"@context"`
		Graph   []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("jsonld does not parse: %v", err)
	}
	types := map[string]int{}
	for _, n := range doc.Graph {
		types[n["@type"].(string)]++
	}
	// Four claims; three verdicts (accepted, edited, rejected).
	if types["Claim"] != 4 || types["ClaimReview"] != 3 || doc.Context["@vocab"] != "https://schema.org/" {
		t.Errorf("jsonld graph types = %v, context %v", types, doc.Context)
	}
	for _, n := range doc.Graph {
		if n["@type"] != "Claim" {
			continue
		}
		sel := n["appearance"].(map[string]any)["oa:hasSelector"].(map[string]any)
		if sel["oa:exact"] != n["name"] || sel["@type"] != "oa:TextQuoteSelector" {
			t.Errorf("claim %v: selector %v", n["@id"], sel)
		}
	}
}

func TestSince(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	for since, want := range map[string]int{"2000-01-01": 4, "2999-01-01": 0} {
		n, err := Claims(ctx, st, store.ClaimFilter{Since: since}, JSONL, &bytes.Buffer{})
		if err != nil || n != want {
			t.Errorf("since %s: %d claims (%v), want %d", since, n, err, want)
		}
	}
}

// TestContract checks the export contract of DESIGN.md field by field:
// every field present, under its name, with null where nothing applies.
func TestContract(t *testing.T) {
	st := fixture(t)
	var buf bytes.Buffer
	if _, err := Claims(context.Background(), st, store.ClaimFilter{}, JSONL, &buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	for _, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		for _, field := range claimColumns.names {
			if _, ok := rec[field]; !ok {
				t.Errorf("record %s lacks field %q", rec["key"], field)
			}
		}
		switch rec["kind"] {
		case "count":
			if rec["entity_type"] != nil || rec["canonical"] != nil || rec["category"] == nil {
				t.Errorf("count record %s: entity fields set or category missing: %v", rec["key"], rec)
			}
		case "entity":
			if rec["category"] != nil || rec["value"] != nil || rec["qualifier"] != nil || rec["entity_type"] != "PERSON" {
				t.Errorf("entity record %s has count fields: %v", rec["key"], rec)
			}
		}
		if rec["key"] == "k-vague" && (rec["value"] != nil || rec["vague"] != "thousands") {
			t.Errorf("vague record: value %v vague %v", rec["value"], rec["vague"])
		}
		if rec["key"] == "k-range" && (rec["value"] != 20.0 || rec["value_max"] != 30.0) {
			t.Errorf("range record: %v-%v", rec["value"], rec["value_max"])
		}
		wantStatus := map[any]string{"k-injured": "accepted", "k-person": "rejected", "k-range": "edited", "k-vague": "unreviewed"}
		if rec["status"] != wantStatus[rec["key"]] || rec["run"] != 1.0 {
			t.Errorf("record %s: status %v run %v", rec["key"], rec["status"], rec["run"])
		}
		if rec["key"] == "k-range" && (rec["reviewed_value"] != 25.0 || rec["reviewed_category"] != "casualties" ||
			rec["value"] != 20.0 || rec["reviewer"] != "ben" || rec["reviewed_at"] == nil) {
			t.Errorf("edited record keeps the original beside the correction: %v", rec)
		}
	}

	buf.Reset()
	if _, err := Claims(context.Background(), st, store.ClaimFilter{}, CSV, &buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if len(rows) != len(lines)+1 || strings.Join(rows[0], ",") != strings.Join(claimColumns.names, ",") {
		t.Errorf("CSV has %d rows and header %v", len(rows), rows[0])
	}
	for _, row := range rows[1:] {
		if len(row) != len(claimColumns.names) {
			t.Errorf("CSV row has %d fields, want %d", len(row), len(claimColumns.names))
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	st := fixture(t)
	if _, err := Claims(context.Background(), st, store.ClaimFilter{}, "xml", &bytes.Buffer{}); err == nil {
		t.Error("exporting as xml succeeded")
	}
}
