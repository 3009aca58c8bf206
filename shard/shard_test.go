package shard_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/shard"
)

func sample() (claimex.Document, []claimex.Claim) {
	raw := []byte("<html><title>Floods</title><p>At least 14 people were killed, officials said.</p></html>")
	sum := sha256.Sum256(raw)
	text := "Floods\n\nAt least 14 people were killed, officials said."
	doc := claimex.Document{Source: "https://news.example/floods", Hash: hex.EncodeToString(sum[:]), Format: claimex.FormatHTML,
		Title: "Floods", Published: "2024-05-02", URL: "https://news.example/floods", Lang: "en", Text: text, BodyStart: 8,
		Raw: raw, ContentType: "text/html; charset=utf-8", Analysis: []byte{1, 2, 3},
		FetchedAt: time.Date(2024, 5, 2, 8, 0, 0, 0, time.UTC)}
	c := claimex.Claim{Key: "0123456789abcdef", Kind: claimex.KindCount, Category: claimex.Killed, Value: claimex.Float(14),
		Qualifier: claimex.AtLeast, Subject: "people", Attribution: "officials", Text: "At least 14 people were killed",
		Start: 8, End: 38, SentenceStart: 8, SentenceEnd: 55, Prefix: "Floods\n\n", Suffix: ", officials said.", Rule: "count/predicate-after"}
	return doc, []claimex.Claim{c}
}

func write(t testing.TB, doc claimex.Document, claims []claimex.Claim) []byte {
	var buf bytes.Buffer
	w, err := shard.NewWriter(&buf, shard.Header{Claimex: "test", Input: "in.warc.gz", RulesName: "r.yaml", RulesHash: "abc", RulesText: "x: y"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Document(doc, claims); err != nil {
		t.Fatal(err)
	}
	if err := w.Failure("in.warc.gz#123", "read", "bad WARC record"); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRoundTrip: what a shard holds of a document comes back whole.
func TestRoundTrip(t *testing.T) {
	doc, claims := sample()
	r, err := shard.NewReader(bytes.NewReader(write(t, doc, claims)), "s.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if h := r.Header(); h.Format != shard.Format || h.RulesHash != "abc" || h.Input != "in.warc.gz" {
		t.Errorf("header %+v", h)
	}
	it, err := r.Next()
	if err != nil || it.Entry == nil || it.Line != 2 {
		t.Fatalf("first item %+v, %v", it, err)
	}
	if !reflect.DeepEqual(it.Entry.Doc, doc) {
		t.Errorf("document\n got %+v\nwant %+v", it.Entry.Doc, doc)
	}
	if !reflect.DeepEqual(it.Entry.Claims, claims) {
		t.Errorf("claims\n got %+v\nwant %+v", it.Entry.Claims, claims)
	}
	it, err = r.Next()
	if err != nil || it.Failure == nil || it.Failure.Source != "in.warc.gz#123" || it.Line != 4 {
		t.Errorf("second item %+v, %v", it, err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("end: %v", err)
	}
}

// TestLineErrors: each kind of wrong line is an error naming its line.
func TestLineErrors(t *testing.T) {
	doc, claims := sample()
	good := string(write(t, doc, claims))
	lines := strings.SplitAfter(good, "\n")
	for _, c := range []struct {
		name, from, to, want string
	}{
		{"second header", lines[3], lines[0], "s.jsonl:4: a second shard header"},
		{"claim first", lines[1], "", "s.jsonl:2: a claim with no document line before it"},
		{"offsets", `"start":8`, `"start":80`, "s.jsonl:3: claim 0123456789abcdef: offsets 80-38"},
		{"hash", `"hash":"`, `"hash":"0`, "s.jsonl:2: document"},
		{"record", `"record":"failure"`, `"record":"note"`, `s.jsonl:4: unknown record "note"`},
		{"key", `"key":"0123456789abcdef"`, `"key":"x"`, "s.jsonl:3: claim x: key"},
		{"kind", `"kind":"count"`, `"kind":"figure"`, `kind "figure"`},
		{"format", `"format":"html"`, `"format":"pdf"`, `format "pdf"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(good, c.from, c.to, 1)
			if bad == good {
				t.Fatalf("%q is not in the shard", c.from)
			}
			r, err := shard.NewReader(strings.NewReader(bad), "s.jsonl")
			for err == nil {
				_, err = r.Next()
			}
			var se *shard.Error
			if !errors.As(err, &se) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error with %q", err, c.want)
			}
		})
	}
}

// FuzzReader: whatever a shard holds, reading it ends in io.EOF or an
// error, without a panic, and a document it gives has the hash of its raw
// bytes and claims whose text is the document's at their offsets.
func FuzzReader(f *testing.F) {
	doc, claims := sample()
	f.Add(write(f, doc, claims))
	f.Add([]byte(`{"record":"shard","shard_format":1,"rules_hash":"a","rules_text":"b"}` + "\n{}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := shard.NewReader(bytes.NewReader(b), "f.jsonl")
		if err != nil {
			return
		}
		for range 1000 {
			it, err := r.Next()
			if err != nil {
				return
			}
			if e := it.Entry; e != nil {
				sum := sha256.Sum256(e.Doc.Raw)
				if hex.EncodeToString(sum[:]) != e.Doc.Hash {
					t.Fatalf("document %s with raw bytes of another hash", e.Doc.Hash)
				}
				for _, c := range e.Claims {
					if rs := []rune(e.Doc.Text); c.End > len(rs) || string(rs[c.Start:c.End]) != c.Text {
						t.Fatalf("claim %q not at %d-%d", c.Text, c.Start, c.End)
					}
				}
			}
		}
	})
}
