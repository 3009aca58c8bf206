package review

import (
	"context"
	"database/sql"
	"encoding/csv"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/internal/pgtest"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

const seeds = "../testdata/seeds"

// hostile is an article whose text tries to run script in the page.
const hostile = `Attack on the square <script>window.__xss = 1</script>

At least 12 people were killed <img src=x onerror="window.__xss = 2"> in the attack, police said.

Witnesses saw "><svg onload=window.__xss=3> smoke over the square.
`

// fixture ingests the samples and the hostile article into a new
// database and serves the UI over it.
func fixture(t *testing.T, token string) (*store.Store, *Server, *httptest.Server) {
	t.Helper()
	return fixtureWith(t, Config{Token: token})
}

// fixtureWith is fixture with the server's configuration (its store and
// reviewer are set here).
func fixtureWith(t *testing.T, cfg Config) (*store.Store, *Server, *httptest.Server) {
	t.Helper()
	var paths []string
	for _, name := range []string{"001_c3d0c4f10a557457.txt", "002_47e49d6628047b86.txt", "004_371244e6fb34e273.txt"} {
		paths = append(paths, filepath.Join(seeds, name))
	}
	bad := filepath.Join(t.TempDir(), "hostile.txt")
	os.WriteFile(bad, []byte(hostile), 0o644)
	return serveIngested(t, cfg, rules.Default(), append(paths, bad))
}

// serveIngested ingests paths with rules r into a new database and
// serves the UI over it with cfg (its store and reviewer are set here).
func serveIngested(t *testing.T, cfg Config, r *rules.Rules, paths []string) (*store.Store, *Server, *httptest.Server) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, testDB(t, "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	x, err := extract.New(r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Ingest(ctx, pipeline.Config{Store: st, Extractor: x, Paths: paths}); err != nil {
		t.Fatal(err)
	}
	cfg.Store, cfg.Reviewer = st, "tester"
	srv, err := NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return st, srv, ts
}

func get(t *testing.T, c *http.Client, u string) (int, string, http.Header) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

