package review

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/internal/claimextest"
	"github.com/claimex/claimex/internal/pgtest"
	"github.com/claimex/claimex/store"
)

// csrfOf reads the CSRF token from a page of the server.
func csrfOf(t *testing.T, ts *httptest.Server) string {
	t.Helper()
	_, page, _ := get(t, ts.Client(), ts.URL+"/queue")
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token in the queue page")
	}
	return m[1]
}

func firstClaim(t *testing.T, st *store.Store) store.ClaimView {
	t.Helper()
	v, ok, err := st.First(context.Background(), store.ClaimFilter{Kind: claimex.KindCount})
	if err != nil || !ok {
		t.Fatalf("no claim: %v", err)
	}
	return v
}

// do sends a request with the Host header given, and returns the status
// and body.
func do(t *testing.T, ts *httptest.Server, method, path, host string, form url.Values) (int, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", formType)
	}
	if host != "" {
		req.Host = host
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestHostHeader: a request naming another host (DNS rebinding: a page
// on evil.example whose name now points at 127.0.0.1) reads nothing and
// changes nothing, even with the page's CSRF token.
func TestHostHeader(t *testing.T) {
	st, _, ts := fixtureWith(t, Config{Hosts: []string{"review.newsroom.example"}})
	token := csrfOf(t, ts)
	v := firstClaim(t, st)
	port := ts.Listener.Addr().(*net.TCPAddr).Port
	decide := "/claims/" + itoa(v.ID) + "/decide"
	for _, host := range []string{"evil.example", fmt.Sprintf("evil.example:%d", port), "127.0.0.1.evil.example",
		"localhost.evil.example", "10.0.0.1", "", "review.newsroom.example.evil"} {
		if host == "" {
			continue
		}
		for _, path := range []string{"/export?format=jsonl", "/queue", "/static/app.js"} {
			if code, body := do(t, ts, http.MethodGet, path, host, nil); code != http.StatusMisdirectedRequest ||
				strings.Contains(body, `"key"`) {
				t.Errorf("GET %s with Host %q: %d", path, host, code)
			}
		}
		if code, _ := do(t, ts, http.MethodPost, decide, host, url.Values{"action": {"accept"}, "csrf": {token}}); code != http.StatusMisdirectedRequest {
			t.Errorf("POST with Host %q: %d", host, code)
		}
	}
	if got, _ := st.Claim(context.Background(), v.ID); got.Status != claimex.Unreviewed {
		t.Fatalf("a request for another host changed a claim: %s", got.Status)
	}
	for _, host := range []string{fmt.Sprintf("127.0.0.1:%d", port), fmt.Sprintf("localhost:%d", port),
		fmt.Sprintf("LOCALHOST.:%d", port), fmt.Sprintf("[::1]:%d", port), "review.newsroom.example",
		fmt.Sprintf("Review.Newsroom.Example:%d", port)} {
		if code, _ := do(t, ts, http.MethodGet, "/queue", host, nil); code != http.StatusOK {
			t.Errorf("GET with Host %q: %d, want 200", host, code)
		}
	}
	// A request from a page of another origin is refused.
	req, _ := http.NewRequest(http.MethodPost, ts.URL+decide, strings.NewReader(url.Values{"action": {"accept"}, "csrf": {token}}.Encode()))
	req.Header.Set("Content-Type", formType)
	req.Header.Set("Origin", "http://evil.example")
	if resp, err := ts.Client().Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST from another origin: %v %v", resp.StatusCode, err)
	}
}

// countingBody is a request body of n bytes that counts how much of it
// was read.
type countingBody struct {
	r    io.Reader
	read atomic.Int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read.Add(int64(n))
	return n, err
}

// hugeMultipart is a multipart form with a file of size bytes, made as it
// is sent.
func hugeMultipart(size int64) (*countingBody, string) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		fw, _ := mw.CreateFormFile("upload", "big.bin")
		_, err := io.CopyN(fw, zeros{}, size)
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	return &countingBody{r: pr}, mw.FormDataContentType()
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// bodyRead sends a huge body and returns the status and how much of the
// body the server took before answering.
func bodyRead(t *testing.T, ts *httptest.Server, path, contentType string, body *countingBody, cookie string) (int, int64) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+path, body)
	req.ContentLength = -1 // chunked: the server cannot refuse it by its length alone
	req.Header.Set("Content-Type", contentType)
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		// The server may close the connection while the body is sent.
		return 0, body.read.Load()
	}
	resp.Body.Close()
	return resp.StatusCode, body.read.Load()
}

