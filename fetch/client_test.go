package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// site is a test server that counts the requests to each path and keeps
// their times and headers.
type site struct {
	*httptest.Server
	mu    sync.Mutex
	hits  map[string]int
	times map[string][]time.Time
	last  map[string]http.Header
}

func newSite(t *testing.T, routes map[string]http.HandlerFunc) *site {
	t.Helper()
	s := &site{hits: map[string]int{}, times: map[string][]time.Time{}, last: map[string]http.Header{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.times[r.URL.Path] = append(s.times[r.URL.Path], time.Now())
		s.last[r.URL.Path] = r.Header.Clone()
		s.mu.Unlock()
		if h, ok := routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func page(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
}

// fast are client options scaled down so the suite runs in moments. The
// timeout of a request stays generous (a loaded machine under -race may
// be slow to answer even on loopback); a test of timeouts sets its own.
// The test servers listen on loopback, which the client refuses unless
// told otherwise.
func fast() Options {
	return Options{Timeout: 20 * time.Second, Backoff: time.Millisecond, HostInterval: time.Millisecond,
		MaxWait: 2 * time.Second, Retries: 2, AllowPrivateAddresses: true}
}

func TestGetPage(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{"/a": func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Fri, 07 Jan 2022 10:00:00 GMT")
		fmt.Fprint(w, "<p>225 dead</p>")
	}})
	resp, err := NewClient(fast()).Get(context.Background(), s.URL+"/a", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "<p>225 dead</p>" || resp.Status != 200 || resp.ContentType != "text/html; charset=windows-1251" ||
		resp.ETag != `"v1"` || resp.LastModified != "Fri, 07 Jan 2022 10:00:00 GMT" || resp.URL != s.URL+"/a" {
		t.Errorf("response = %+v", resp)
	}
	if ua := s.last["/a"].Get("User-Agent"); !strings.HasPrefix(ua, "claimex/") {
		t.Errorf("User-Agent = %q, want one naming claimex", ua)
	}
	if s.count("/robots.txt") != 1 {
		t.Errorf("robots.txt read %d times, want once", s.count("/robots.txt"))
	}
}

func TestGetFailures(t *testing.T) {
	block := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	}
	var flaky atomic.Int32
	routes := map[string]http.HandlerFunc{
		"/slow": block,
		"/big": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "4096")
			w.Write(make([]byte, 4096))
		},
		"/big-chunked": func(w http.ResponseWriter, r *http.Request) {
			for range 8 {
				w.Write(make([]byte, 512))
				w.(http.Flusher).Flush()
			}
		},
		"/loop-a": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b", http.StatusFound) },
		"/loop-b": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a", http.StatusFound) },
		"/hop/": func(w http.ResponseWriter, r *http.Request) {
			var n int
			fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
			if n == 0 {
				page("<p>arrived</p>")(w, r)
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusMovedPermanently)
		},
		"/down": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusInternalServerError) },
		"/flaky": func(w http.ResponseWriter, r *http.Request) {
			if flaky.Add(1) < 3 {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			page("<p>back</p>")(w, r)
		},
		"/long-wait": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "3600")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		},
	}
	for n := range 8 {
		routes[fmt.Sprintf("/hop/%d", n)] = routes["/hop/"]
	}
	s := newSite(t, routes)
	opt := fast()
	opt.MaxBytes = 1024
	c := NewClient(opt)
	// /slow never answers: its client gives a request a short while.
	opt.Timeout = 200 * time.Millisecond
	impatient := NewClient(opt)

	tests := []struct {
		path     string
		err      error
		attempts int // requests the server saw
		status   int
	}{
		{"/slow", context.DeadlineExceeded, 3, 0},
		{"/big", ErrTooLarge, 1, 0},
		{"/big-chunked", ErrTooLarge, 1, 0},
		{"/loop-a", ErrRedirectLoop, 1, 0},
		{"/hop/7", ErrTooManyRedirects, 1, 0},
		{"/hop/5", nil, 1, 0},
		{"/missing", nil, 1, 404},
		{"/down", nil, 3, 500},
		{"/flaky", nil, 3, 0},
		{"/long-wait", nil, 1, 429},
		{"ftp://example.invalid/x", ErrNotHTTP, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			u := tt.path
			if strings.HasPrefix(u, "/") {
				u = s.URL + u
			}
			before := s.count(tt.path)
			client := c
			if tt.path == "/slow" {
				client = impatient
			}
			_, err := client.Get(context.Background(), u, Validators{})
			var se *StatusError
			switch {
			case tt.status != 0:
				if !errors.As(err, &se) || se.Code != tt.status {
					t.Fatalf("error = %v, want HTTP %d", err, tt.status)
				}
			case tt.err != nil:
				if !errors.Is(err, tt.err) {
					t.Fatalf("error = %v, want %v", err, tt.err)
				}
			case err != nil:
				t.Fatalf("error = %v", err)
			}
			if n := s.count(tt.path) - before; strings.HasPrefix(tt.path, "/") && n != tt.attempts {
				t.Errorf("server saw %d requests, want %d", n, tt.attempts)
			}
		})
	}
	if s.count("/hop/0") != 1 {
		t.Errorf("a chain of 5 redirects was not followed to its end")
	}
}

