package main

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// categoryLines returns where category name's block stands in the lines
// of a rules file: from its key to the next category's key or the end of
// the section.
func categoryLines(t *testing.T, lines []string, name string) (start, end int) {
	t.Helper()
	in := false
	start = -1
	for i, l := range lines {
		switch {
		case l == "categories:":
			in = true
		case in && start < 0 && l == "  "+name+":":
			start = i
		case in && start >= 0 && (strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "   ") || l != "" && !strings.HasPrefix(l, " ")):
			return start, i
		}
	}
	if start < 0 {
		t.Fatalf("no category %s in the rules", name)
	}
	return start, len(lines)
}

// editRules changes a rules file's categories: each edit gets the lines
// of a category block and returns what replaces them.
func editRules(t *testing.T, text, name string, edit func(block []string) []string) string {
	t.Helper()
	lines := strings.Split(text, "\n")
	start, end := categoryLines(t, lines, name)
	out := append(append(append([]string{}, lines[:start]...), edit(lines[start:end])...), lines[end:]...)
	return strings.Join(out, "\n")
}

func writeRules(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := cli(t, nil, "rules", "check", path); code != exitOK {
		t.Fatalf("rules check %s: %s%s", name, out, errs)
	}
	return path
}

var stateLine = regexp.MustCompile(`reviews: (\d+) carried, (\d+) changed \(back in the queue\), (\d+) orphaned`)

// reviewStates counts the reviews by state with review list --state.
func reviewStates(t *testing.T, db string) [3]int {
	t.Helper()
	var out [3]int
	for i, state := range []string{"carried", "changed", "orphaned"} {
		code, list, errs := cli(t, nil, "review", "list", "--db", db, "--state", state)
		if code != exitOK {
			t.Fatalf("review list --state %s: %s", state, errs)
		}
		lines := strings.Split(strings.TrimSpace(list), "\n")
		n, err := strconv.Atoi(strings.Fields(lines[len(lines)-1])[0])
		if err != nil || n != len(lines)-2 {
			t.Fatalf("review list --state %s:\n%s", state, list)
		}
		out[i] = n
	}
	return out
}

// claimID is the id of an exported claim, as the commands take it.
func claimID(r map[string]any) string { return strconv.Itoa(int(r["id"].(float64))) }

// reviewAs runs claimex review with args as reviewer, and fails the test
// if it fails.
func reviewAs(t *testing.T, db, reviewer string, args ...string) {
	t.Helper()
	if code, out, errs := cli(t, nil, append([]string{"review", "--db", db, "--reviewer", reviewer}, args...)...); code != exitOK {
		t.Fatalf("review %v: exit %d\n%s%s", args, code, out, errs)
	}
}

// evalRows reads the table claimex eval prints: the figures of each row
// by its label.
func evalRows(out string) map[string]string {
	rows := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 9 && f[0] != "CATEGORY" {
			rows[f[0]] = strings.Join(f[1:], " ")
		}
	}
	return rows
}