// TestBodiesBounded: a multipart upload is refused unread, before its
// CSRF token could be looked for in it; a form over the limit is refused
// after the limit; a server with an access token reads no body of a
// request without it.
func TestBodiesBounded(t *testing.T) {
	const huge = 64 << 20
	// Read far more than the 1 MB limit would mean the body was spooled.
	const most = 16 << 20
	st, _, ts := fixture(t, "")
	v := firstClaim(t, st)
	decide := "/claims/" + itoa(v.ID) + "/decide"

	body, ct := hugeMultipart(huge)
	code, read := bodyRead(t, ts, decide, ct, body, "")
	if (code != 0 && code != http.StatusUnsupportedMediaType) || read > most {
		t.Errorf("multipart upload: status %d after reading %d bytes of it", code, read)
	}
	long := &countingBody{r: io.MultiReader(strings.NewReader("action=accept&note="), io.LimitReader(zeros{}, huge))}
	code, read = bodyRead(t, ts, decide, formType, long, "")
	if (code != 0 && code != http.StatusRequestEntityTooLarge) || read > most {
		t.Errorf("long form: status %d after reading %d bytes of it", code, read)
	}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+decide, strings.NewReader(strings.Repeat("x", 2<<20)))
	req.Header.Set("Content-Type", formType)
	if resp, err := ts.Client().Do(req); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("a form of 2 MB declared: %d, want 413", resp.StatusCode)
		}
	}
	if got, _ := st.Claim(context.Background(), v.ID); got.Status != claimex.Unreviewed {
		t.Fatalf("a refused POST changed a claim: %s", got.Status)
	}

	// The access token comes before any body.
	_, _, tts := fixture(t, "s3cret")
	body, ct = hugeMultipart(huge)
	code, read = bodyRead(t, tts, decide, ct, body, "")
	if (code != 0 && code != http.StatusUnauthorized) || read > most {
		t.Errorf("upload without the access token: status %d after reading %d bytes of it", code, read)
	}

	// A script sends the CSRF token in a header, with no body at all.
	token := csrfOf(t, ts)
	req, _ = http.NewRequest(http.MethodPost, ts.URL+"/claims/"+itoa(v.ID)+"/undo", nil)
	req.Header.Set("X-CSRF-Token", token)
	if resp, err := ts.Client().Do(req); err != nil || resp.StatusCode != http.StatusConflict {
		t.Errorf("undo with the token in a header: %v %v, want 409 (nothing to undo)", resp.StatusCode, err)
	}
}

// TestSlowAndIdleConnectionsCut: a client that sends its body slowly, or
// keeps a connection idle, or has no access token, is disconnected.
func TestSlowAndIdleConnectionsCut(t *testing.T) {
	for _, tc := range []struct {
		name, token, request string
	}{
		{"slow body", "", "POST /claims/1/decide HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + formType +
			"\r\nContent-Length: 1000\r\n\r\na"},
		{"slow headers", "", "GET /queue HTTP/1.1\r\nHost: 127.0.0.1\r\n"},
		{"idle after a request", "", "GET /static/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"},
		{"no access token", "s3cret", "GET /queue HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, srv, _ := fixtureWith(t, Config{Token: tc.token,
				Timeouts: Timeouts{Header: 200 * time.Millisecond, Read: 300 * time.Millisecond, Idle: 300 * time.Millisecond}})
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			hs := srv.HTTPServer()
			go hs.Serve(ln)
			t.Cleanup(func() { hs.Close() })
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if _, err := io.WriteString(c, tc.request); err != nil {
				t.Fatal(err)
			}
			// The server must hang up long before this deadline; reading
			// until it does, any response included.
			c.SetReadDeadline(time.Now().Add(60 * time.Second))
			_, err = io.Copy(io.Discard, bufio.NewReader(c))
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("the connection was still open after 60s")
			}
		})
	}
}

