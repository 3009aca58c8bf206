package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/claimex/claimex/internal/pgtest"
)

// TestMain lets a test run this binary's main as a subprocess, which
// exits however main exits (the crash test kills it partway).
func TestMain(m *testing.M) {
	if os.Getenv("CLAIMEX_TEST_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(pgtest.Main(m))
}

// claimSet exports the current claims and returns them by key.
func claimSet(t *testing.T, db string, args ...string) map[string]map[string]any {
	t.Helper()
	out := filepath.Join(t.TempDir(), "claims.jsonl")
	args = append([]string{"export", "--db", db, "--format", "jsonl", "-o", out}, args...)
	if code, _, errs := cli(t, nil, args...); code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	set := map[string]map[string]any{}
	for _, r := range readJSONL(t, out) {
		set[r["key"].(string)] = r
	}
	return set
}

// reviewedFields are the fields a review decides on; a claim whose key
// stays but whose fields move is "changed".
var reviewedFields = []string{"kind", "category", "value", "value_max", "qualifier", "vague", "subject", "entity_type",
	"attribution", "location"}

func label(r map[string]any) string {
	if r["kind"] == "count" {
		return r["category"].(string)
	}
	return "entity:" + r["entity_type"].(string)
}

// expectedDiff compares two claim sets by key, the way a reader of the
// exports would, independently of the store's own diff.
func expectedDiff(before, after map[string]map[string]any) map[string][4]int {
	out := map[string][4]int{}
	for k, a := range after {
		b, ok := before[k]
		row := out[label(a)]
		switch {
		case !ok:
			row[0]++
		case sameFields(a, b):
			row[3]++
		default:
			row[2]++
		}
		out[label(a)] = row
	}
	for k, b := range before {
		if _, ok := after[k]; !ok {
			row := out[label(b)]
			row[1]++
			out[label(b)] = row
		}
	}
	return out
}

func sameFields(a, b map[string]any) bool {
	for _, f := range reviewedFields {
		if !reflect.DeepEqual(a[f], b[f]) {
			return false
		}
	}
	return true
}

// parseDiff reads the table claimex extract prints.
func parseDiff(t *testing.T, out string) map[string][4]int {
	t.Helper()
	rows := map[string][4]int{}
	sc := bufio.NewScanner(strings.NewReader(out))
	in := false
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 5 && f[0] == "CATEGORY" {
			in = true
			continue
		}
		if !in || len(f) != 5 || f[0] == "total" {
			if in && len(f) > 0 && f[0] == "total" {
				break
			}
			continue
		}
		var row [4]int
		for i := range 4 {
			n, err := strconv.Atoi(f[i+1])
			if err != nil {
				t.Fatalf("diff line %q: %v", sc.Text(), err)
			}
			row[i] = n
		}
		rows[f[0]] = row
	}
	return rows
}

