package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimex/claimex/internal/storetest"
	"github.com/claimex/claimex/internal/warctest"
	"github.com/claimex/claimex/store"
)

// bigCrawl writes 2,000 response records of pages made from the samples
// into one web archive, compressed per record, and the same pages (their
// payloads) as files in a folder. The records are as crawlers write
// them: most plain, some sent in HTTP chunks, some gzip-encoded, some
// WARC/1.0, so that a page's identity is seen to be its decoded payload.
func bigCrawl(t *testing.T, n int) (warc, dir string) {
	t.Helper()
	dir = t.TempDir()
	seeds := warctest.Seeds(t, seeds)
	day := time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC)
	records := make([]warctest.Record, 0, n)
	for i := range n {
		page := warctest.Page(seeds[i%len(seeds)], i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("page%04d.html", i)), page, 0o644); err != nil {
			t.Fatal(err)
		}
		uri := fmt.Sprintf("https://news.example/%d/story-%d", i%7, i)
		rec := warctest.Response(uri, day.Add(time.Duration(i)*time.Second), page)
		switch i % 5 {
		case 1:
			rec.Block = warctest.HTTP("text/html; charset=utf-8", warctest.Chunk(page, 700), "Transfer-Encoding: chunked")
		case 2:
			var z bytes.Buffer
			zw := gzip.NewWriter(&z)
			zw.Write(page)
			zw.Close()
			rec.Block = warctest.HTTP("text/html; charset=utf-8", z.Bytes(), "Content-Encoding: gzip")
		case 3:
			rec.Version = "1.0"
		}
		records = append(records, rec)
	}
	return warctest.Write(t, t.TempDir(), "big.warc.gz", records), dir
}

// TestIngestBigWARCSameAsFiles: claimex ingest of a web archive of 2,000
// records gives the same documents and claims, by hash and key, as
// claimex ingest of the same pages saved as files.
func TestIngestBigWARCSameAsFiles(t *testing.T) {
	const n = 2000
	warc, dir := bigCrawl(t, n)
	tmp := t.TempDir()
	contents := func(args ...string) (docs, claims []string) {
		db := filepath.Join(tmp, fmt.Sprintf("db%d.db", len(args)))
		code, out, errs := cli(t, map[string]string{envDB: db}, append([]string{"ingest"}, args...)...)
		want := fmt.Sprintf("ingested %d new documents (0 already stored, 0 failed)", n)
		if code != exitOK || errs != "" || !strings.Contains(out, want) {
			t.Fatalf("ingest %q: exit %d\nstdout %q\nstderr %q", args, code, out, errs)
		}
		st, err := store.Open(t.Context(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		return storetest.Contents(t, st)
	}
	fdocs, fclaims := contents(dir)
	wdocs, wclaims := contents("-j", "2", warc)
	if len(fdocs) != n || len(fclaims) < n {
		t.Fatalf("the files gave %d documents and %d claims", len(fdocs), len(fclaims))
	}
	if !slices.Equal(fdocs, wdocs) {
		t.Errorf("documents differ: %d from the files, %d from the archive; first missing: %q",
			len(fdocs), len(wdocs), firstMissing(fdocs, wdocs))
	}
	if !slices.Equal(fclaims, wclaims) {
		t.Errorf("claims differ: %d from the files, %d from the archive; first missing: %q",
			len(fclaims), len(wclaims), firstMissing(fclaims, wclaims))
	}
}

// firstMissing is the first of want (sorted) not in got (sorted).
func firstMissing(want, got []string) string {
	for _, w := range want {
		if _, ok := slices.BinarySearch(got, w); !ok {
			return w
		}
	}
	return ""
}
