package review

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

var screenshots = flag.String("screenshots", "", "write screenshots of the queue, a document and the conflicts page to this `folder`")

// browser starts a headless Chromium for the test, or skips the test when
// there is none, except under CI, where a missing browser is a failure.
func browser(t *testing.T) context.Context {
	t.Helper()
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium found: .ci/run installs Debian's chromium; browser tests may not be skipped in CI")
		}
		t.Skip("no Chromium found (apt-get install chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.WindowSize(1400, 900),
		chromedp.Flag("disable-gpu", true),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	// Generous: CI runs this on two busy cores under -race.
	ctx, cancelTimeout := context.WithTimeout(ctx, 10*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	// Any alert, confirm or prompt fails the test: the pages open none
	// by themselves, so one means injected script ran.
	chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			t.Errorf("the page opened a dialog: %q", d.Message)
		}
	})
	return ctx
}

// waitTimeout bounds a wait for a page: long, because a test must not
// depend on the machine's speed; a page that works arrives long before.
const waitTimeout = 2 * time.Minute

// waitClaim waits until the queue shows a claim other than not, with its
// keys working (app.js has run and marked the page ready): a key pressed
// before that would be lost.
func waitClaim(ctx context.Context, not string) (string, error) {
	// A poll does not survive a navigation, and pressing a key navigates:
	// poll again in the new page until the time is up.
	deadline := time.Now().Add(waitTimeout)
	for {
		id, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const c = document.getElementById("claim");
			return document.body && document.body.dataset.ready === "1" && c && c.dataset.claim !== `+strconv.Quote(not)+`
				? c.dataset.claim : null })()`,
			chromedp.WithPollingTimeout(10*time.Second)))
		if err == nil || time.Now().After(deadline) {
			return id, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func status(t *testing.T, st *store.Store, id string) claimex.Status {
	t.Helper()
	n, _ := strconv.ParseInt(id, 10, 64)
	v, err := st.Claim(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	return v.Status
}

func TestBrowserQueue(t *testing.T) {
	st, _, ts := fixture(t, "")
	ctx := browser(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/queue"), chromedp.WaitVisible("#claim")); err != nil {
		t.Fatal(err)
	}
	first, err := waitClaim(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	shoot(t, ctx, "queue.png")

	// a accepts and moves on to the next claim.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("a")); err != nil {
		t.Fatal(err)
	}
	next, err := waitClaim(ctx, first)
	if err != nil {
		t.Fatalf("the queue did not move on after a: %v", err)
	}
	if got := status(t, st, first); got != claimex.Accepted {
		t.Fatalf("after a, claim %s is %s, want accepted", first, got)
	}
	if reviewed, _ := chromedp.Run(ctx, chromedp.Text("#reviewed")); reviewed != "1" {
		t.Errorf("reviewed counter = %q, want 1", reviewed)
	}

	// u takes it back and shows it again.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("u")); err != nil {
		t.Fatal(err)
	}
	back, err := waitClaim(ctx, next)
	if err != nil || back != first {
		t.Fatalf("after u the queue shows %q (%v), want claim %s", back, err, first)
	}
	if got := status(t, st, first); got != claimex.Unreviewed {
		t.Fatalf("after u, claim %s is %s, want unreviewed", first, got)
	}

	// r rejects; e opens the editor, and Enter saves a corrected value.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("r")); err != nil {
		t.Fatal(err)
	}
	cur, err := waitClaim(ctx, first)
	if err != nil || status(t, st, first) != claimex.Rejected {
		t.Fatalf("r: %v, status %s", err, status(t, st, first))
	}
	err = chromedp.Do(ctx, chromedp.KeyEvent("e"), chromedp.WaitVisible(`#editor input[name="value"]`),
		chromedp.SendKeys(`#editor input[name="value"]`, "4,321"))
	if err != nil {
		t.Fatal(err)
	}
	typed, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#editor input[name="value"]').value`))
	if typed != "4,321" {
		t.Fatalf("the value field holds %q", typed)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	if _, err := waitClaim(ctx, cur); err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.ParseInt(cur, 10, 64)
	if v, _ := st.Claim(context.Background(), n); v.Status != claimex.Edited || v.ReviewedValue == nil || *v.ReviewedValue != 4321 {
		t.Errorf("after editing, claim %s: %s %v", cur, v.Status, v.ReviewedValue)
	}

	// A POST from the page without the CSRF token is refused.
	code, err := chromedp.Run(ctx, chromedp.Evaluate[int](`fetch("/claims/`+first+`/decide", {method: "POST",
		headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: "action=accept"}).then(r => r.status)`,
		chromedp.EvalAwaitPromise))
	if err != nil || code != 403 {
		t.Errorf("POST without the CSRF token: status %d (%v), want 403", code, err)
	}
	if status(t, st, first) != claimex.Rejected {
		t.Error("a POST without the CSRF token changed a decision")
	}

	// j and k move without deciding.
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/queue?id="+first)); err != nil {
		t.Fatal(err)
	}
	if _, err := waitClaim(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("j")); err != nil {
		t.Fatal(err)
	}
	at, err := waitClaim(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("k")); err != nil {
		t.Fatal(err)
	}
	if back, err := waitClaim(ctx, at); err != nil || back != first {
		t.Errorf("k went to %q (%v), want %s", back, err, first)
	}
	if status(t, st, first) != claimex.Rejected {
		t.Error("moving with j and k changed a decision")
	}
}

func TestBrowserHostileArticle(t *testing.T) {
	st, _, ts := fixture(t, "")
	ctx := browser(t)
	var doc int64
	var claim int64
	st.Claims(context.Background(), store.ClaimFilter{Source: "hostile"}, func(v store.ClaimView) error {
		doc, claim = v.DocumentID, v.ID
		return nil
	})
	if doc == 0 {
		t.Fatal("the hostile article has no claims")
	}
	for _, path := range []string{"/documents/" + itoa(doc), "/documents/" + itoa(doc) + "?entities=1",
		"/queue?id=" + itoa(claim), "/claims?source=hostile&kind=all"} {
		err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+path), chromedp.WaitReady(`body[data-ready="1"]`))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if ran, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__xss !== undefined`)); err != nil || ran {
			t.Errorf("%s: the article's script ran (%v)", path, err)
		}
		text, _ := chromedp.Run(ctx, chromedp.Text("main"))
		if !strings.Contains(text, "<script>") && !strings.Contains(text, "onerror") {
			t.Errorf("%s: the article's text is not shown as text", path)
		}
		injected, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("main script, main img, main svg").length`))
		if err != nil || injected != 0 {
			t.Errorf("%s: %d elements of the article's markup in the page", path, injected)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/documents/1"), chromedp.WaitVisible("a.claim")); err != nil {
		t.Fatal(err)
	}
	shoot(t, ctx, "document.png")
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/conflicts"), chromedp.WaitVisible("svg.chart")); err != nil {
		t.Fatal(err)
	}
	shoot(t, ctx, "conflicts.png")

	// Clicking a highlight in a document opens that claim in the queue.
	err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/documents/1"), chromedp.WaitVisible("a.claim"),
		chromedp.Click("a.claim", chromedp.NodeVisible), chromedp.WaitVisible("#claim"))
	if err != nil {
		t.Fatalf("clicking a highlight: %v", err)
	}
	if id, err := waitClaim(ctx, ""); err != nil || id == "" {
		t.Errorf("clicking a highlight opened %q (%v)", id, err)
	}
}

// shoot saves a screenshot of the page to the -screenshots folder, if
// one was given.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if *screenshots == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(*screenshots, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