// TestCategoryChangesKeepReviews reviews the samples' claims, then
// re-extracts with rules that add a category, then rename one, then
// remove one: adding keeps every review carried (the fingerprints of the
// claims it does not touch do not move), renaming carries the renamed
// category's reviews too, removing leaves its reviews out of the carried
// ones but kept.
func TestCategoryChangesKeepReviews(t *testing.T) {
	dir, db := t.TempDir(), ingestSeeds(t)
	before := claimSet(t, db)
	id := claimID
	var accept, reject, killed, arrested []string
	var insurgents, injured map[string]any
	for _, r := range before {
		if r["kind"] != "count" {
			continue
		}
		text := r["text"].(string)
		switch {
		case r["category"] == "killed":
			accept, killed = append(accept, id(r)), append(killed, id(r))
		case r["category"] == "arrested":
			accept, arrested = append(accept, id(r)), append(arrested, id(r))
		case r["category"] == "protesters":
			accept = append(accept, id(r))
		case r["category"] == "other" && strings.Contains(text, "insurgents"):
			insurgents = r
		case r["category"] == "other":
			reject = append(reject, id(r))
		case r["category"] == "injured" && strings.Contains(text, "more than 4,500"):
			injured = r
		}
	}
	if len(killed) < 10 || len(arrested) < 3 || len(reject) < 2 || insurgents == nil || injured == nil {
		t.Fatalf("the samples' claims are not as this test expects: %d killed, %d arrested, %d other",
			len(killed), len(arrested), len(reject))
	}
	review := func(args ...string) { t.Helper(); reviewAs(t, db, "ana", args...) }
	review(append([]string{"accept"}, accept...)...)
	review(append([]string{"reject"}, reject...)...)
	review("edit", id(injured), "--category", "killed", "--note", "the 4,500 are the dead")
	reviews := len(accept) + len(reject) + 1
	if got := reviewStates(t, db); got != [3]int{reviews, 0, 0} {
		t.Fatalf("before any change: %v reviews carried, changed, orphaned; want %d carried", got, reviews)
	}
	// A category the current rules lack is refused, before and after.
	if code, _, errs := cli(t, nil, "review", "edit", id(injured), "--db", db, "--category", "fighters"); code != exitUsage ||
		!strings.Contains(errs, `unknown category "fighters"`) {
		t.Errorf("edit to a category the rules lack: exit %d, %s", code, errs)
	}
	if code, _, errs := cli(t, nil, "claims", "--db", db, "--category", "happy"); code != exitUsage ||
		!strings.Contains(errs, `unknown category "happy" (default.yaml has killed, injured,`) {
		t.Errorf("claims --category happy: exit %d, %s", code, errs)
	}
	extract := func(rulesFile string) string {
		t.Helper()
		code, out, errs := cli(t, nil, "extract", "--db", db, "--rules", rulesFile)
		if code != exitOK {
			t.Fatalf("extract --rules %s: exit %d\n%s%s", rulesFile, code, out, errs)
		}
		return out
	}
	_, text, _ := cli(t, nil, "rules", "show")

	// Add a category: the insurgents, counted as other, are fighters now.
	added := editRules(t, text, "killed", func(block []string) []string {
		return append([]string{"  fighters:", "    nouns: [insurgents]", "    rolls_up_to: deployed"}, block...)
	})
	out := extract(writeRules(t, dir, "added.yaml", added))
	if m := stateLine.FindStringSubmatch(out); m == nil || m[1] != strconv.Itoa(reviews) || m[2] != "0" || m[3] != "0" {
		t.Errorf("after adding a category, want all %d reviews carried:\n%s", reviews, out)
	}
	if got := reviewStates(t, db); got != [3]int{reviews, 0, 0} {
		t.Errorf("after adding a category: %v reviews carried, changed, orphaned; want all %d carried", got, reviews)
	}
	afterAdd := claimSet(t, db)
	for key, b := range before {
		a, ok := afterAdd[key]
		switch {
		case key == insurgents["key"]:
			if !ok || a["category"] != "fighters" {
				t.Errorf("the insurgents after adding fighters: %v", a)
			}
		case !ok || !sameFields(a, b):
			t.Errorf("adding a category moved claim %q: %v → %v", b["text"], b, a)
		}
	}
	if code, list, errs := cli(t, nil, "claims", "--db", db, "--category", "fighters"); code != exitOK || !strings.Contains(list, "1 claim\n") {
		t.Errorf("claims --category fighters: exit %d\n%s%s", code, list, errs)
	}

	// Rename killed to fatal: every review carried still, under the new
	// name; eval counts them as before.
	_, evalBefore, _ := cli(t, nil, "eval", "--db", db)
	renamed := editRules(t, added, "killed", func(block []string) []string {
		return append([]string{"  fatal:", "    renamed_from: [killed]"}, block[1:]...)
	})
	out = extract(writeRules(t, dir, "renamed.yaml", renamed))
	if m := stateLine.FindStringSubmatch(out); m == nil || m[1] != strconv.Itoa(reviews) {
		t.Errorf("after renaming killed, want all %d reviews carried:\n%s", reviews, out)
	}
	if got := reviewStates(t, db); got != [3]int{reviews, 0, 0} {
		t.Errorf("after renaming killed: %v reviews carried, changed, orphaned; want all %d carried", got, reviews)
	}
	if rows := parseDiff(t, out); rows["fatal"] != [4]int{0, 0, 0, len(killed)} || rows["killed"] != [4]int{} {
		t.Errorf("a rename's diff: fatal %v, killed %v; want %d unchanged fatal claims\n%s", rows["fatal"], rows["killed"], len(killed), out)
	}
	if code, list, _ := cli(t, nil, "claims", "--db", db, "--category", "fatal", "--status", "accepted"); code != exitOK ||
		!strings.Contains(list, strconv.Itoa(len(killed))+" claims\n") {
		t.Errorf("accepted fatal claims:\n%s", list)
	}
	if code, _, errs := cli(t, nil, "claims", "--db", db, "--category", "killed"); code != exitUsage ||
		!strings.Contains(errs, `category "killed" is now called "fatal"`) {
		t.Errorf("claims --category killed after the rename: exit %d, %s", code, errs)
	}
	code, evalAfter, _ := cli(t, nil, "eval", "--db", db)
	rowsBefore, rowsAfter := evalRows(evalBefore), evalRows(evalAfter)
	rowsBefore["fatal"] = rowsBefore["killed"]
	delete(rowsBefore, "killed")
	if code != exitOK || !reflect.DeepEqual(rowsBefore, rowsAfter) || rowsAfter["fatal"] == "" {
		t.Errorf("eval after the rename:\n%s\nwant the rows of before, with killed called fatal:\n%s", evalAfter, evalBefore)
	}
	// The edit's correction follows the rename.
	if code, list, _ := cli(t, nil, "claims", "--db", db, "--status", "edited"); code != exitOK || !strings.Contains(list, "4,500") {
		t.Errorf("the edited claim after the rename:\n%s", list)
	}
	var edited map[string]any
	for _, r := range claimSet(t, db) {
		if r["key"] == injured["key"] {
			edited = r
		}
	}
	if edited == nil || edited["reviewed_category"] != "fatal" || edited["status"] != "edited" {
		t.Errorf("the edit after the rename: %v", edited)
	}
	if code, conf, _ := cli(t, nil, "conflicts", "--db", db, "--category", "fatal"); code != exitOK || !strings.Contains(conf, "fatal — people") {
		t.Errorf("conflicts --category fatal:\n%s", conf)
	}

	// Remove arrested: its reviews leave the carried ones, and are kept.
	removed := editRules(t, renamed, "arrested", func([]string) []string { return nil })
	out = extract(writeRules(t, dir, "removed.yaml", removed))
	got := reviewStates(t, db)
	if got[0] != reviews-len(arrested) || got[1]+got[2] != len(arrested) {
		t.Errorf("after removing arrested: %v reviews carried, changed, orphaned; want %d carried and %d not\n%s",
			got, reviews-len(arrested), len(arrested), out)
	}
	code, list, _ := cli(t, nil, "review", "list", "--db", db)
	if code != exitOK || !strings.Contains(list, strconv.Itoa(reviews)+" reviews\n") {
		t.Errorf("every review kept:\n%s", list)
	}
}

