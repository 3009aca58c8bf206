package review

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// eventsFixture serves the samples with two happenings of the test
// corpus: an earthquake whose toll rose over five days (one report
// undated) and a bus crash in the same country a day later.
func eventsFixture(t *testing.T) (*store.Store, string) {
	t.Helper()
	var paths []string
	for _, name := range []string{"000_f98e5ad40a96cb5c.txt", "001_c3d0c4f10a557457.txt", "002_47e49d6628047b86.txt",
		"003_877156c012e558aa.txt", "004_371244e6fb34e273.txt"} {
		paths = append(paths, filepath.Join(seeds, name))
	}
	corpus, err := filepath.Glob("../testdata/events/pe-*.html")
	if err != nil || len(corpus) == 0 {
		t.Fatalf("no test corpus: %v", err)
	}
	st, _, ts := serveIngested(t, Config{}, rules.Default(), append(paths, corpus...))
	return st, ts.URL
}

// chartFits is a script that returns what of the page's first chart does
// not fit: a label outside the drawing, two date labels over each other,
// an undated point left of the divider or a dated one right of it.
const chartFits = `(() => {
	const svg = document.querySelector("svg.chart");
	if (!svg) return ["no chart"];
	const vb = svg.viewBox.baseVal, bad = [];
	for (const t of svg.querySelectorAll("text")) {
		const b = t.getBBox();
		if (b.x < 0 || b.y < 0 || b.x + b.width > vb.width || b.y + b.height > vb.height) bad.push("cut off: " + t.textContent);
	}
	const xs = [...svg.querySelectorAll("text.xtick")].map(t => t.getBBox());
	for (let i = 1; i < xs.length; i++) if (xs[i-1].x + xs[i-1].width > xs[i].x) bad.push("overlap at label " + i);
	const div = svg.querySelector("line.divider");
	if (div) {
		const dx = div.x1.baseVal.value;
		for (const c of svg.querySelectorAll("circle")) {
			const undated = !/\d{4}$/.test(c.querySelector("title").textContent);
			if (undated !== (c.cx.baseVal.value > dx)) bad.push("on the wrong side: " + c.querySelector("title").textContent);
		}
	}
	return bad;
})()`

func TestBrowserEvents(t *testing.T) {
	st, base := eventsFixture(t)
	ctx := browser(t)

	// The events page lists the three happenings.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/events"), chromedp.WaitVisible("table.events")); err != nil {
		t.Fatal(err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("table.events tbody tr")].map(r => r.innerText)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("the events page lists %d events, want 3 (the samples, the earthquake, the bus crash): %q", len(rows), rows)
	}
	shoot(t, ctx, "events.png")

	// The earthquake's page: its five reports and a chart of its toll.
	quake := ""
	for _, r := range rows {
		if strings.Contains(r, "Arequipa") {
			quake = strings.Fields(r)[0]
		}
	}
	if quake == "" {
		t.Fatalf("no event in Arequipa among %q", rows)
	}
	err = chromedp.Do(ctx, chromedp.Click(`table.events a[href="/events/`+quake+`"]`, chromedp.NodeVisible),
		chromedp.WaitVisible("svg.chart"))
	if err != nil {
		t.Fatalf("opening event %s: %v", quake, err)
	}
	docs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.documents tbody tr").length`))
	if err != nil || docs != 5 {
		t.Errorf("the earthquake's page lists %d documents (%v), want 5", docs, err)
	}
	bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](chartFits))
	if err != nil || len(bad) > 0 {
		t.Errorf("the earthquake's chart: %q (%v)", bad, err)
	}
	labels, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("svg.chart text.xtick")].map(t => t.textContent)`))
	if err != nil || len(labels) < 3 || labels[len(labels)-1] != "undated" || strings.Contains(strings.Join(labels, " "), "T0") {
		t.Errorf("date labels %q (%v): want days, then undated", labels, err)
	}
	shoot(t, ctx, "event.png")

	// Merging two events in the page makes them one.
	bus := ""
	for _, r := range rows {
		if strings.Contains(r, "Cusco") {
			bus = strings.Fields(r)[0]
		}
	}
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/events"), chromedp.WaitVisible("table.events"),
		chromedp.SendKeys(`form input[name="b"][required]`, bus), chromedp.SendKeys(`form input[name="a"][required]`, quake),
		chromedp.Submit(`form input[name="b"][required]`), chromedp.WaitVisible("p.message"))
	if err != nil {
		t.Fatalf("merging events %s and %s: %v", quake, bus, err)
	}
	evs, err := st.Events(context.Background(), 0)
	if err != nil || len(evs) != 2 {
		t.Errorf("after the merge: %d events (%v), want 2", len(evs), err)
	}
	if cs, _ := st.EventCorrections(context.Background()); len(cs) != 1 || cs[0].Reviewer != "tester" {
		t.Errorf("corrections stored: %+v", cs)
	}
}
