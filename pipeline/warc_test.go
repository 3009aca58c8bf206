package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/fetch"
	"github.com/claimex/claimex/internal/storetest"
	"github.com/claimex/claimex/internal/warctest"
	"github.com/claimex/claimex/store"
)

// archived makes pages of the samples (two of each), the same pages as
// files in a folder, and the records of a web archive holding them with
// a request before each page, an image and a record with a wrong
// Content-Length.
func archived(t *testing.T) (dir string, records []warctest.Record, dates map[string]time.Time) {
	t.Helper()
	dir = t.TempDir()
	dates = map[string]time.Time{}
	day := time.Date(2024, 5, 2, 8, 0, 0, 0, time.UTC)
	for i, text := range slices.Repeat(warctest.Seeds(t, seeds), 2) {
		page := warctest.Page(text, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("page%02d.html", i)), page, 0o644); err != nil {
			t.Fatal(err)
		}
		uri := fmt.Sprintf("https://news.example/story/%d", i)
		dates[uri] = day.Add(time.Duration(i) * time.Hour)
		records = append(records,
			warctest.Record{Type: "request", URI: uri, Block: []byte("GET /story HTTP/1.1\r\nHost: news.example\r\n\r\n")},
			warctest.Response(uri, dates[uri], page))
		if i == 3 {
			bad := warctest.Response("https://news.example/cut", day, warctest.Page(text, 99))
			bad.ContentLength = len(bad.Block) / 2
			bad.Digest = false
			records = append(records, bad,
				warctest.Record{URI: "https://news.example/logo.png", Block: warctest.HTTP("image/png", []byte("\x89PNG"))})
		}
	}
	return dir, records, dates
}

func contents(t *testing.T, st *store.Store) (docs, claims []string) {
	return storetest.Contents(t, st)
}

// TestIngestWARCSameAsFiles: the pages of a web archive are the same
// documents, with the same claims, as the same pages saved as files; the
// archive's bad record is a failure at its offset; the WARC-Date is kept.
func TestIngestWARCSameAsFiles(t *testing.T) {
	ctx := context.Background()
	dir, records, dates := archived(t)
	warc := warctest.Write(t, t.TempDir(), "crawl.warc.gz", records)

	files, x := setup(t)
	frep, err := Ingest(ctx, Config{Store: files, Extractor: x, Paths: []string{dir}})
	if err != nil || frep.New != 10 || frep.Failed != 0 {
		t.Fatalf("ingest of the files: %+v, %v", frep, err)
	}
	archive, _ := setup(t)
	var failed []string
	ingest := func() Report {
		failed = nil
		rep, err := Ingest(ctx, Config{Store: archive, Extractor: x, Paths: []string{warc}, Workers: 2, BatchSize: 3,
			OnError: func(source string, err error) { failed = append(failed, source+": "+err.Error()) }})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	rep := ingest()
	wantTally := rep.WARC
	wantTally.Archives, wantTally.Records, wantTally.Pages, wantTally.Other, wantTally.NotHTML, wantTally.Bad = 1, 22, 10, 10, 1, 1
	if rep.New != 10 || rep.Failed != 1 || rep.WARC != wantTally {
		t.Errorf("ingest of the archive: %+v", rep)
	}
	if len(failed) != 1 || !strings.HasPrefix(failed[0], warc+"#") || !strings.Contains(failed[0], "Content-Length is wrong") {
		t.Errorf("failures: %q", failed)
	}
	fs, err := archive.Failures(ctx)
	if err != nil || len(fs) != 1 || fs[0].Source != strings.SplitN(failed[0], ": ", 2)[0] || fs[0].Stage != StageRead {
		t.Errorf("recorded failures: %+v, %v", fs, err)
	}

	fdocs, fclaims := contents(t, files)
	wdocs, wclaims := contents(t, archive)
	if !slices.Equal(fdocs, wdocs) {
		t.Errorf("documents differ:\nfiles   %q\narchive %q", fdocs, wdocs)
	}
	if !slices.Equal(fclaims, wclaims) || len(wclaims) == 0 {
		t.Errorf("claims differ: %d from the files, %d from the archive", len(fclaims), len(wclaims))
	}
	err = archive.Documents(ctx, false, func(d claimex.Document) error {
		if want := dates[d.Source]; !d.FetchedAt.Equal(want) {
			t.Errorf("%s: fetched at %v, want the WARC-Date %v", d.Source, d.FetchedAt, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	again := ingest()
	if again.New != 0 || again.Known != 10 || again.Failed != 1 {
		t.Errorf("second ingest of the archive: %+v", again)
	}
}

// TestIngestWARCURL fetches an archive named by a URL ending in
// .warc.gz and reads it as one.
func TestIngestWARCURL(t *testing.T) {
	ctx := context.Background()
	_, records, _ := archived(t)
	body := warctest.File(records, true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/crawl.warc.gz" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/warc")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	client := fetch.NewClient(fetch.Options{HostInterval: time.Millisecond, Backoff: time.Millisecond, Retries: -1,
		AllowPrivateAddresses: true})
	st, x := setup(t)
	var failed []string
	rep, err := Ingest(ctx, Config{Store: st, Extractor: x, Client: client,
		Paths:   []string{srv.URL + "/crawl.warc.gz", srv.URL + "/missing.warc.gz"},
		OnError: func(source string, err error) { failed = append(failed, source+": "+err.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 10 || rep.Failed != 2 || rep.WARC.Pages != 10 {
		t.Errorf("report %+v", rep)
	}
	slices.Sort(failed)
	if len(failed) != 2 || !strings.HasPrefix(failed[0], srv.URL+"/crawl.warc.gz#") ||
		!strings.HasPrefix(failed[1], srv.URL+"/missing.warc.gz: fetch: HTTP 404") {
		t.Errorf("failures %q", failed)
	}
}
