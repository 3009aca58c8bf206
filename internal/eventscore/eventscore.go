// Package eventscore measures the grouping of documents into events
// against a gold grouping: testdata/events/gold.tsv names the happening
// each report of the test corpus tells of. Pairs of documents are counted
// as in entity resolution: precision is the share of the pairs grouped
// together that the gold puts together, recall the share of the gold's
// pairs grouped together.
package eventscore

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ReadGold reads a gold file: one report a line, its file name and its
// event's label separated by a tab; '#' starts a comment.
func ReadGold(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gold := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		file, label, ok := strings.Cut(line, "\t")
		if !ok || file == "" || label == "" {
			return nil, fmt.Errorf("%s:%d: want FILE<tab>EVENT", path, n)
		}
		gold[file] = label
	}
	return gold, sc.Err()
}

// Score is a pairwise measure of a grouping.
type Score struct {
	Precision, Recall, F1 float64
	// Pairs counts the pairs grouped together (Found), the gold's pairs
	// (Gold) and those both put together (Right).
	Found, Gold, Right int
	// Documents and Events are how many of the gold's documents the
	// grouping holds, and in how many events.
	Documents, Events int
}

func (s Score) String() string {
	return fmt.Sprintf("pairwise P=%.3f R=%.3f F1=%.3f (%d documents, %d events; %d of %d gold pairs, %d pairs found)",
		s.Precision, s.Recall, s.F1, s.Documents, s.Events, s.Right, s.Gold, s.Found)
}

// Pairwise scores a grouping, given as each source's event, against the
// gold. Sources are matched to the gold by file name; sources the gold
// does not name are left out.
func Pairwise(gold map[string]string, eventOf map[string]int64) Score {
	var files []string
	events := map[int64]bool{}
	for src, ev := range eventOf {
		if _, ok := gold[filepath.Base(src)]; ok {
			files = append(files, src)
			events[ev] = true
		}
	}
	s := Score{Documents: len(files), Events: len(events)}
	for i := range files {
		for j := i + 1; j < len(files); j++ {
			same := gold[filepath.Base(files[i])] == gold[filepath.Base(files[j])]
			together := eventOf[files[i]] == eventOf[files[j]]
			if same {
				s.Gold++
			}
			if together {
				s.Found++
			}
			if same && together {
				s.Right++
			}
		}
	}
	s.Precision, s.Recall = ratio(s.Right, s.Found), ratio(s.Right, s.Gold)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
