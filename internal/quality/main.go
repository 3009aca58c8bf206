// Command quality runs every development scorer claimex has and prints
// one table: the sample articles and re3d scored by ../shared/eval/score
// (counts, entities, clusters), the share of the number suites'
// English integer cardinals read right in a count sentence (the
// extract package's TestNumberSuites), and entity resolution's pairwise
// and B-cubed F1 on the name-variant sets (internal/namescore's
// TestNameVariants), and the grouping of the events test corpus into
// events (pairwise precision and recall, internal/eventscore). Each figure says what it was measured on.
//
//	go run -tags sqlite_fts5 ./internal/quality -claimex bin/claimex
//
// `make quality` runs it. -claimex may name an older build, to measure
// the commit before a change with the same scorers.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"text/tabwriter"
)

// row is one figure of the table.
type row struct {
	set, measure, value, detail string
}

func main() {
	bin := flag.String("claimex", "bin/claimex", "the claimex `binary` to measure")
	shared := flag.String("shared", "../shared", "the shared `folder` with eval/ and dev/")
	seeds := flag.String("seeds", "testdata/seeds", "the sample articles")
	eventsCorpus := flag.String("events", "testdata/events", "the events test corpus, with its gold.tsv")
	work := flag.String("work", "", "working `folder` (default: a new temporary one, removed after)")
	suites := flag.Bool("suites", true, "also run the number suites (go test ./extract)")
	flag.Parse()

	dir := *work
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "claimex-quality"); err != nil {
			fail(err)
		}
		defer os.RemoveAll(dir)
	}
	q := &quality{bin: *bin, shared: *shared, dir: dir}
	var rows []row
	for _, set := range []struct {
		name, docs, gold string
	}{
		{"seeds", *seeds, filepath.Join(*shared, "eval", "seeds.gold.json")},
		{"re3d", filepath.Join(*shared, "eval", "re3d", "docs"), filepath.Join(*shared, "eval", "re3d", "gold.json")},
	} {
		r, err := q.scored(set.name, set.docs, set.gold)
		if err != nil {
			fail(fmt.Errorf("%s: %w", set.name, err))
		}
		rows = append(rows, r...)
	}
	er, err := q.eventRows(*eventsCorpus)
	if err != nil {
		fail(fmt.Errorf("events: %w", err))
	}
	rows = append(rows, er...)
	if *suites {
		rows = append(rows, nerRows(filepath.Join(*shared, "dev"))...)
		r, err := numberSuites(filepath.Join(*shared, "dev"))
		if err != nil {
			fail(fmt.Errorf("number suites: %w", err))
		}
		rows = append(rows, r...)
	}
	rows = withNameVariants(rows, filepath.Join(*shared, "dev"))
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SET\tMEASURE\tVALUE\tDETAIL")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.set, r.measure, r.value, r.detail)
	}
	tw.Flush()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "quality:", err)
	os.Exit(1)
}

type quality struct {
	bin, shared, dir string
}

