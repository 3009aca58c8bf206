package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
)

// namesLine is what the namescore package's TestNameVariants prints for
// each name-variant set: "names variants (SET): pairwise P=… R=… F1=…
// bcubed P=… R=… F1=… (N names, M clusters)".
var namesLine = regexp.MustCompile(`names variants \(([^)]+)\): pairwise P=([\d.]+) R=([\d.]+) F1=([\d.]+) ` +
	`bcubed P=([\d.]+) R=([\d.]+) F1=([\d.]+) \((\d+) names, (\d+) clusters\)`)

// nameVariants runs the name-variant test (internal/namescore, data from
// dev/names) and reads its figures: pairwise and B-cubed F1 of entity
// resolution on each set.
func nameVariants(dev string) ([]row, error) {
	cmd := exec.Command("go", "test", "-tags", "sqlite_fts5", "-count=1", "-run", "^TestNameVariants$", "-v",
		"./internal/namescore")
	cmd.Env = append(os.Environ(), "CLAIMEX_DEV="+dev)
	out, err := cmd.CombinedOutput()
	var rows []row
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		m := namesLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		on := "names (" + m[1] + ")"
		rows = append(rows,
			row{on, "pairwise F1", m[4], fmt.Sprintf("P=%s R=%s; %s names in %s people (resolution only)", m[2], m[3], m[8], m[9])},
			row{on, "B-cubed F1", m[7], fmt.Sprintf("P=%s R=%s", m[5], m[6])})
	}
	if len(rows) == 0 {
		if err != nil {
			return nil, fmt.Errorf("%v\n%s", err, out)
		}
		return nil, fmt.Errorf("no figures in the test's output:\n%s", out)
	}
	return rows, nil
}

// withNameVariants appends the name-variant rows to rows, failing the
// run when they cannot be had.
func withNameVariants(rows []row, dev string) []row {
	r, err := nameVariants(dev)
	if err != nil {
		fail(fmt.Errorf("name variants: %w", err))
	}
	return append(rows, r...)
}