func TestStaticFilesOnly(t *testing.T) {
	_, _, ts := fixture(t, "")
	for path, want := range map[string]int{"/static/": 404, "/static/app.js": 200, "/static/style.css": 200,
		"/static/missing.js": 404, "/static/../server.go": 404} {
		if code, body, _ := get(t, ts.Client(), ts.URL+path); code != want || strings.Contains(body, `<a href="app.js"`) {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
}

// TestErrorStatuses: errors become statuses in one place, and a failure
// of the server shows no detail of it.
func TestErrorStatuses(t *testing.T) {
	st, _, ts := fixture(t, "")
	token := csrfOf(t, ts)
	v := firstClaim(t, st)
	for _, tc := range []struct {
		method, path string
		form         url.Values
		want         int
	}{
		{"GET", "/documents/999", nil, 404},
		{"GET", "/documents/x", nil, 400},
		{"GET", "/claims?category=happy", nil, 400},
		{"GET", "/claims?kind=sideways", nil, 400},
		{"GET", "/export?format=xml", nil, 400},
		{"POST", "/claims/999999/decide", url.Values{"action": {"accept"}}, 404},
		{"POST", "/claims/" + itoa(v.ID) + "/undo", url.Values{}, 409},
		{"POST", "/claims/" + itoa(v.ID) + "/decide", url.Values{"action": {"maybe"}}, 400},
		{"POST", "/claims/" + itoa(v.ID) + "/decide", url.Values{"action": {"edit"}}, 400},
		{"POST", "/claims/" + itoa(v.ID) + "/decide", url.Values{"action": {"edit"}, "value": {"many"}}, 400},
		{"POST", "/entities/correct", url.Values{"kind": {"merge"}, "a": {"Nobody At All"}, "b": {"Almaty"}}, 400},
	} {
		if tc.form != nil {
			tc.form.Set("csrf", token)
		}
		code, body := do(t, ts, tc.method, tc.path, "", tc.form)
		if code != tc.want {
			t.Errorf("%s %s: %d, want %d: %s", tc.method, tc.path, code, tc.want, body)
		}
		if !strings.Contains(body, `id="error-message"`) {
			t.Errorf("%s %s: no error page", tc.method, tc.path)
		}
	}
	// A failing database: a generic 500 and no SQL.
	st.Close()
	code, body := do(t, ts, "GET", "/claims", "", nil)
	if code != http.StatusInternalServerError || strings.Contains(strings.ToLower(body), "sql") ||
		strings.Contains(body, "closed") {
		t.Errorf("a failing database: %d\n%s", code, body)
	}
}

// TestConcurrentPageLoads: many page loads and decisions at once all
// finish (each used to hold one pooled connection while waiting for
// another, and with eight of them at once nothing answered again).
func TestConcurrentPageLoads(t *testing.T) {
	st, _, ts := fixture(t, "")
	token := csrfOf(t, ts)
	var ids []int64
	st.Claims(context.Background(), store.ClaimFilter{Kind: claimex.KindCount}, func(v store.ClaimView) error {
		ids = append(ids, v.ID)
		return nil
	})
	client := &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{MaxConnsPerHost: 64, MaxIdleConnsPerHost: 64}}
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for g := range 32 {
		wg.Go(func() {
			for i := range 6 {
				path := []string{"/claims", "/queue", "/documents/1", "/claims?kind=all", "/conflicts", "/entities"}[(g+i)%6]
				var resp *http.Response
				var err error
				if i%3 == 2 {
					id := ids[(g*7+i)%len(ids)]
					resp, err = client.PostForm(ts.URL+"/claims/"+itoa(id)+"/decide",
						url.Values{"csrf": {token}, "action": {"accept"}, "back": {"/claims"}})
				} else {
					resp, err = client.Get(ts.URL + path)
				}
				if err != nil {
					errs <- err
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs <- fmt.Errorf("%s: %d", path, resp.StatusCode)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestDecisionWhileLocked: a decision that cannot have the write lock in
// time answers 503 with what happened, and records nothing.
func TestDecisionWhileLocked(t *testing.T) {
	pgtest.SkipOnPostgres(t, "SQLite's file lock")
	st0, _, _ := fixture(t, "")
	ctx := context.Background()
	st, err := store.OpenWith(ctx, st0.Path(), store.Options{BusyTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := NewServer(Config{Store: st, Reviewer: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	v := firstClaim(t, st)
	token := csrfOf(t, ts)
	release := claimextest.HoldWriteLock(t, st.Path())
	code, body := do(t, ts, "POST", "/claims/"+itoa(v.ID)+"/decide", "", url.Values{"csrf": {token}, "action": {"accept"}})
	release()
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "Another process") {
		t.Errorf("decision while another process writes: %d\n%s", code, body)
	}
	if got, _ := st.Claim(ctx, v.ID); got.Status != claimex.Unreviewed {
		t.Errorf("claim is %s", got.Status)
	}
}
