package review

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// widths are the screens every page must fit without sideways scrolling:
// a phone and a laptop.
var widths = []struct {
	w, h int64
	name string
}{{390, 844, "390"}, {1366, 900, "1366"}}

// open loads a page and waits until its keys work.
func open(ctx context.Context, url string) error {
	return chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady(`body[data-ready="1"]`))
}

// overflow is how many pixels the page is wider than the window (0: none).
func overflow(ctx context.Context) (int, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[int](`Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)`))
}

// widest names the element that sticks out furthest to the right, for the
// message of a failing test.
func widest(ctx context.Context) string {
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { let w = null, r = 0;
		for (const e of document.querySelectorAll("body *")) { const b = e.getBoundingClientRect().right;
			if (b > r && !e.closest(".table-scroll, .scroll-box")) { r = b; w = e; } }
		return w ? w.tagName + "." + w.className + " #" + w.id + " right=" + Math.round(r) : "" })()`))
	return s
}

func TestBrowserWidths(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixtureWith(t, Config{Double: true})
	var ids []int64
	st.Claims(ctx, store.ClaimFilter{Kind: claimex.KindCount, Limit: 4}, func(v store.ClaimView) error {
		ids = append(ids, v.ID)
		return nil
	})
	// Something in every queue and in the history.
	st.Decide(ctx, store.Decision{ClaimID: ids[0], Action: claimex.Accepted, Reviewer: "tester", Note: "as the wire said"})
	st.Decide(ctx, store.Decision{ClaimID: ids[1], Action: claimex.Accepted, Reviewer: "tester", Opinion: true})
	st.Decide(ctx, store.Decision{ClaimID: ids[1], Action: claimex.Rejected, Reviewer: "ben", Opinion: true})
	st.SetFlag(ctx, ids[2], true, "tester", "is this the same attack?", "")
	var hostileDoc int64
	st.Claims(ctx, store.ClaimFilter{Source: "hostile"}, func(v store.ClaimView) error { hostileDoc = v.DocumentID; return nil })
	evs, err := st.Events(ctx, 0)
	if err != nil || len(evs) == 0 {
		t.Fatalf("events: %v (%v)", evs, err)
	}
	pages := []struct{ path, shot string }{
		{"/events", ""}, {"/events/" + itoa(evs[0].ID), ""},
		{"/queue", "queue"}, {"/queue?kind=entity", ""}, {"/queue?queue=flagged", ""}, {"/queue?queue=adjudicate", ""},
		{"/names", "names"}, {"/names?entity=Kazakhstan", ""}, {"/claims", "claims"}, {"/claims?kind=all&q=killed", ""}, {"/documents", ""},
		{"/documents/1", ""}, {"/documents/" + itoa(hostileDoc) + "?entities=1", ""}, {"/conflicts", ""},
		{"/conflicts?all=1", ""}, {"/entities", "entities"}, {"/history", "history"}, {"/agreement", ""},
		{"/nowhere", ""}, {"/whoami", ""},
	}
	b := browser(t)
	for _, w := range widths {
		if err := chromedp.Do(b, chromedp.EmulateViewport(w.w, w.h)); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := open(b, ts.URL+p.path); err != nil {
				t.Fatalf("%s at %s px: %v", p.path, w.name, err)
			}
			if n, err := overflow(b); err != nil || n > 0 {
				t.Errorf("%s at %s px: %d px wider than the window (%v); widest: %s", p.path, w.name, n, err, widest(b))
			}
			if p.shot != "" {
				shoot(t, b, p.shot+"-"+w.name+".png")
			}
		}
		// Undo is in view beside each decision of the history, not past
		// the edge of a box that scrolls.
		if err := open(b, ts.URL+"/history"); err != nil {
			t.Fatal(err)
		}
		inView, err := chromedp.Run(b, chromedp.Evaluate[bool](`(() => { const u = document.querySelector("button.undo-one");
			return !!u && u.getBoundingClientRect().right <= window.innerWidth && u.getBoundingClientRect().right <= u.closest("div").getBoundingClientRect().right })()`))
		if err != nil || !inView {
			t.Errorf("at %s px the history's Undo is out of view (%v)", w.name, err)
		}
		// The help and the editor open over the queue, which still fits.
		if err := open(b, ts.URL+"/queue"); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(b, chromedp.KeyEvent("?"), chromedp.WaitVisible("#help")); err != nil {
			t.Fatal(err)
		}
		if n, _ := overflow(b); n > 0 {
			t.Errorf("the help at %s px: %d px too wide", w.name, n)
		}
		shoot(t, b, "help-"+w.name+".png")
		if err := chromedp.Do(b, chromedp.KeyEvent("\x1b"), chromedp.WaitNotVisible("#help"), chromedp.KeyEvent("e"),
			chromedp.WaitVisible("#editor")); err != nil {
			t.Fatal(err)
		}
		if n, _ := overflow(b); n > 0 {
			t.Errorf("the editor at %s px: %d px too wide", w.name, n)
		}
		// The claim is in view and so are the buttons: centring on it
		// scrolls its box, not the page.
		inView, err = chromedp.Run(b, chromedp.Evaluate[bool](`(() => { const a = document.getElementById("accept").getBoundingClientRect();
			return a.top >= 0 && a.bottom <= window.innerHeight && window.scrollY === 0 })()`))
		if err != nil || !inView {
			t.Errorf("at %s px the Accept button is off screen (%v)", w.name, err)
		}
	}
}

// aebPaths writes the first n of the AEB benchmark's pages (gzipped
// HTML; n <= 0: all of them) into a folder of the test's, or skips the
// test when they are not there.
func aebPaths(t *testing.T, n int) []string {
	t.Helper()
	pages, _ := filepath.Glob("../../shared/bench/aeb/html/*.html.gz")
	if len(pages) == 0 {
		pages, _ = filepath.Glob("/work/shared/bench/aeb/html/*.html.gz")
	}
	if len(pages) == 0 {
		t.Skip("no AEB pages (../shared/bench/aeb/html/*.html.gz): the two-reviewer test needs their claims")
	}
	if n > 0 && n < len(pages) {
		pages = pages[:n] // Glob sorts: the same pages every run
	}
	dir := t.TempDir()
	var out []string
	for _, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		name := filepath.Join(dir, strings.TrimSuffix(filepath.Base(p), ".gz"))
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, name)
	}
	return out
}

// nextShown waits until the queue shows a claim other than not, or says
// it is done ("done"), with its keys working.
func nextShown(ctx context.Context, not string) (string, error) {
	deadline := time.Now().Add(waitTimeout)
	for {
		id, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { if (!document.body || document.body.dataset.ready !== "1") return null;
			if (document.getElementById("done")) return "done";
			const c = document.getElementById("claim");
			return c && c.dataset.claim !== `+strconv.Quote(not)+` ? c.dataset.claim : null })()`,
			chromedp.WithPollingTimeout(10*time.Second)))
		if err == nil || time.Now().After(deadline) {
			return id, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// deskAEB makes TestBrowserTwoReviewers use every AEB page, not the
// first few (make stress sets it): under -race on a busy CI machine the
// ingest of all 181 takes minutes.
var deskAEB = flag.Bool("desk-aeb", false, "TestBrowserTwoReviewers: the samples and every AEB page (../shared/bench/aeb), not the first few")

// aebFew is how many AEB pages TestBrowserTwoReviewers takes without
// -desk-aeb: with the samples, more claims than the 200 decisions.
const aebFew = 12

// TestBrowserTwoReviewers: two reviewers, each in a browser of their own
// with their own link, decide 200 times between them, at once, on the
// samples and the first AEB pages (with -desk-aeb, all of them), figures,
// then names; no claim is ever shown to both.
func TestBrowserTwoReviewers(t *testing.T) {
	ctx := context.Background()
	paths, _ := filepath.Glob(filepath.Join(seeds, "*.txt"))
	n := aebFew
	if *deskAEB {
		n = 0
	}
	paths = append(paths, aebPaths(t, n)...)
	start := time.Now()
	st, _, ts := serveIngested(t, Config{RequireToken: true}, rules.Default(), paths)
	t.Logf("%d documents ingested in %s", len(paths), time.Since(start).Round(time.Millisecond))
	start = time.Now()
	defer func() { t.Logf("decisions made in %s", time.Since(start).Round(time.Millisecond)) }()
	tokens := map[string]string{"ana": "a1b2c3d4e5f60718293a4b5c6d7e8f90", "ben": "b1b2c3d4e5f60718293a4b5c6d7e8f90"}
	for name, tok := range tokens {
		if err := st.AddReviewer(ctx, name, tok); err != nil {
			t.Fatal(err)
		}
	}
	b := browser(t)
	const decisions = 200
	var mu sync.Mutex
	shownTo := map[string]string{} // claim id → reviewer
	made := 0
	var wg sync.WaitGroup
	for name, tok := range tokens {
		bc, cancel := chromedp.NewContext(b, chromedp.WithNewBrowserContext())
		defer cancel()
		wg.Go(func() {
			if err := chromedp.Do(bc, chromedp.EmulateViewport(1366, 900)); err != nil {
				t.Error(err)
				return
			}
			if err := open(bc, ts.URL+"/?token="+tok); err != nil {
				t.Errorf("%s: %v", name, err)
				return
			}
			kind, last := "count", ""
			for i := 0; ; i++ {
				id, err := nextShown(bc, last)
				if err != nil {
					t.Errorf("%s, decision %d: no next claim: %v", name, i, err)
					return
				}
				if id == "done" {
					if kind == "entity" {
						t.Errorf("%s: both queues done before %d decisions", name, decisions)
						return
					}
					kind, last = "entity", ""
					if err := open(bc, ts.URL+"/queue?kind=entity"); err != nil {
						t.Error(err)
						return
					}
					continue
				}
				mu.Lock()
				if other, dup := shownTo[id]; dup && other != name {
					t.Errorf("claim %s was shown to %s and to %s", id, other, name)
				}
				shownTo[id] = name
				if made >= decisions {
					mu.Unlock()
					return
				}
				made++
				mu.Unlock()
				if err := chromedp.Do(bc, chromedp.KeyEvent([]string{"a", "r"}[i%2])); err != nil {
					t.Error(err)
					return
				}
				last = id
			}
		})
	}
	wg.Wait()
	// Every decision is recorded, under the name of whoever made it; a
	// headline's figure the body states again is decided with the body's
	// claim, by whoever was shown that.
	var decided []store.ClaimView
	st.Claims(ctx, store.ClaimFilter{}, func(v store.ClaimView) error {
		if v.Reviewer != "" {
			decided = append(decided, v)
		}
		return nil
	})
	byReviewer := map[string]int{}
	for _, v := range decided {
		who, shown := shownTo[itoa(v.ID)]
		if !shown {
			twins, err := st.Twins(ctx, v.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, tw := range twins {
				if w, ok := shownTo[itoa(tw.ID)]; ok {
					who = w
				}
			}
		}
		if who != v.Reviewer {
			t.Errorf("claim %d decided by %s, shown to %q", v.ID, v.Reviewer, who)
		}
		if shown {
			byReviewer[v.Reviewer]++
		}
	}
	if byReviewer["ana"]+byReviewer["ben"] != decisions || byReviewer["ana"] == 0 || byReviewer["ben"] == 0 {
		t.Errorf("decisions recorded: %v, want %d between the two", byReviewer, decisions)
	}
}

func TestBrowserUndoFromHistory(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixture(t, "")
	b := browser(t)
	if err := open(b, ts.URL+"/queue"); err != nil {
		t.Fatal(err)
	}
	var decided []string
	last := ""
	for _, k := range []string{"a", "r", "a"} {
		id, err := nextShown(b, last)
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(b, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
		decided, last = append(decided, id), id
	}
	if _, err := nextShown(b, last); err != nil {
		t.Fatal(err)
	}
	if err := open(b, ts.URL+"/history"); err != nil {
		t.Fatal(err)
	}
	// The history lists the three, newest first; undo the middle one.
	rows, err := chromedp.Run(b, chromedp.Evaluate[int](`document.querySelectorAll("button.undo-one").length`))
	if err != nil || rows != 3 {
		t.Fatalf("%d decisions with an undo button, want 3 (%v)", rows, err)
	}
	if err := chromedp.Do(b, chromedp.Click(`tbody tr:nth-child(2) button.undo-one`, chromedp.NodeVisible),
		chromedp.WaitVisible(`tbody tr:nth-child(2).undone`)); err != nil {
		t.Fatalf("undo from the history: %v", err)
	}
	want := map[string]claimex.Status{decided[0]: claimex.Accepted, decided[1]: claimex.Unreviewed, decided[2]: claimex.Accepted}
	for id, w := range want {
		if got := status(t, st, id); got != w {
			t.Errorf("claim %s is %s, want %s", id, got, w)
		}
	}
	// u on the history page takes back the latest still standing.
	if err := chromedp.Do(b, chromedp.WaitReady(`body[data-ready="1"]`), chromedp.KeyEvent("u")); err != nil {
		t.Fatal(err)
	}
	if id, err := nextShown(b, ""); err != nil || id != decided[2] {
		t.Errorf("u showed %q (%v), want %s", id, err, decided[2])
	}
	if got := status(t, st, decided[2]); got != claimex.Unreviewed {
		t.Errorf("after u, claim %s is %s", decided[2], got)
	}
	// One of this reviewer's decisions is left standing: u takes it back
	// and shows it; u once more, with nothing left, lands on a styled page
	// with a way back.
	if err := chromedp.Do(b, chromedp.KeyEvent("u")); err != nil {
		t.Fatal(err)
	}
	if id, err := nextShown(b, decided[2]); err != nil || id != decided[0] {
		t.Errorf("the second u showed %q (%v), want %s", id, err, decided[0])
	}
	if got := status(t, st, decided[0]); got != claimex.Unreviewed {
		t.Errorf("after the second u, claim %s is %s", decided[0], got)
	}
	if err := chromedp.Do(b, chromedp.KeyEvent("u"), chromedp.WaitVisible("#error-message"), chromedp.WaitVisible("#go-back")); err != nil {
		t.Errorf("u with nothing to undo: %v", err)
	}
	_ = ctx
}

func TestBrowserKeys(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixture(t, "")
	b := browser(t)
	if err := open(b, ts.URL+"/queue"); err != nil {
		t.Fatal(err)
	}
	// ? shows every key the page answers to; Esc hides it.
	if err := chromedp.Do(b, chromedp.KeyEvent("?"), chromedp.WaitVisible("#help")); err != nil {
		t.Fatal(err)
	}
	missing, err := chromedp.Run(b, chromedp.Evaluate[[]string](`[...document.querySelectorAll("[data-key]")]
		.map(e => e.dataset.key).filter(k => !document.querySelector('#help [data-help-key="' + CSS.escape(k) + '"]'))`))
	if err != nil || len(missing) > 0 {
		t.Errorf("keys not in the help: %v (%v)", missing, err)
	}
	if err := chromedp.Do(b, chromedp.KeyEvent("\x1b"), chromedp.WaitNotVisible("#help")); err != nil {
		t.Fatal(err)
	}
	// s skips: the next claim, the skipped one undecided.
	first, err := nextShown(b, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b, chromedp.KeyEvent("s")); err != nil {
		t.Fatal(err)
	}
	second, err := nextShown(b, first)
	if err != nil {
		t.Fatalf("s did not move on: %v", err)
	}
	if status(t, st, first) != claimex.Unreviewed {
		t.Error("s decided on the claim")
	}
	// f flags: the next claim, and the flagged one in the flagged queue.
	if err := chromedp.Do(b, chromedp.KeyEvent("f")); err != nil {
		t.Fatal(err)
	}
	third, err := nextShown(b, second)
	if err != nil || third == first {
		t.Fatalf("f did not move on to a new claim: %q %v", third, err)
	}
	if n, _ := chromedp.Run(b, chromedp.Text("#flagged")); n != "1" {
		t.Errorf("flagged counter %q, want 1", n)
	}
	if err := open(b, ts.URL+"/queue?queue=flagged"); err != nil {
		t.Fatal(err)
	}
	if id, err := nextShown(b, ""); err != nil || id != second {
		t.Fatalf("the flagged queue shows %q (%v), want %s", id, err, second)
	}
	// f in the flagged queue takes the flag off; the claim is back in the
	// review queue, still undecided.
	if err := chromedp.Do(b, chromedp.KeyEvent("f")); err != nil {
		t.Fatal(err)
	}
	if id, err := nextShown(b, second); err != nil || id != "done" {
		t.Errorf("after unflagging, the flagged queue shows %q (%v)", id, err)
	}
	n, _ := strconv.ParseInt(second, 10, 64)
	if v, _ := st.Claim(ctx, n); v.Status != claimex.Unreviewed {
		t.Errorf("the unflagged claim is %s", v.Status)
	}
	if _, flagged, _ := st.FlagOf(ctx, mustClaim(t, st, second).Key); flagged {
		t.Error("the flag is still there")
	}
}

func mustClaim(t *testing.T, st *store.Store, id string) store.ClaimView {
	t.Helper()
	n, _ := strconv.ParseInt(id, 10, 64)
	v, err := st.Claim(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBrowserLive: what another reviewer decides shows in an open page
// within seconds, without a reload: the claims table's status, the queue's
// counters.
func TestBrowserLive(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixture(t, "")
	b := browser(t)
	if err := open(b, ts.URL+"/claims"); err != nil {
		t.Fatal(err)
	}
	v := firstClaim(t, st)
	if _, err := st.Decide(ctx, store.Decision{ClaimID: v.ID, Action: claimex.Rejected, Reviewer: "ben"}); err != nil {
		t.Fatal(err)
	}
	sel := fmt.Sprintf(`[data-claim-status="%d"]`, v.ID)
	if _, err := chromedp.Run(b, chromedp.Poll[bool](`document.querySelector(`+strconv.Quote(sel)+`).textContent === "rejected"`,
		chromedp.WithPollingTimeout(waitTimeout))); err != nil {
		t.Errorf("ben's decision did not show on the claims page: %v", err)
	}
	// The page was not reloaded: a mark set on it is still there.
	if err := chromedp.Do(b, chromedp.Evaluate[chromedp.Void](`window.__mark = 1`)); err != nil {
		t.Fatal(err)
	}
	if err := open(b, ts.URL+"/queue"); err != nil {
		t.Fatal(err)
	}
	before, _ := chromedp.Run(b, chromedp.Text("#reviewed"))
	w, _, _ := st.First(ctx, store.ClaimFilter{Kind: claimex.KindCount, After: v.ID})
	if _, err := st.Decide(ctx, store.Decision{ClaimID: w.ID, Action: claimex.Accepted, Reviewer: "ben"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b, chromedp.Evaluate[chromedp.Void](`window.__mark = 2`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(b, chromedp.Poll[bool](`document.getElementById("reviewed").textContent !== `+strconv.Quote(before)+
		` && window.__mark === 2`, chromedp.WithPollingTimeout(waitTimeout))); err != nil {
		t.Errorf("the queue's counters did not follow ben's decision (were %s): %v", before, err)
	}
}

func TestBrowserAsksName(t *testing.T) {
	ctx := context.Background()
	st, _, ts := fixtureWith(t, Config{AskName: true})
	b := browser(t)
	if err := chromedp.Do(b, chromedp.Navigate(ts.URL+"/queue"), chromedp.WaitVisible("#whoami"),
		chromedp.SendKeys("#name", "Zoë <b>Ærø</b>"), chromedp.Submit("#whoami")); err != nil {
		t.Fatal(err)
	}
	id, err := nextShown(b, "")
	if err != nil {
		t.Fatal(err)
	}
	if who, _ := chromedp.Run(b, chromedp.Text("#who")); who != "Zoë <b>Ærø</b>" {
		t.Errorf("the page says the reviewer is %q", who)
	}
	if err := chromedp.Do(b, chromedp.KeyEvent("a")); err != nil {
		t.Fatal(err)
	}
	if _, err := nextShown(b, id); err != nil {
		t.Fatal(err)
	}
	if v := mustClaim(t, st, id); v.Reviewer != "Zoë <b>Ærø</b>" {
		t.Errorf("recorded as %q", v.Reviewer)
	}
	// Asked once: another page does not ask again.
	if err := open(b, ts.URL+"/claims"); err != nil {
		t.Fatal(err)
	}
	if asked, _ := chromedp.Run(b, chromedp.Evaluate[bool](`!!document.getElementById("whoami")`)); asked {
		t.Error("asked the name again")
	}
	_ = ctx
}