func TestRetryAfter(t *testing.T) {
	var n atomic.Int32
	s := newSite(t, map[string]http.HandlerFunc{"/busy": func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		page("<p>ok</p>")(w, r)
	}})
	if _, err := NewClient(fast()).Get(context.Background(), s.URL+"/busy", Validators{}); err != nil {
		t.Fatal(err)
	}
	times := s.times["/busy"]
	if len(times) != 2 {
		t.Fatalf("%d requests, want 2", len(times))
	}
	if gap := times[1].Sub(times[0]); gap < 900*time.Millisecond {
		t.Errorf("retried after %v; the server asked for 1s", gap)
	}

	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"120": 2 * time.Minute, "0": 0, "-5": 0, "soon": 0, "": 0,
		"Sun, 22 Nov 2026 12:00:30 GMT": 30 * time.Second,
		"Sun, 22 Nov 2026 11:00:00 GMT": 0,
	} {
		if got := retryAfter(in, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/etag": func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			page("<p>first</p>")(w, r)
		},
		"/dated": func(w http.ResponseWriter, r *http.Request) {
			const lm = "Fri, 07 Jan 2022 10:00:00 GMT"
			if r.Header.Get("If-Modified-Since") == lm {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Last-Modified", lm)
			page("<p>first</p>")(w, r)
		},
	})
	c := NewClient(fast())
	for _, path := range []string{"/etag", "/dated"} {
		first, err := c.Get(context.Background(), s.URL+path, Validators{})
		if err != nil || first.NotModified || len(first.Body) == 0 {
			t.Fatalf("%s: first = %+v, %v", path, first, err)
		}
		again, err := c.Get(context.Background(), s.URL+path, first.Validators)
		if err != nil {
			t.Fatal(err)
		}
		if !again.NotModified || again.Status != http.StatusNotModified || len(again.Body) != 0 {
			t.Errorf("%s: second = %+v, want 304 not modified", path, again)
		}
		if again.Validators != first.Validators {
			t.Errorf("%s: validators after 304 = %+v, want %+v kept", path, again.Validators, first.Validators)
		}
	}
}

func TestRobots(t *testing.T) {
	robots := "User-agent: *\nDisallow: /\n\nUser-agent: claimex\nDisallow: /private\nAllow: /\n"
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, robots) },
		"/public":     page("<p>ok</p>"),
		"/private/a":  page("<p>secret</p>"),
		"/to-private": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/private/a", http.StatusFound) },
	})
	c := NewClient(fast())
	if _, err := c.Get(context.Background(), s.URL+"/public", Validators{}); err != nil {
		t.Errorf("public page: %v", err)
	}
	for _, path := range []string{"/private/a", "/to-private"} {
		if _, err := c.Get(context.Background(), s.URL+path, Validators{}); !errors.Is(err, ErrDisallowed) {
			t.Errorf("%s: error = %v, want disallowed", path, err)
		}
	}
	if s.count("/private/a") != 0 {
		t.Error("a disallowed page was requested")
	}

	// robots.txt that cannot be read (5xx) disallows all; a missing one
	// (4xx) allows all.
	down := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusBadGateway) },
		"/a":          page("<p>a</p>"),
	})
	_, err := c.Get(context.Background(), down.URL+"/a", Validators{})
	if want := "HTTP 502 Bad Gateway (" + down.URL + "/robots.txt could not be read in 3 attempts, so claimex treats the host as disallowed)"; !errors.Is(err, ErrDisallowed) || err.Error() != want {
		t.Errorf("robots.txt 502: error = %v, want disallowed: %s", err, want)
	}
	if down.count("/a") != 0 || down.count("/robots.txt") != 3 {
		t.Errorf("robots.txt 502: /a requested %d times, robots.txt %d (want 0 and 3)", down.count("/a"), down.count("/robots.txt"))
	}
}

func TestPoliteness(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "User-agent: *\nCrawl-delay: 0.2\n")
		},
		"/p": page("<p>p</p>"),
	})
	opt := fast()
	opt.HostInterval = 50 * time.Millisecond
	c := NewClient(opt)
	// The spacing is measured where the client sends, not where the
	// server receives: a request's trip (the first one dials) varies.
	var mu sync.Mutex
	var times []time.Time
	c.sending = func(u *url.URL, at time.Time) {
		if u.Path == "/p" {
			mu.Lock()
			times = append(times, at)
			mu.Unlock()
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), s.URL+"/p", Validators{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(s.times["/p"]) != 4 || len(times) != 4 {
		t.Fatalf("%d requests, want 4", len(times))
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 200*time.Millisecond {
			t.Errorf("requests %d and %d were %v apart; robots.txt asks for 200ms", i-1, i, gap)
		}
	}

	// At most MaxConcurrency requests run at once, across hosts.
	var inFlight, most atomic.Int32
	slow := func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		inFlight.Add(-1)
	}
	opt = fast()
	opt.MaxConcurrency = 2
	c = NewClient(opt)
	var sites []*site
	for range 3 {
		sites = append(sites, newSite(t, map[string]http.HandlerFunc{"/x": slow, "/y": slow}))
	}
	for _, st := range sites {
		for _, p := range []string{"/x", "/y"} {
			wg.Go(func() { c.Get(context.Background(), st.URL+p, Validators{}) })
		}
	}
	wg.Wait()
	if m := most.Load(); m > 2 || m < 1 {
		t.Errorf("%d requests ran at once, want at most 2", m)
	}
}

func TestFormatOf(t *testing.T) {
	tests := map[string]string{
		"text/html; charset=utf-8": "html", "application/xhtml+xml": "html", "text/plain": "text",
		"text/markdown": "markdown", "": "", "application/octet-stream": "", "text/csv": "",
		"application/pdf": "no", "image/png": "no", "application/json": "no",
	}
	for ctype, want := range tests {
		f, ok := FormatOf(ctype)
		got := string(f)
		if !ok {
			got = "no"
		}
		if got != want {
			t.Errorf("FormatOf(%q) = %q, want %q", ctype, got, want)
		}
	}
}
