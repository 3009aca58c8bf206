package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// eventsDB ingests the samples and the reports of the earthquake and the
// bus crash of the events test corpus.
func eventsDB(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"pe-quake-1.html", "pe-quake-2.html", "pe-quake-4.html", "pe-bus-1.html", "pe-bus-3.html"} {
		b, err := os.ReadFile(filepath.Join("../../testdata/events", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	env := map[string]string{envDB: filepath.Join(t.TempDir(), "ev.db")}
	if code, out, errs := cli(t, env, "ingest", seeds, dir); code != exitOK || !strings.Contains(out, "3 events") {
		t.Fatalf("ingest: exit %d: %s%s", code, out, errs)
	}
	return env
}

// eventIDs reads the events' ids from claimex events --format jsonl, by
// a word of their sources ("seeds", "quake", "bus").
func eventIDs(t *testing.T, env map[string]string) map[string]string {
	t.Helper()
	code, out, errs := cli(t, env, "events", "--format", "jsonl")
	if code != exitOK {
		t.Fatalf("events: exit %d: %s", code, errs)
	}
	ids := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var e struct {
			ID      json.Number `json:"id"`
			Sources []string    `json:"sources"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"seeds", "quake", "bus"} {
			if strings.Contains(e.Sources[0], w) {
				ids[w] = e.ID.String()
			}
		}
	}
	return ids
}

func TestEventsCommand(t *testing.T) {
	env := eventsDB(t)
	ids := eventIDs(t, env)
	if len(ids) != 3 {
		t.Fatalf("events %v, want the samples, the earthquake and the bus crash", ids)
	}
	code, out, _ := cli(t, env, "events")
	for _, want := range []string{"ID  DOCS  FIGURES  DATES", "2023-11-20 – 2023-11-24", "Arequipa", "Kazakhstan", "3 events"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("events: exit %d, no %q in\n%s", code, want, out)
		}
	}
	code, out, _ = cli(t, env, "events", "show", ids["quake"])
	if code != exitOK || !strings.Contains(out, "Peru earthquake toll reaches 31") || strings.Contains(out, "Bus plunges") {
		t.Errorf("events show: exit %d\n%s", code, out)
	}

	// Conflicts within an event, and with --since.
	code, out, _ = cli(t, env, "conflicts", "--event", ids["quake"], "--format", "jsonl")
	var g struct {
		Event    int64 `json:"event"`
		Category string
		Figures  []struct {
			Value     float64
			Source    string
			Published *string
			ClaimID   int64 `json:"claim_id"`
		}
	}
	if code != exitOK || json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &g) != nil || g.Category != "killed" || len(g.Figures) < 3 {
		t.Fatalf("conflicts --event --format jsonl: exit %d\n%s", code, out)
	}
	for _, f := range g.Figures {
		if !strings.Contains(f.Source, "pe-quake") || f.Published == nil || f.ClaimID == 0 {
			t.Errorf("a figure of the earthquake: %+v", f)
		}
	}
	code, out, _ = cli(t, env, "conflicts", "--since", "2023-11-22", "--all", "--category", "killed")
	if code != exitOK || strings.Contains(out, "testdata/seeds") || strings.Contains(out, "pe-quake-1") || !strings.Contains(out, "pe-quake-4") {
		t.Errorf("conflicts --since 2023-11-22 keeps what was published since:\n%s", out)
	}
	code, out, _ = cli(t, env, "conflicts", "--category", "killed")
	if code != exitOK || !regexp.MustCompile(`(?s)event \d+: .*Kazakhstan.*killed — people.*≠ 225.*≠ 164.*≠ 26`).MatchString(out) {
		t.Errorf("conflicts: the samples' killed figures are not one group:\n%s", out)
	}

	// Export.
	csvFile := filepath.Join(t.TempDir(), "events.csv")
	if code, _, errs := cli(t, env, "export", "--what", "events", "--format", "csv", "-o", csvFile); code != exitOK {
		t.Fatalf("export events csv: %s", errs)
	}
	f, _ := os.Open(csvFile)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(recs) != 4 || strings.Join(recs[0], ",") != "id,title,places,first_date,last_date,documents,document_ids,sources,figures" {
		t.Errorf("events csv: %v %v", recs, err)
	}
	if code, _, errs := cli(t, env, "export", "--what", "events", "--format", "jsonld"); code != exitUsage {
		t.Errorf("export events jsonld: exit %d (%s), want a usage error", code, errs)
	}

	// Corrections.
	code, out, _ = cli(t, env, "events", "merge", ids["quake"], ids["bus"])
	if code != exitOK || !strings.Contains(out, "2 events in all") {
		t.Errorf("events merge: exit %d: %s", code, out)
	}
	code, out, _ = cli(t, env, "events", "move", "1", "new")
	if code != exitOK || !strings.Contains(out, "moved document 1 to event") || !strings.Contains(out, "3 events in all") {
		t.Errorf("events move: exit %d: %s", code, out)
	}
	for _, bad := range [][]string{{"events", "merge", "1"}, {"events", "move", "x", "new"}, {"events", "frobnicate"},
		{"events", "--format", "xml"}, {"conflicts", "--since", "yesterday"}, {"conflicts", "--format", "csv"}} {
		if code, _, errs := cli(t, env, bad...); code != exitUsage || strings.Count(strings.TrimSpace(errs), "\n") > 1 {
			t.Errorf("%v: exit %d, stderr %q; want a usage error", bad, code, errs)
		}
	}
	for _, bad := range [][]string{{"events", "show", "999"}, {"events", "merge", "999", "1"}, {"events", "move", "999", "new"},
		{"conflicts", "--event", "999"}} {
		if code, _, errs := cli(t, env, bad...); code != exitFailed || !strings.Contains(errs, "999") {
			t.Errorf("%v: exit %d, stderr %q; want one line naming 999", bad, code, errs)
		}
	}
}
