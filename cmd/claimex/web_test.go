package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestIngestAndCleanURLs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /members/\n")
		case "/news/unrest":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("ETag", `"1"`)
			if r.Header.Get("If-None-Match") == `"1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			fmt.Fprint(w, `<html><head><title>Unrest | Gazette</title><meta property="article:published_time" content="2022-01-07">`+
				`</head><body><article><h1>Unrest</h1><p>More than 4,500 people were injured, the health ministry said.</p></article></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	dir := t.TempDir()
	db := testDB(t, dir, "web.db")
	list := filepath.Join(dir, "urls.txt")
	os.WriteFile(list, []byte("# January\n"+srv.URL+"/news/unrest\n"+srv.URL+"/members/x\nnot a url\n"), 0o644)

	code, out, errs := cli(t, nil, "ingest", "--db", db, "--allow-private-addresses", "--host-interval", "1ms", "--urls", list, srv.URL+"/missing")
	if code != exitFailed {
		t.Fatalf("exit %d, want %d\n%s\n%s", code, exitFailed, out, errs)
	}
	for _, want := range []string{"urls.txt:4: not an http or https address", "/members/x: fetch: disallowed by robots.txt", "/missing: fetch: HTTP 404"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "ingested 1 new document (0 already stored, 3 failed)") || !strings.Contains(out, "fetched 1 URL, 0 unchanged") {
		t.Errorf("summary:\n%s", out)
	}
	code, out, _ = cli(t, nil, "claims", "--db", db)
	if code != exitOK || !strings.Contains(out, "4,500") {
		t.Errorf("claims (exit %d):\n%s", code, out)
	}

	// A second ingest asks the server whether the page changed.
	code, out, errs = cli(t, nil, "ingest", "--db", db, "--allow-private-addresses", "--host-interval", "1ms", srv.URL+"/news/unrest")
	if code != exitOK || !strings.Contains(out, "1 unchanged") {
		t.Errorf("re-ingest (exit %d):\n%s\n%s", code, out, errs)
	}

	// clean fetches too, with URLs from standard input.
	var stdout, stderr bytes.Buffer
	a := &app{stdin: strings.NewReader(srv.URL + "/news/unrest\n"), stdout: &stdout, stderr: &stderr,
		getenv: func(string) string { return "" }}
	if code := a.run(context.Background(), []string{"clean", "--format", "jsonl", "--allow-private-addresses", "--host-interval", "1ms", "--urls", "-"}); code != exitOK {
		t.Fatalf("clean: exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{`"source":"` + srv.URL + `/news/unrest"`, `"title":"Unrest"`, `"published":"2022-01-07"`, "4,500 people were injured"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("clean output lacks %s:\n%s", want, stdout.String())
		}
	}
}

// TestFetchGuardCommands: ingest and clean refuse a server on loopback
// unless --allow-private-addresses is given, and end a URL that takes
// too long at --url-timeout.
func TestFetchGuardCommands(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/drip" {
			http.NotFound(w, r)
			return
		}
		for { // a body that never ends, a byte at a time
			w.Write([]byte("<"))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	db := testDB(t, t.TempDir(), "web.db")
	refused := "fetch: refused 127.0.0.1: loopback address\n"
	hint := "claimex: addresses that are not public are refused; --allow-private-addresses permits them\n"
	for _, args := range [][]string{
		{"ingest", "--db", db, srv.URL + "/a", srv.URL + "/b"},
		{"clean", srv.URL + "/a", srv.URL + "/b"},
	} {
		code, out, errs := cli(t, nil, args...)
		want := "claimex: " + srv.URL + "/a: " + refused + hint + "claimex: " + srv.URL + "/b: " + refused
		if code != exitFailed || errs != want {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant:\n%s\nstdout: %s", args[0], code, errs, want, out)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the loopback server saw %d requests", n)
	}

	for _, cmd := range []string{"ingest", "clean"} {
		args := []string{cmd, "--allow-private-addresses", "--url-timeout", "300ms", srv.URL + "/drip"}
		if cmd == "ingest" {
			args = append(args, "--db", db)
		}
		code, _, errs := cli(t, nil, args...)
		want := "claimex: " + srv.URL + "/drip: fetch: over the 300ms deadline for one URL, after 1 attempt\n"
		if code != exitFailed || errs != want {
			t.Errorf("%s --url-timeout: exit %d, stderr %q, want %q", cmd, code, errs, want)
		}
	}
}

func TestConflictsCommand(t *testing.T) {
	db := testDB(t, t.TempDir(), "c.db")
	if code, _, errs := cli(t, nil, "ingest", "--db", db, seeds); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := cli(t, nil, "conflicts", "--db", db)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// The samples' disputed figures, each with its source.
	for _, want := range []string{
		"killed — people: ", "≠ 225 ", "≠ 164 ", "killed — security forces:", "≠ 19 ", "≠ 18 ", "≠ 16 ",
		"arrested — people:", "approximately 2,000", "more than 3,000", "≠ 5,800 ", "≠ 6,044 ", "more than 10,000",
		"office of the President of Kazakhstan", "004_371244e6fb34e273.txt",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("conflicts output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "demonstrators") {
		t.Errorf("an agreeing group shown without --all:\n%s", out)
	}
	_, all, _ := cli(t, nil, "conflicts", "--db", db, "--all", "--category", "killed")
	if !strings.Contains(all, "killed — demonstrators: 1 figure, figures agree") || strings.Contains(all, "arrested") {
		t.Errorf("conflicts --all --category killed:\n%s", all)
	}
}
