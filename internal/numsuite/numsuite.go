// Package numsuite reads the number-expression test suites of three
// public projects (kept outside the repository, in ../shared/dev/numbers:
// Duckling's English corpora, number-parser's English CSVs and tests,
// quantulum3's English quantities), keeps their English integer
// cardinals, sets each in count sentences and scores how many sentences
// an extractor reads right. The suites' data is read where it lies and
// never copied.
package numsuite

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Suites are the suites' names, in report order, which are also their
// folders under the numbers directory.
var Suites = []string{"duckling", "number-parser", "quantulum3"}

// Filter says which examples are English integer cardinals. It is applied
// the same way to every suite, and printed with the figure.
const Filter = `an example is kept when it is an English cardinal number whose value is a whole number >= 0;
first failing rule names the exclusion:
  ordinal        an ordinal (Duckling's Ordinal corpus, number-parser's ordinal files)
  money          an amount of money (Duckling's AmountOfMoney corpus, unnamed currencies included)
  unit           a quantity with a unit (Duckling's Quantity corpus and quantulum3 unless dimensionless)
  no value       the suite expects no number (number-parser's "1 2", "twenty 1")
  range          a range (quantulum3 gives "7 to 10" as its midpoint)
  not integer    the value has a fraction (1.1, 1/5, 38.5)
  negative       the value is below zero (no count is)
  duplicate      the same text and value given again in the same suite
examples ending in "of" ("a couple of") go only in frames with a noun after them`

// Example is one kept number expression.
type Example struct {
	Suite string
	// Source is the file (relative to the numbers directory) and line.
	Source string
	Text   string
	Value  float64
}

// Set is what Load read: the kept examples and, per suite, how many
// examples each rule of the Filter left out.
type Set struct {
	Examples []Example
	Excluded map[string]map[string]int
}

// Exclusion reasons, as the Filter names them.
const (
	reasonOrdinal   = "ordinal"
	reasonMoney     = "money"
	reasonUnit      = "unit"
	reasonNoValue   = "no value"
	reasonRange     = "range"
	reasonFraction  = "not integer"
	reasonNegative  = "negative"
	reasonDuplicate = "duplicate"
)

// candidate is an example as a suite states it, before the filter.
type candidate struct {
	source, text string
	value        float64
	hasValue     bool
	// excluded is set by the reader for what only the suite's structure
	// tells (an ordinal file, a unit).
	excluded string
}

// ErrNoSuites is returned when the numbers directory does not exist.
var ErrNoSuites = errors.New("numsuite: no number suites")

// Load reads the suites under dir (../shared/dev/numbers) and applies the
// Filter.
func Load(dir string) (*Set, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("%w in %s: %v", ErrNoSuites, dir, err)
	}
	readers := map[string]func(string) ([]candidate, error){
		"duckling":      readDuckling,
		"number-parser": readNumberParser,
		"quantulum3":    readQuantulum,
	}
	set := &Set{Excluded: map[string]map[string]int{}}
	for _, suite := range Suites {
		cands, err := readers[suite](filepath.Join(dir, suite))
		if err != nil {
			return nil, fmt.Errorf("numsuite: %s: %w", suite, err)
		}
		if len(cands) == 0 {
			return nil, fmt.Errorf("numsuite: %s: no examples found in %s", suite, filepath.Join(dir, suite))
		}
		ex := map[string]int{}
		seen := map[string]bool{}
		for _, c := range cands {
			if r := reason(c); r != "" {
				ex[r]++
				continue
			}
			key := fmt.Sprintf("%s\x00%g", c.text, c.value)
			if seen[key] {
				ex[reasonDuplicate]++
				continue
			}
			seen[key] = true
			set.Examples = append(set.Examples, Example{Suite: suite, Source: c.source, Text: c.text, Value: c.value})
		}
		set.Excluded[suite] = ex
	}
	return set, nil
}

// reason is the first rule of the Filter that leaves c out, or "".
func reason(c candidate) string {
	switch {
	case c.excluded != "":
		return c.excluded
	case !c.hasValue:
		return reasonNoValue
	case c.value != math.Trunc(c.value) || math.IsInf(c.value, 0) || math.IsNaN(c.value):
		return reasonFraction
	case c.value < 0:
		return reasonNegative
	}
	return ""
}

// Counts reports, for one suite, how many examples were kept and the
// exclusions as "ordinal 110, unit 40".
func (s *Set) Counts(suite string) (kept int, excluded string) {
	for _, e := range s.Examples {
		if e.Suite == suite {
			kept++
		}
	}
	var parts []string
	for r, n := range s.Excluded[suite] {
		parts = append(parts, fmt.Sprintf("%s %d", r, n))
	}
	slices.Sort(parts)
	if len(parts) == 0 {
		return kept, "none"
	}
	return kept, strings.Join(parts, ", ")
}
