package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/fetch"
	"github.com/claimex/claimex/store"
)

// newsSite serves two articles with ETags, a PDF and a 404, and lets a
// test change an article.
type newsSite struct {
	*httptest.Server
	mu       sync.Mutex
	articles map[string]string
	full     int // requests answered with a body
}

func newNewsSite(t *testing.T) *newsSite {
	s := &newsSite{articles: map[string]string{
		"/flood": "At least 14 people were killed in the floods, the regional emergency service said on Tuesday.",
		"/quake": "The earthquake injured more than 300 people, according to the health ministry.",
	}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if r.URL.Path == "/report.pdf" {
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4")
			return
		}
		text, ok := s.articles[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"%x"`, len(text))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		s.full++
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>News</title></head><body><article><h1>Update</h1><p>%s</p></article></body></html>`, text)
	}))
	t.Cleanup(s.Close)
	return s
}

func TestIngestURLs(t *testing.T) {
	st, x := setup(t)
	ctx := context.Background()
	site := newNewsSite(t)
	// The test server listens on loopback, which fetching refuses by default.
	client := fetch.NewClient(fetch.Options{HostInterval: time.Millisecond, Backoff: time.Millisecond, Retries: -1,
		AllowPrivateAddresses: true})
	urls := []string{site.URL + "/flood", site.URL + "/quake", site.URL + "/gone", site.URL + "/report.pdf"}
	var failed []string
	ingest := func() Report {
		t.Helper()
		failed = nil
		rep, err := Ingest(ctx, Config{Store: st, Extractor: x, Client: client, Paths: urls,
			OnError: func(source string, err error) { failed = append(failed, source+": "+err.Error()) }})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}

	rep := ingest()
	if rep.New != 2 || rep.Fetched != 2 || rep.Failed != 2 || rep.Unchanged != 0 {
		t.Errorf("first ingest: %+v", rep)
	}
	msg := strings.Join(failed, "\n")
	if !strings.Contains(msg, "/gone: fetch: HTTP 404") || !strings.Contains(msg, "/report.pdf: fetch: application/pdf is not an article") {
		t.Errorf("failures:\n%s", msg)
	}
	var sources []string
	st.Documents(ctx, false, func(d claimex.Document) error {
		sources = append(sources, d.Source)
		if d.ContentType != "text/html; charset=utf-8" {
			t.Errorf("%s: content type %q not kept", d.Source, d.ContentType)
		}
		return nil
	})
	if strings.Join(sources, " ") != urls[0]+" "+urls[1] {
		t.Errorf("stored %v, want the two articles in list order", sources)
	}

	// Again: the server answers 304 for both; nothing is downloaded.
	full := site.full
	rep = ingest()
	if rep.New != 0 || rep.Known != 2 || rep.Unchanged != 2 || site.full != full {
		t.Errorf("second ingest: %+v; %d full downloads", rep, site.full-full)
	}

	// One article changes: it alone is downloaded and stored anew.
	site.mu.Lock()
	site.articles["/quake"] += " Rescuers pulled 12 survivors from the rubble."
	site.mu.Unlock()
	rep = ingest()
	if rep.New != 1 || rep.Unchanged != 1 || site.full != full+1 {
		t.Errorf("third ingest: %+v", rep)
	}
	f, ok, err := st.LastFetch(ctx, urls[1])
	if err != nil || !ok || f.ETag == "" {
		t.Fatalf("LastFetch = %+v, %v, %v", f, ok, err)
	}
	var found bool
	st.Claims(ctx, store.ClaimFilter{}, func(v store.ClaimView) error {
		found = found || strings.Contains(v.Sentence, "12 survivors")
		return nil
	})
	if !found {
		t.Error("the changed article's new sentence has no claims")
	}
}