// TestRuleFlag: --rule selects claims by the rule that produced them,
// exactly or, ending in *, by prefix, in claims and export alike.
func TestRuleFlag(t *testing.T) {
	db := ingestSeeds(t)
	all := claimSet(t, db)
	byRule := map[string]int{}
	counts := 0
	for _, r := range all {
		byRule[r["rule"].(string)]++
		if r["kind"] == "count" {
			counts++
		}
	}
	var rules []string
	for r := range byRule {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	if len(rules) < 3 {
		t.Fatalf("the samples' claims come from %d rules", len(rules))
	}
	for _, rule := range rules {
		got := claimSet(t, db, "--rule", rule)
		if len(got) != byRule[rule] {
			t.Errorf("export --rule %s: %d records, want %d", rule, len(got), byRule[rule])
		}
		for _, r := range got {
			if r["rule"] != rule {
				t.Errorf("export --rule %s gave a claim of %s", rule, r["rule"])
			}
		}
		code, out, errs := cli(t, nil, "claims", "--db", db, "--kind", "all", "--rule", rule)
		want := strconv.Itoa(byRule[rule]) + " " + plural(byRule[rule], "claim", "claims") + "\n"
		if code != exitOK || !strings.HasSuffix(out, want) {
			t.Errorf("claims --rule %s: exit %d, want %q\n%s%s", rule, code, want, out, errs)
		}
	}
	if got := claimSet(t, db, "--rule", "count/*"); len(got) != counts {
		t.Errorf("export --rule 'count/*': %d records, want the %d count claims", len(got), counts)
	}
	if got := claimSet(t, db, "--rule", "count/"); len(got) != 0 {
		t.Errorf("export --rule count/ (no *): %d records, want none", len(got))
	}
}