func TestPages(t *testing.T) {
	st, _, ts := fixture(t, "")
	c := ts.Client()
	var hostileDoc int64
	st.Documents(context.Background(), false, func(d claimex.Document) error {
		if strings.Contains(d.Source, "hostile") {
			hostileDoc = d.ID
		}
		return nil
	})
	pages := map[string]string{
		"/queue":                 `id="claim"`,
		"/queue?kind=entity":     `id="claim"`,
		"/claims":                "claims",
		"/claims?q=arrested":     "6,044",
		"/claims?status=changed": "0 claims",
		"/conflicts":             "sources disagree",
		"/conflicts?all=1":       "<svg",
		"/entities":              "Kassym-Jomart Tokayev",
		"/documents/1":           `class="claim cat-`,
		"/static/app.js":         "keydown",
		"/names":                 `id="entity"`,
		"/documents":             "/documents/1",
		"/history":               "No decisions yet",
		"/agreement":             "claims have two opinions",
		"/queue?queue=flagged":   "No claim is flagged",
	}
	for path, want := range pages {
		code, body, h := get(t, c, ts.URL+path)
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("%s: %d, lacks %q", path, code, want)
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: security headers missing: %v", path, h)
		}
	}
	// Untrusted article text is escaped: no tag of it reaches the page.
	for _, path := range []string{"/documents/" + itoa(hostileDoc), "/claims?source=hostile&kind=all"} {
		_, body, _ := get(t, c, ts.URL+path)
		if strings.Contains(body, "<script>window") || strings.Contains(body, "<img src=x") || strings.Contains(body, "<svg onload") {
			t.Errorf("%s renders article markup:\n%s", path, body)
		}
		if !strings.Contains(body, "&lt;script&gt;") && !strings.Contains(body, "&lt;img") {
			t.Errorf("%s does not show the article's text escaped", path)
		}
	}
	for _, path := range []string{"/documents/999", "/documents/x", "/claims?category=happy", "/nowhere"} {
		if code, _, _ := get(t, c, ts.URL+path); code == http.StatusOK {
			t.Errorf("%s: 200", path)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestCSRF(t *testing.T) {
	st, _, ts := fixture(t, "")
	c := ts.Client()
	v, ok, _ := st.First(context.Background(), store.ClaimFilter{Kind: claimex.KindCount})
	if !ok {
		t.Fatal("no claims")
	}
	decide := ts.URL + "/claims/" + itoa(v.ID) + "/decide"
	for name, form := range map[string]url.Values{
		"no token":    {"action": {"accept"}},
		"wrong token": {"action": {"accept"}, "csrf": {"0123456789abcdef0123456789abcdef"}},
	} {
		resp, err := c.PostForm(decide, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: POST answered %d, want 403", name, resp.StatusCode)
		}
	}
	if got, _ := st.Claim(context.Background(), v.ID); got.Status != claimex.Unreviewed {
		t.Fatalf("a refused POST changed the claim: %s", got.Status)
	}
	// A cross-site request is refused even with the token.
	_, page, _ := get(t, c, ts.URL+"/queue")
	token := csrfField.FindStringSubmatch(page)[1]
	req, _ := http.NewRequest(http.MethodPost, decide, strings.NewReader(url.Values{"action": {"accept"}, "csrf": {token}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if resp, err := c.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %v %v", resp.StatusCode, err)
	}
	// With the page's token it goes through.
	resp, err := c.PostForm(decide, url.Values{"action": {"accept"}, "csrf": {token}})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("POST with the token: %v %v", resp.StatusCode, err)
	}
	if got, _ := st.Claim(context.Background(), v.ID); got.Status != claimex.Accepted || got.Reviewer != "tester" {
		t.Errorf("after accepting: %s by %q", got.Status, got.Reviewer)
	}
}

func TestAccessToken(t *testing.T) {
	_, _, ts := fixture(t, "s3cret")
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if code, _, _ := get(t, c, ts.URL+"/queue"); code != http.StatusUnauthorized {
		t.Errorf("without the token: %d, want 401", code)
	}
	if code, _, _ := get(t, c, ts.URL+"/queue?token=wrong"); code != http.StatusUnauthorized {
		t.Errorf("with a wrong token: %d, want 401", code)
	}
	if code, body, _ := get(t, c, ts.URL+"/queue?token=s3cret"); code != http.StatusOK || !strings.Contains(body, `id="claim"`) {
		t.Errorf("with the token: %d", code)
	}
	if code, _, _ := get(t, c, ts.URL+"/conflicts"); code != http.StatusOK {
		t.Errorf("the cookie did not carry the token: %d", code)
	}
}

func TestBulkAndExport(t *testing.T) {
	st, _, ts := fixture(t, "")
	c := ts.Client()
	_, page, _ := get(t, c, ts.URL+"/claims")
	token := csrfField.FindStringSubmatch(page)[1]
	resp, err := c.PostForm(ts.URL+"/claims/bulk", url.Values{"csrf": {token}, "action": {"reject"},
		"category": {"arrested"}, "kind": {"count"}})
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("bulk: %v %v", resp.StatusCode, err)
	}
	counts, _ := st.StatusCounts(context.Background(), claimex.KindCount)
	arrested := 0
	st.Claims(context.Background(), store.ClaimFilter{Category: claimex.Arrested}, func(store.ClaimView) error { arrested++; return nil })
	if counts[claimex.Rejected] != arrested || arrested == 0 {
		t.Errorf("bulk reject: %v, %d arrested claims", counts, arrested)
	}
	code, body, h := get(t, c, ts.URL+"/export?format=csv&status=rejected")
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if code != http.StatusOK || !strings.Contains(h.Get("Content-Disposition"), "claimex-claims.csv") || err != nil ||
		len(rows) != arrested+1 {
		t.Errorf("export: %d %v, %d rows (%v)", code, h, len(rows), err)
	}
	if code, _, _ := get(t, c, ts.URL+"/export?format=xml"); code != http.StatusBadRequest {
		t.Errorf("unknown export format: %d", code)
	}
	// Entities: merge two names from the page, then see the message.
	_, page, _ = get(t, c, ts.URL+"/entities")
	resp, err = c.PostForm(ts.URL+"/entities/correct", url.Values{"csrf": {csrfField.FindStringSubmatch(page)[1]},
		"kind": {"merge"}, "a": {"Almaty"}, "b": {"Kazakhstan"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), "merged") {
		t.Errorf("merge: %d\n%s", resp.StatusCode, b)
	}
}

// TestReadsDuringWrite shows the pages served while another process
// holds the database's write lock, as claimex extract does when it
// switches runs.
func TestReadsDuringWrite(t *testing.T) {
	pgtest.SkipOnPostgres(t, "SQLite's file lock")
	st, _, ts := fixture(t, "")
	other, err := sql.Open("sqlite3", "file:"+st.Path()+"?_busy_timeout=1000")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE documents SET title = title || ''"); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/queue", "/claims", "/conflicts", "/documents/1"} {
		if code, _, _ := get(t, ts.Client(), ts.URL+path); code != http.StatusOK {
			t.Errorf("%s during another process's write: %d", path, code)
		}
	}
}