// TestReviewsSurviveRuleChange is the users' day: ingest, review, change
// the rules, re-extract, and find every decision still there.
func TestReviewsSurviveRuleChange(t *testing.T) {
	dir := t.TempDir()
	db := testDB(t, dir, "r.db")
	if code, _, errs := cli(t, nil, "ingest", "--db", db, seeds); code != exitOK {
		t.Fatalf("ingest: %s", errs)
	}
	before := claimSet(t, db)

	// Pick the claims to review from the export, by what they say.
	find := func(cat, text string) map[string]any {
		t.Helper()
		for _, r := range before {
			if r["kind"] == "count" && r["category"] == cat && strings.Contains(r["text"].(string), text) {
				return r
			}
		}
		t.Fatalf("no %s claim %q among the samples' claims", cat, text)
		return nil
	}
	id := claimID
	released := find("released", "hundred people have been released")
	insurgents := find("other", "20,000 insurgents")
	var killed []map[string]any
	for _, r := range before {
		if r["category"] == "killed" {
			killed = append(killed, r)
		}
	}
	sort.Slice(killed, func(i, j int) bool { return killed[i]["id"].(float64) < killed[j]["id"].(float64) })
	accepted := []map[string]any{released, killed[0], killed[1], killed[2], killed[3]}
	rejected := []map[string]any{insurgents, find("other", "18 million inhabitants"), find("other", "546 criminal cases")}
	// The headline's "4,500 Injured": its edit is one of the body's
	// "4,500 injured" too.
	edited := find("injured", "4,500 Injured")

	review := func(args ...string) { t.Helper(); reviewAs(t, db, "ana", args...) }
	var acceptIDs, rejectIDs []string
	for _, r := range accepted {
		acceptIDs = append(acceptIDs, id(r))
	}
	for _, r := range rejected {
		rejectIDs = append(rejectIDs, id(r))
	}
	review(append([]string{"accept"}, acceptIDs...)...)
	review(append([]string{"reject"}, rejectIDs...)...)
	review("edit", id(edited), "--value", "4,578", "--note", "the prosecutor's later figure")

	// Change the rules: "released" no longer triggers, "insurgents" counts
	// as protesters.
	code, text, _ := cli(t, nil, "rules", "show")
	if code != exitOK {
		t.Fatal("rules show failed")
	}
	changed := strings.Replace(text, "predicates: [released, releasing,", "predicates: [releasing,", 1)
	changed = strings.Replace(changed, "nouns: [protesters, protestors,", "nouns: [insurgents, protesters, protestors,", 1)
	if changed == text || strings.Count(changed, "insurgents") != strings.Count(text, "insurgents")+1 {
		t.Fatal("the rules edit did not apply; has the default rules file changed?")
	}
	rulesFile := filepath.Join(dir, "my-rules.yaml")
	os.WriteFile(rulesFile, []byte(changed), 0o644)

	code, out, errs := cli(t, nil, "extract", "--db", db, "--rules", rulesFile)
	if code != exitOK {
		t.Fatalf("extract: exit %d\n%s%s", code, out, errs)
	}
	after := claimSet(t, db)

	// The diff reports exactly what the exports show changed.
	want, got := expectedDiff(before, after), parseDiff(t, out)
	if !reflect.DeepEqual(want, got) {
		t.Errorf("extract diff =\n%v\nwant (from the exports)\n%v\noutput:\n%s", got, want, out)
	}
	if got["released"][1] != 1 || got["protesters"][2] != 1 || got["other"][1] != 0 {
		t.Errorf("the rule change should lose the release and move the insurgents to protesters:\n%s", out)
	}
	if after[insurgents["key"].(string)]["category"] != "protesters" || after[released["key"].(string)] != nil {
		t.Error("claims after the rule change are not as expected")
	}

	// Every decision is still there: 10 reviews (the edit of the headline's
	// "4,500 Injured" is one of the body's "4,500 injured" too, under its
	// own key), the release orphaned, the insurgents changed, the rest
	// carried.
	if !strings.Contains(out, "reviews: 8 carried, 1 changed (back in the queue), 1 orphaned (kept)") {
		t.Errorf("review summary:\n%s", out)
	}
	code, list, _ := cli(t, nil, "review", "list", "--db", db)
	if code != exitOK || !strings.Contains(list, "10 reviews") {
		t.Fatalf("review list:\n%s", list)
	}
	for _, line := range strings.Split(list, "\n") {
		switch {
		case strings.Contains(line, "hundred people have been released"):
			if !strings.Contains(line, "accepted  orphaned") {
				t.Errorf("the release's review: %s", line)
			}
		case strings.Contains(line, "20,000 insurgents"):
			if !strings.Contains(line, "rejected  changed") {
				t.Errorf("the insurgents' review: %s", line)
			}
		}
	}
	if n := strings.Count(list, "carried"); n != 8 {
		t.Errorf("%d carried reviews, want 8:\n%s", n, list)
	}
	// The changed claim is back in the queue with its old decision shown.
	code, queue, _ := cli(t, nil, "claims", "--db", db, "--status", "changed")
	if code != exitOK || !strings.Contains(queue, "20,000 insurgents") || !strings.Contains(queue, "1 claim") {
		t.Errorf("changed queue:\n%s", queue)
	}

	// eval: per-category figures, and the release as a regression.
	code, ev, _ := cli(t, nil, "eval", "--db", db)
	if code != exitOK {
		t.Fatalf("eval failed:\n%s", ev)
	}
	for _, want := range []string{"killed", "released", "injured", "total", "1 regression", "hundred people have been released"} {
		if !strings.Contains(ev, want) {
			t.Errorf("eval output lacks %q:\n%s", want, ev)
		}
	}
	var killedRow []string
	for _, line := range strings.Split(ev, "\n") {
		if f := strings.Fields(line); len(f) == 9 && f[0] == "killed" {
			killedRow = f
		}
	}
	if strings.Join(killedRow, " ") != "killed 4 0 0 0 0 1.000 1.000 1.000" {
		t.Errorf("eval killed row = %v", killedRow)
	}

	// export --status accepted: the accepted claims still current.
	acc := claimSet(t, db, "--status", "accepted")
	var gotKeys, wantKeys []string
	for k := range acc {
		gotKeys = append(gotKeys, k)
	}
	for _, r := range accepted[1:] { // the release is orphaned
		wantKeys = append(wantKeys, r["key"].(string))
	}
	sort.Strings(gotKeys)
	sort.Strings(wantKeys)
	if !reflect.DeepEqual(gotKeys, wantKeys) {
		t.Errorf("export --status accepted = %v, want %v", gotKeys, wantKeys)
	}
}

