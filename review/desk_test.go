package review

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

// reviewerClient is a browser of one reviewer: its own cookies, no
// redirects followed unless asked.
type reviewerClient struct {
	t    *testing.T
	ts   *httptest.Server
	c    *http.Client
	csrf string
}

func newReviewer(t *testing.T, ts *httptest.Server) *reviewerClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &reviewerClient{t: t, ts: ts, c: &http.Client{Jar: jar}}
}

// get loads a page, following redirects, and keeps its CSRF token.
func (rc *reviewerClient) get(path string) (int, string) {
	rc.t.Helper()
	code, body, _ := get(rc.t, rc.c, rc.ts.URL+path)
	if m := csrfField.FindStringSubmatch(body); m != nil {
		rc.csrf = m[1]
	}
	return code, body
}

// post sends a form with the CSRF token, following redirects.
func (rc *reviewerClient) post(path string, form url.Values) (int, string) {
	rc.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", rc.csrf)
	resp, err := rc.c.PostForm(rc.ts.URL+path, form)
	if err != nil {
		rc.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if m := csrfField.FindStringSubmatch(string(b)); m != nil {
		rc.csrf = m[1]
	}
	return resp.StatusCode, string(b)
}

var shownClaim = regexp.MustCompile(`id="claim" data-claim="(\d+)"`)

// shown returns the claim a queue page shows ("" for none).
func shown(page string) string {
	if m := shownClaim.FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}

func TestPersonalLinks(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixtureWith(t, Config{RequireToken: true})
	const token = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
	if err := st.AddReviewer(ctx, "ana", token); err != nil {
		t.Fatal(err)
	}
	ana := newReviewer(t, ts)
	code, body := ana.get("/queue")
	if code != http.StatusUnauthorized || !strings.Contains(body, `id="error-message"`) || strings.Contains(body, `name="csrf"`) {
		t.Fatalf("without a link: %d\n%s", code, body)
	}
	if code, _ := ana.get("/queue?token=" + strings.Repeat("0", 32)); code != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d", code)
	}
	code, body = ana.get("/?token=" + token)
	if code != http.StatusOK || !strings.Contains(body, `id="who"`) || !strings.Contains(body, ">ana<") {
		t.Fatalf("with ana's link: %d", code)
	}
	id := shown(body)
	if code, _ := ana.post("/claims/"+id+"/decide", url.Values{"action": {"accept"}}); code != http.StatusOK {
		t.Fatalf("decide: %d", code)
	}
	n, _ := parseID(id)
	if v, _ := st.Claim(ctx, n); v.Reviewer != "ana" || v.Status != claimex.Accepted {
		t.Errorf("decision recorded as %q, %s", v.Reviewer, v.Status)
	}
	// Revoked, the link stops working at once.
	if err := st.RevokeReviewer(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	if code, _ := ana.get("/queue"); code != http.StatusUnauthorized {
		t.Errorf("after the revoke: %d", code)
	}
	if code, _ := ana.post("/claims/"+id+"/undo", nil); code != http.StatusUnauthorized {
		t.Errorf("a POST after the revoke: %d", code)
	}
}

func TestSharedTokenIsOneReviewer(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixtureWith(t, Config{Token: "s3cret-shared-token"})
	st.AddReviewer(ctx, "ben", "b1b2c3d4e5f60718293a4b5c6d7e8f90")
	desk, ben := newReviewer(t, ts), newReviewer(t, ts)
	_, page := desk.get("/?token=s3cret-shared-token")
	desk.post("/claims/"+shown(page)+"/decide", url.Values{"action": {"reject"}})
	_, page = ben.get("/?token=b1b2c3d4e5f60718293a4b5c6d7e8f90")
	benClaim := shown(page)
	ben.post("/claims/"+benClaim+"/decide", url.Values{"action": {"accept"}})
	who := map[string]string{}
	st.Claims(ctx, store.ClaimFilter{}, func(v store.ClaimView) error {
		if v.Reviewer != "" {
			who[string(v.Status)] = v.Reviewer
		}
		return nil
	})
	// The fixture's server records the shared token's decisions as
	// "tester".
	if who["rejected"] != "tester" || who["accepted"] != "ben" {
		t.Errorf("recorded: %v", who)
	}
}

func TestAskName(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixtureWith(t, Config{AskName: true})
	rc := newReviewer(t, ts)
	code, body := rc.get("/claims?kind=all")
	if code != http.StatusOK || !strings.Contains(body, `action="/whoami"`) || !strings.Contains(body, `value="/claims?kind=all"`) {
		t.Fatalf("a first visit is not asked a name: %d\n%s", code, body)
	}
	// Refused: too long, control characters, nothing.
	for _, bad := range []string{strings.Repeat("x", store.MaxReviewerName+1), "ana\x1b[2J", "  "} {
		if code, body := rc.post("/whoami", url.Values{"name": {bad}}); code != http.StatusBadRequest || !strings.Contains(body, `class="problem"`) {
			t.Errorf("name %q: %d", bad, code)
		}
	}
	hostile := `<img src=x onerror=alert(1)> "Ana"`
	code, body = rc.post("/whoami", url.Values{"name": {hostile}, "back": {"/claims?kind=all"}})
	if code != http.StatusOK || strings.Contains(body, "<img src=x") || !strings.Contains(body, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Fatalf("after giving a name: %d; the name is not escaped:\n%s", code, body)
	}
	_, page := rc.get("/queue")
	if code, _ := rc.post("/claims/"+shown(page)+"/decide", url.Values{"action": {"accept"}}); code != http.StatusOK {
		t.Fatal(code)
	}
	n, _ := parseID(shown(page))
	if v, _ := st.Claim(ctx, n); v.Reviewer != hostile {
		t.Errorf("recorded as %q", v.Reviewer)
	}
	// A cookie changed by hand to something no form would take is not
	// taken either: the name is asked again.
	u, _ := url.Parse(ts.URL)
	rc.c.Jar.SetCookies(u, []*http.Cookie{{Name: nameCookie, Value: url.QueryEscape(strings.Repeat("é", 200)), Path: "/"}})
	if _, body := rc.get("/queue"); !strings.Contains(body, `action="/whoami"`) {
		t.Error("an over-long name in the cookie was taken")
	}
}

func TestGuardErrorsAreStyledPages(t *testing.T) {
	st, _, ts := fixture(t, "")
	v := firstClaim(t, st)
	for _, c := range []struct {
		name, method, path, host string
		form                     url.Values
		code                     int
		bare                     bool
	}{
		{"another host", http.MethodGet, "/queue", "evil.example", nil, http.StatusMisdirectedRequest, true},
		{"no CSRF token", http.MethodPost, "/claims/" + itoa(v.ID) + "/decide", "", url.Values{"action": {"accept"}}, http.StatusForbidden, false},
		{"no such page", http.MethodGet, "/documentz", "", nil, http.StatusNotFound, false},
		{"nothing to undo", http.MethodPost, "/claims/" + itoa(v.ID) + "/undo", "", url.Values{"csrf": {csrfOf(t, ts)}}, http.StatusConflict, false},
	} {
		code, body := do(t, ts, c.method, c.path, c.host, c.form)
		if code != c.code || !strings.Contains(body, `id="error-message"`) || !strings.Contains(body, `href="/queue"`) {
			t.Errorf("%s: %d, want %d and a styled page with a way back:\n%s", c.name, code, c.code, body)
		}
		if strings.Contains(body, `name="csrf"`) == c.bare {
			t.Errorf("%s: bare %v, but the page has the CSRF token: %v", c.name, c.bare, !c.bare)
		}
	}
}

func TestClaimsSelection(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixture(t, "")
	rc := newReviewer(t, ts)
	_, page := rc.get("/claims")
	if strings.Contains(page, `id="accept-all"`) {
		t.Error("the unfiltered page offers to accept every claim")
	}
	if !strings.Contains(page, `<mark class="claim-words">`) || !strings.Contains(page, `class="select"`) {
		t.Error("no highlighted claim, or no row selection")
	}
	if code, _ := rc.post("/claims/bulk", url.Values{"action": {"accept"}, "kind": {"count"}}); code != http.StatusBadRequest {
		t.Errorf("accept all with no filter: %d, want 400", code)
	}
	var ids []string
	st.Claims(ctx, store.ClaimFilter{Kind: claimex.KindCount, Limit: 3}, func(v store.ClaimView) error {
		ids = append(ids, itoa(v.ID))
		return nil
	})
	if code, _ := rc.post("/claims/bulk", url.Values{"action": {"reject-selected"}, "kind": {"count"}, "id": ids[:2]}); code != http.StatusOK {
		t.Fatalf("reject selected: %d", code)
	}
	counts, _ := st.StatusCounts(ctx, claimex.KindCount)
	if counts[claimex.Rejected] != 2 {
		t.Errorf("%d rejected, want the 2 selected", counts[claimex.Rejected])
	}
	_, page = rc.get("/claims?category=arrested")
	if !strings.Contains(page, `id="accept-all"`) {
		t.Error("a filtered page does not offer to accept all")
	}
	// Pages: the claims of every kind fill more than one.
	_, page = rc.get("/claims?kind=all")
	if !strings.Contains(page, "page 1 of") || !strings.Contains(page, `id="page-next"`) {
		t.Fatal("no pages")
	}
	_, second := rc.get("/claims?kind=all&page=2")
	if shownRows(page)[0] == shownRows(second)[0] {
		t.Error("page 2 shows page 1's rows")
	}
}

var rowClaim = regexp.MustCompile(`data-row-claim="(\d+)"`)

func shownRows(page string) []string {
	var out []string
	for _, m := range rowClaim.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return append(out, "")
}

func TestQueueLeases(t *testing.T) {
	_, _, ts := fixture(t, "")
	a, b := newReviewer(t, ts), newReviewer(t, ts)
	seen := map[string]string{}
	for i := range 10 {
		for name, rc := range map[string]*reviewerClient{"a": a, "b": b} {
			_, page := rc.get("/queue")
			id := shown(page)
			if id == "" {
				t.Fatalf("round %d: %s was shown no claim", i, name)
			}
			if other, ok := seen[id]; ok && other != name {
				t.Fatalf("claim %s shown to %s and %s", id, other, name)
			}
			seen[id] = name
			// Loading the queue again shows the same claim.
			if _, again := rc.get("/queue"); shown(again) != id {
				t.Errorf("%s reloaded and was shown %s, not %s", name, shown(again), id)
			}
			rc.post("/claims/"+id+"/decide", url.Values{"action": {"accept"}})
		}
	}
}

func TestSkipFlagAndHistory(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixture(t, "")
	rc := newReviewer(t, ts)
	_, page := rc.get("/queue")
	first := shown(page)
	_, page = rc.post("/claims/"+first+"/skip", url.Values{"kind": {"count"}})
	second := shown(page)
	if second == "" || second == first {
		t.Fatalf("after a skip: %q", second)
	}
	_, page = rc.post("/claims/"+second+"/flag", url.Values{"kind": {"count"}, "on": {"1"}, "note": {"ask the desk"}})
	if third := shown(page); third == second || third == first {
		t.Errorf("after a flag: %s", third)
	}
	_, page = rc.get("/queue?queue=flagged")
	if shown(page) != second || !strings.Contains(page, "ask the desk") {
		t.Errorf("the flagged queue shows %q", shown(page))
	}
	// Decisions, then the history, and an undo of the older one.
	_, page = rc.get("/queue")
	x := shown(page)
	_, page = rc.post("/claims/"+x+"/decide", url.Values{"action": {"accept"}})
	y := shown(page)
	rc.post("/claims/"+y+"/decide", url.Values{"action": {"reject"}})
	_, hist := rc.get("/history")
	undo := regexp.MustCompile(`action="/history/(\d+)/undo"`).FindAllStringSubmatch(hist, -1)
	if len(undo) != 2 {
		t.Fatalf("history lists %d decisions, want 2", len(undo))
	}
	if code, _ := rc.post("/history/"+undo[1][1]+"/undo", url.Values{"back": {"/history"}}); code != http.StatusOK {
		t.Fatalf("undo from history: %d", code)
	}
	xid, _ := parseID(x)
	yid, _ := parseID(y)
	if vx, _ := st.Claim(ctx, xid); vx.Status != claimex.Unreviewed {
		t.Errorf("the older decision, undone: %s", vx.Status)
	}
	if vy, _ := st.Claim(ctx, yid); vy.Status != claimex.Rejected {
		t.Errorf("the later one: %s", vy.Status)
	}
	// u: the latest still standing, wherever the reviewer is.
	code, page := rc.post("/undo", nil)
	if code != http.StatusOK || shown(page) != y {
		t.Errorf("u from anywhere: %d, shows %q, want %s", code, shown(page), y)
	}
	if code, body := rc.post("/undo", nil); code != http.StatusConflict || !strings.Contains(body, "Go back") {
		t.Errorf("u with nothing left: %d", code)
	}
}

func TestFeed(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixture(t, "")
	rc := newReviewer(t, ts)
	_, page := rc.get("/queue")
	cursor := regexp.MustCompile(`data-cursor="(\d+)"`).FindStringSubmatch(page)[1]
	item := regexp.MustCompile(`data-item="([^"]+)"`).FindStringSubmatch(page)[1]
	held, _ := parseID(shown(page))
	other, ok, _ := st.First(ctx, store.ClaimFilter{Kind: claimex.KindCount, After: held})
	if !ok {
		t.Fatal("no second claim")
	}
	st.Decide(ctx, store.Decision{ClaimID: other.ID, Action: claimex.Rejected, Reviewer: "ben"})
	_, body := rc.get("/feed?kind=count&after=" + cursor + "&item=" + url.QueryEscape(item))
	var a feedAnswer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	if len(a.Claims) != 1 || a.Claims[0].Claim != other.ID || a.Claims[0].Status != claimex.Rejected || a.Claims[0].Reviewer != "ben" {
		t.Errorf("changes: %+v", a.Claims)
	}
	if a.Counts == nil || a.Counts.Rejected != 1 || a.Lease == nil || !a.Lease.Held {
		t.Errorf("counts %+v, lease %+v", a.Counts, a.Lease)
	}
	_, body = rc.get("/feed?after=" + itoa(a.Cursor.Claims))
	if err := json.Unmarshal([]byte(body), &a); err != nil || len(a.Claims) != 0 {
		t.Errorf("asked again: %+v %v", a.Claims, err)
	}
}

func TestNamesQueue(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixture(t, "")
	a, b := newReviewer(t, ts), newReviewer(t, ts)
	entity := regexp.MustCompile(`id="entity" data-entity="([^"]+)"`)
	_, pa := a.get("/names")
	_, pb := b.get("/names")
	ea, eb := entity.FindStringSubmatch(pa), entity.FindStringSubmatch(pb)
	if ea == nil || eb == nil || ea[1] == eb[1] {
		t.Fatalf("two reviewers were shown %v and %v", ea, eb)
	}
	name := htmlUnescape(ea[1])
	_, next := a.post("/names/decide", url.Values{"name": {name}, "action": {"accept"}})
	if m := entity.FindStringSubmatch(next); m == nil || htmlUnescape(m[1]) == name {
		t.Errorf("after a decision the names queue shows %v", m)
	}
	statuses, _ := st.EntityStatuses(ctx)
	if statuses[name].Status != claimex.Accepted {
		t.Fatalf("entity %q: %+v", name, statuses[name])
	}
	// Merged by selecting rows: the decision holds for the merged entity.
	_, page := a.get("/entities")
	if code, _ := a.post("/entities/merge", url.Values{"name": {name, htmlUnescape(eb[1])}, "into": {name}}); code != http.StatusOK {
		t.Fatalf("merge: %d\n%s", code, page)
	}
	statuses, _ = st.EntityStatuses(ctx)
	if statuses[name].Status != claimex.Accepted {
		t.Errorf("after the merge: %+v", statuses)
	}
	list, _ := st.Entities(ctx, store.EntityFilter{Name: htmlUnescape(eb[1])})
	if len(list) != 1 || list[0].Canonical != name {
		t.Errorf("merged: %+v", list)
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&quot;", `"`, "&lt;", "<", "&gt;", ">", "&#34;", `"`).Replace(s)
}

func parseID(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }

func TestSecondOpinionDesk(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixtureWith(t, Config{Double: true, RequireToken: true})
	st.AddReviewer(ctx, "ana", "a1b2c3d4e5f60718293a4b5c6d7e8f90")
	st.AddReviewer(ctx, "ben", "b1b2c3d4e5f60718293a4b5c6d7e8f90")
	st.AddReviewer(ctx, "cy", "c1b2c3d4e5f60718293a4b5c6d7e8f90")
	ana, ben, cy := newReviewer(t, ts), newReviewer(t, ts), newReviewer(t, ts)
	_, pa := ana.get("/?token=a1b2c3d4e5f60718293a4b5c6d7e8f90")
	_, pb := ben.get("/?token=b1b2c3d4e5f60718293a4b5c6d7e8f90")
	if shown(pa) != shown(pb) {
		t.Fatalf("second opinions: ana shown %s, ben %s", shown(pa), shown(pb))
	}
	x := shown(pa)
	ana.post("/claims/"+x+"/decide", url.Values{"action": {"accept"}})
	// ben judges on his own: ana's opinion is not on his page.
	if _, again := ben.get("/queue?id=" + x); shown(again) != x || strings.Contains(again, "ana: accepted") {
		t.Errorf("the second reviewer is shown claim %s with the first one's opinion", shown(again))
	}
	ben.post("/claims/"+x+"/decide", url.Values{"action": {"reject"}})
	_, pc := cy.get("/?token=c1b2c3d4e5f60718293a4b5c6d7e8f90")
	if shown(pc) == x {
		t.Error("a claim with two opinions went to a third reviewer's queue")
	}
	_, adj := cy.get("/queue?queue=adjudicate")
	if shown(adj) != x || !strings.Contains(adj, "ana: accepted") || !strings.Contains(adj, "ben: rejected") {
		t.Fatalf("adjudication queue: %q", shown(adj))
	}
	cy.post("/claims/"+x+"/decide", url.Values{"action": {"reject"}, "queue": {"adjudicate"}})
	n, _ := parseID(x)
	if v, _ := st.Claim(ctx, n); v.Status != claimex.Rejected || v.Reviewer != "cy" {
		t.Errorf("adjudicated: %s by %s", v.Status, v.Reviewer)
	}
	_, ag := cy.get("/agreement")
	if !strings.Contains(ag, "ana · ben") || !strings.Contains(ag, "1 claim has two opinions") {
		t.Errorf("agreement page:\n%s", ag)
	}
}

// TestCohenKappa checks the kappa against one worked by hand. Ten claims,
// ana's and ben's labels:
//
//	ana: A A A A A A R R R E
//	ben: A A A A A R R R A E
//
// They agree on 8: po = 0.8. ana gave A 6, R 3, E 1 times; so did ben. By
// chance: pe = 0.6·0.6 + 0.3·0.3 + 0.1·0.1 = 0.46. kappa = (0.8 − 0.46) /
// (1 − 0.46) = 0.34 / 0.54 = 0.62963.
func TestCohenKappa(t *testing.T) {
	A, R, E := claimex.Accepted, claimex.Rejected, claimex.Edited
	anas := []claimex.Status{A, A, A, A, A, A, R, R, R, E}
	bens := []claimex.Status{A, A, A, A, A, R, R, R, A, E}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var ops []store.Opinion
	for i := range anas {
		key := string(rune('a' + i))
		cat := "killed"
		if i >= 5 {
			cat = "injured"
		}
		// ben answers first on half of them: the pair is the same.
		first, second := store.Opinion{Key: key, Reviewer: "ana", Action: anas[i], ClaimCategory: cat, DecidedAt: at},
			store.Opinion{Key: key, Reviewer: "ben", Action: bens[i], ClaimCategory: cat, DecidedAt: at.Add(time.Minute)}
		if i%2 == 1 {
			first.DecidedAt, second.DecidedAt = second.DecidedAt, first.DecidedAt
		}
		ops = append(ops, first, second)
	}
	a := Agree(ops)
	if a.Claims != 10 || len(a.Pairs) != 1 {
		t.Fatalf("agreement: %+v", a)
	}
	p := a.Pairs[0]
	if p.Name != "ana · ben" || p.Claims != 10 || p.Agreed != 8 || math.Abs(p.Kappa-0.34/0.54) > 1e-9 {
		t.Errorf("pair: %+v, want kappa %.5f", p, 0.34/0.54)
	}
	if KappaText(p.Kappa) != "0.63" {
		t.Errorf("kappa written %q", KappaText(p.Kappa))
	}
	// Per category. killed: claims 0-4, all A/A: pe = 1, kappa undefined.
	// injured: claims 5-9, first raters (by time) ben, ana, ben, ana, ben:
	// pairs (R,A) (R,R) (A,R) (E,E) (A,R)... worked below.
	var killed, injured AgreementRow
	for _, r := range a.Categories {
		switch r.Name {
		case "killed":
			killed = r
		case "injured":
			injured = r
		}
	}
	if killed.Claims != 5 || killed.Agreed != 5 || killed.HasKappa() {
		t.Errorf("killed: %+v", killed)
	}
	// injured, as (first, second) by time: claim 5 ben R, ana A; 6 ana R,
	// ben R; 7 ben R, ana R; 8 ana R, ben A; 9 ben E, ana E. Agreed 3 of
	// 5: po = 0.6. First rater: R 4, E 1; second: A 2, R 2, E 1. pe =
	// 0.8·0.4 + 0.2·0.2 = 0.36. kappa = 0.24 / 0.64 = 0.375.
	if injured.Claims != 5 || injured.Agreed != 3 || math.Abs(injured.Kappa-0.375) > 1e-9 {
		t.Errorf("injured: %+v, want kappa 0.375", injured)
	}
}

func TestClipClaim(t *testing.T) {
	long := strings.Repeat("word ", 40)
	for _, c := range []struct {
		name                  string
		sentence, claim       string
		n                     int
		before, after         string
		cutBefore, cutAfter   bool
		wantBeforeLenAtMost   int
		wantAfterLenAtMost    int
		claimOffset, claimEnd int
	}{
		{name: "short", sentence: "At least 12 people were killed.", claim: "12 people", n: 90,
			before: "At least ", after: " were killed."},
		{name: "clipped both sides at words", sentence: long + "then 4,500 injured " + long, claim: "4,500 injured", n: 20,
			cutBefore: true, cutAfter: true, wantBeforeLenAtMost: 20, wantAfterLenAtMost: 20},
		{name: "figure at the start", sentence: "4,500 injured " + long, claim: "4,500", n: 10, before: "", cutAfter: true,
			wantAfterLenAtMost: 10},
		{name: "a claim longer than the context is whole", sentence: "x " + long + " y", claim: strings.TrimSpace(long), n: 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			i := strings.Index(c.sentence, c.claim)
			start := len([]rune(c.sentence[:i]))
			cl := claimex.Claim{Sentence: c.sentence, Text: c.claim, SentenceStart: 100, Start: 100 + start,
				End: 100 + start + len([]rune(c.claim))}
			got := clipClaim(cl, c.n)
			if got.Claim != c.claim {
				t.Fatalf("the claim was cut: %q", got.Claim)
			}
			if c.before != "" && got.Before != c.before || c.after != "" && got.After != c.after {
				t.Errorf("before %q after %q", got.Before, got.After)
			}
			if got.CutBefore != c.cutBefore || got.CutAfter != c.cutAfter {
				t.Errorf("cut %v %v, want %v %v", got.CutBefore, got.CutAfter, c.cutBefore, c.cutAfter)
			}
			if c.wantBeforeLenAtMost > 0 && (len(got.Before) > c.wantBeforeLenAtMost || strings.HasPrefix(got.Before, "ord")) {
				t.Errorf("before %q: too long or cut inside a word", got.Before)
			}
			if c.wantAfterLenAtMost > 0 && (len(got.After) > c.wantAfterLenAtMost || strings.HasSuffix(got.After, "wor")) {
				t.Errorf("after %q: too long or cut inside a word", got.After)
			}
			if got.CutBefore && got.Before != "" && !strings.HasSuffix(c.sentence[:i], got.Before) {
				t.Errorf("before %q is not the text before the claim", got.Before)
			}
		})
	}
	// Offsets that miss the sentence: the claim's words are found in it.
	got := clipClaim(claimex.Claim{Sentence: "Police said 30 were held.", Text: "30", SentenceStart: 0, Start: 500, End: 502}, 90)
	if got.Claim != "30" || got.Before != "Police said " {
		t.Errorf("offsets outside the sentence: %+v", got)
	}
}

func TestPager(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/claims?kind=all&page=2", nil)
	p := newPager(r, 2, 100, 250)
	if p.Pages != 3 || p.First != 101 || p.Last != 200 || p.Prev != "/claims?kind=all&page=1" || p.Next != "/claims?kind=all&page=3" {
		t.Errorf("%+v", p)
	}
	if p := newPager(r, 3, 100, 250); p.Next != "" || p.Last != 250 {
		t.Errorf("last page: %+v", p)
	}
	if got := onPage([]int{1, 2, 3, 4, 5}, 3, 2); len(got) != 1 || got[0] != 5 {
		t.Errorf("onPage: %v", got)
	}
	if got := onPage([]int{1, 2}, 9, 2); len(got) != 0 {
		t.Errorf("beyond the end: %v", got)
	}
}