// run runs claimex, failing with its stderr.
func (q *quality) run(args ...string) error {
	cmd := exec.Command(q.bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		// Exit status 1 with some inputs failed still stores the rest.
		if errors.As(err, &ee) && ee.ExitCode() == 1 && args[0] == "ingest" {
			return nil
		}
		return fmt.Errorf("claimex %s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	return nil
}

// scored ingests docs into a new database, exports it and scores the
// export against gold.
func (q *quality) scored(name, docs, gold string) ([]row, error) {
	db := filepath.Join(q.dir, name+".db")
	claims := filepath.Join(q.dir, name+"-claims.jsonl")
	documents := filepath.Join(q.dir, name+"-documents.jsonl")
	for _, args := range [][]string{
		{"ingest", "--db", db, docs},
		{"export", "--db", db, "--format", "jsonl", "-o", claims},
		{"export", "--db", db, "--what", "documents", "--format", "jsonl", "-o", documents},
	} {
		if err := q.run(args...); err != nil {
			return nil, err
		}
	}
	out, err := exec.Command(filepath.Join(q.shared, "eval", "score"), gold, claims, documents, "--json").Output()
	if err != nil {
		return nil, fmt.Errorf("score: %w", err)
	}
	var raw map[string]map[string]any
	if err := json.Unmarshal(out, &raw); err != nil {
		return nil, fmt.Errorf("score: %w", err)
	}
	c, e, k, b := raw["counts"], raw["entities"], raw["clusters"], raw["boilerplate"]
	f := func(m map[string]any, key string) string {
		switch v := m[key].(type) {
		case float64:
			if v == float64(int(v)) && !strings.Contains(key, "acc") && key != "f1" && key != "precision" &&
				key != "recall" && key != "person_precision" {
				return fmt.Sprint(int(v))
			}
			return fmt.Sprintf("%.3f", v)
		case nil:
			return "-"
		default:
			return fmt.Sprint(v)
		}
	}
	on := fmt.Sprintf("%s (%s)", name, filepath.Base(gold))
	return []row{
		{on, "counts F1", f(c, "f1"), fmt.Sprintf("P=%s R=%s (tp=%s fp=%s fn=%s)", f(c, "precision"), f(c, "recall"),
			f(c, "tp"), f(c, "fp"), f(c, "fn"))},
		{on, "counts qualifier", f(c, "qualifier_acc"), "share of matched figures with the gold qualifier"},
		{on, "counts attribution", f(c, "attribution_acc"), "share of matched figures with the gold source"},
		{on, "entity recall", f(e, "recall"), fmt.Sprintf("%s of %s gold mentions", f(e, "found"), sum(e, "found", "missed"))},
		{on, "person precision", f(e, "person_precision"), fmt.Sprintf("%s of %s PERSON mentions", f(e, "person_true"),
			sum(e, "person_true", "person_false"))},
		{on, "clusters whole", f(k, "whole") + "/" + f(k, "of"), "false merges " + f(k, "false_merges")},
		{on, "boilerplate removed", f(b, "removed") + "/" + f(b, "of"), "content kept " + f(b, "content_kept") + "/" +
			f(b, "content_of")},
	}, nil
}

func sum(m map[string]any, a, b string) string {
	x, _ := m[a].(float64)
	y, _ := m[b].(float64)
	return fmt.Sprint(int(x + y))
}

// suiteLine is what TestNumberSuites prints: "number suites: NAME
// READ/TOTAL (PCT%) NAME READ/TOTAL (PCT%) ... all READ/TOTAL (PCT%)";
// suiteFigure is one of its figures.
var (
	suiteLine   = regexp.MustCompile(`number suites: (.*)`)
	suiteFigure = regexp.MustCompile(`(\S+) (\d+)/(\d+) \(([\d.]+)%\)`)
)

// numberSuites runs the extract package's number-suite test and reads
// its figures.
func numberSuites(dev string) ([]row, error) {
	cmd := exec.Command("go", "test", "-tags", "sqlite_fts5", "-count=1", "-run", "^TestNumberSuites$", "-v", "./extract")
	cmd.Env = append(os.Environ(), "CLAIMEX_DEV="+dev)
	out, err := cmd.CombinedOutput()
	var rows []row
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		m := suiteLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		for _, f := range suiteFigure.FindAllStringSubmatch(m[1], -1) {
			rows = append(rows, row{"numbers (" + f[1] + ")", "integer cardinals read right in count sentences",
				f[4] + "%", f[2] + "/" + f[3] + " readings (each example in up to 3 count sentences)"})
		}
	}
	if len(rows) == 0 {
		if err != nil {
			return nil, fmt.Errorf("%v\n%s", err, out)
		}
		return nil, fmt.Errorf("no figures in the test's output:\n%s", out)
	}
	return rows, nil
}