// TestExtractKilledPartway kills a subprocess running extract after its
// first batch and shows the database as it was: the previous run's claims
// current, every review intact; the next extract clears the dead run.
func TestExtractKilledPartway(t *testing.T) {
	dir := t.TempDir()
	db := testDB(t, dir, "k.db")
	if code, _, errs := cli(t, nil, "ingest", "--db", db, seeds); code != exitOK {
		t.Fatalf("ingest: %s", errs)
	}
	before := claimSet(t, db)
	var ids []string
	for _, r := range before {
		if r["kind"] == "count" && len(ids) < 3 {
			ids = append(ids, strconv.Itoa(int(r["id"].(float64))))
		}
	}
	if code, _, errs := cli(t, nil, append([]string{"review", "--db", db, "accept"}, ids...)...); code != exitOK {
		t.Fatal(errs)
	}
	_, reviewsBefore, _ := cli(t, nil, "review", "list", "--db", db)
	// Three decisions, and one more for each claim decided with one of
	// them (the same figure across a headline).
	reviews := regexp.MustCompile(`(\d+) reviews`).FindStringSubmatch(reviewsBefore)
	if reviews == nil {
		t.Fatalf("review list:\n%s", reviewsBefore)
	}
	if n, _ := strconv.Atoi(reviews[1]); n < 3 {
		t.Fatalf("%d reviews after three decisions:\n%s", n, reviewsBefore)
	}

	// A batch of one document: the crash comes after the first is staged.
	cmd := exec.Command(os.Args[0], "extract", "--db", db, "-j", "1")
	cmd.Env = append(os.Environ(), "CLAIMEX_TEST_RUN_MAIN=1", envCrashAfter+"=1")
	outb, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 {
		t.Fatalf("extract was to stop hard with status 3; got %v:\n%s", err, outb)
	}

	after := claimSet(t, db)
	if !reflect.DeepEqual(keysAndIDs(before), keysAndIDs(after)) {
		t.Error("the killed run changed the current claims")
	}
	_, reviewsAfter, _ := cli(t, nil, "review", "list", "--db", db)
	if reviewsAfter != reviewsBefore {
		t.Errorf("reviews changed:\nbefore\n%s\nafter\n%s", reviewsBefore, reviewsAfter)
	}
	code, _, _ := cli(t, nil, "claims", "--db", db, "--status", "accepted")
	if code != exitOK {
		t.Fatal("claims after the crash failed")
	}

	// The next extract finds the dead run, clears it, and completes.
	code, out, errs := cli(t, nil, "extract", "--db", db)
	if code != exitOK || !strings.Contains(out, "had been interrupted") || !strings.Contains(out, "reviews: "+reviews[1]+" carried") {
		t.Errorf("extract after the crash: exit %d\n%s%s", code, out, errs)
	}
	if got := claimSet(t, db); len(got) != len(before) {
		t.Errorf("%d claims after the re-run, want %d", len(got), len(before))
	}
}

func keysAndIDs(set map[string]map[string]any) map[string]string {
	out := map[string]string{}
	for k, r := range set {
		out[k] = fmt.Sprint(r["id"], r["run"])
	}
	return out
}
