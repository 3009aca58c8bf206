package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
)

// nerLine is what internal/nerscore's TestNER prints for a set (or one
// type of it): "ner SET[ TYPE]: SYS exact P=.. R=.. F1=.. overlap P=..
// R=.. F1=.. | SYS ... (gold N ...)"; nerSystem is one system's part, and
// nerConvention a line of the scoring conventions.
var (
	nerLine       = regexp.MustCompile(`ner ([\w-]+)( \w+)?: (.*) \((gold [^)]*)\)$`)
	nerSystem     = regexp.MustCompile(`(\w+) exact P=([\d.]+) R=([\d.]+) F1=([\d.]+) overlap P=([\d.]+) R=([\d.]+) F1=([\d.]+)`)
	nerConvention = regexp.MustCompile(`ner conventions: (.*)`)
)

// nerSets runs the entity-mention scorer (GUM's Wikinews texts and
// wikigold, claimex against prose's model alone, in one run) and reads
// its figures: one row per set, type and system, then the conventions.
func nerSets(dev string) ([]row, error) {
	cmd := exec.Command("go", "test", "-tags", "sqlite_fts5", "-count=1", "-run", "^TestNER$", "-v", "./internal/nerscore")
	cmd.Env = append(os.Environ(), "CLAIMEX_DEV="+dev)
	out, err := cmd.CombinedOutput()
	var rows, conventions []row
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		if m := nerConvention.FindStringSubmatch(sc.Text()); m != nil {
			conventions = append(conventions, row{"ner conventions", "", "", m[1]})
			continue
		}
		m := nerLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		typ := strings.TrimSpace(m[2])
		if typ == "" {
			typ = "PERSON+ORG+place"
		}
		for _, s := range nerSystem.FindAllStringSubmatch(m[3], -1) {
			rows = append(rows, row{"ner " + m[1] + " (" + s[1] + ")", typ + " exact F1", s[4],
				fmt.Sprintf("exact P=%s R=%s; overlap P=%s R=%s F1=%s (%s)", s[2], s[3], s[5], s[6], s[7], m[4])})
		}
	}
	if len(rows) == 0 {
		if err != nil {
			return nil, fmt.Errorf("%v\n%s", err, out)
		}
		return nil, fmt.Errorf("no figures in the test's output:\n%s", out)
	}
	return append(rows, conventions...), nil
}

// nerRows is nerSets, failing the command on an error.
func nerRows(dev string) []row {
	r, err := nerSets(dev)
	if err != nil {
		fail(fmt.Errorf("entity mentions: %w", err))
	}
	return r
}
