package store

import (
	"context"
	"testing"
	"time"

	"github.com/claimex/claimex"
)

func TestFetchRecords(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	const u = "https://news.example/a"
	if _, ok, err := st.LastFetch(ctx, u); ok || err != nil {
		t.Fatalf("LastFetch of a new URL: ok %v, err %v", ok, err)
	}
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h", Text: []byte("t")})
	if err != nil {
		t.Fatal(err)
	}
	e := entry(t, u, "12 killed")
	e.Doc.ContentType = "text/html; charset=windows-1251"
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	e.Fetch = &claimex.Fetch{URL: u, FinalURL: u + "/", ETag: `"v1"`, LastModified: "Fri, 02 Jan 2026 03:04:05 GMT", Hash: e.Doc.Hash, FetchedAt: at}
	if _, err := st.WriteEntries(ctx, run, []Entry{e}); err != nil {
		t.Fatal(err)
	}
	got, ok, err := st.LastFetch(ctx, u)
	if err != nil || !ok {
		t.Fatalf("LastFetch after write: ok %v, err %v", ok, err)
	}
	if got != *e.Fetch {
		t.Errorf("LastFetch = %+v, want %+v", got, *e.Fetch)
	}
	var ctype string
	st.Documents(ctx, false, func(d claimex.Document) error { ctype = d.ContentType; return nil })
	if ctype != e.Doc.ContentType {
		t.Errorf("content type = %q, want %q", ctype, e.Doc.ContentType)
	}

	// A later retrieval replaces the validators.
	next := *e.Fetch
	next.ETag, next.FetchedAt = `"v2"`, at.Add(time.Hour)
	if err := st.RecordFetches(ctx, []claimex.Fetch{next}); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := st.LastFetch(ctx, u); got.ETag != `"v2"` || !got.FetchedAt.Equal(next.FetchedAt) {
		t.Errorf("after RecordFetches: %+v", got)
	}

	// A record whose document is not stored is no reason to skip a fetch.
	orphan := claimex.Fetch{URL: u + "/gone", FinalURL: u + "/gone", ETag: `"x"`, Hash: "not-stored"}
	if err := st.RecordFetches(ctx, []claimex.Fetch{orphan}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.LastFetch(ctx, orphan.URL); ok {
		t.Error("LastFetch returned a fetch whose document is not stored")
	}
}
