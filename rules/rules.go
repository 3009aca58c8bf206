// Package rules owns the rules file: the user-editable YAML that holds
// every word list the cleaner and the extractor use (category triggers,
// qualifiers, vague amounts, boilerplate lines). It parses and validates a
// file with file:line errors, and ships the default rules embedded in the
// binary. A parsed Rules value is immutable and safe for concurrent use.
package rules

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/claimex/claimex"
)

//go:embed default.yaml
var defaultText []byte

// DefaultName is the name the embedded rules go by in errors and runs.
const DefaultName = "default.yaml"

// Rules is a parsed rules file.
type Rules struct {
	// Name is the file the rules came from (DefaultName for the embedded
	// rules).
	Name string
	// Text is the file's contents; Hash its hex SHA-256.
	Text []byte
	Hash string

	// Categories are the count categories with their triggers, in file
	// order.
	Categories []Category
	// Qualifiers map phrases before a figure to a qualifier.
	Qualifiers []Qualifier
	// Vague are amounts without a number ("dozens").
	Vague []Phrase
	// Boilerplate drives line-level cleaning of plain-text inputs.
	Boilerplate Boilerplate
}

// Category is one count category and the words that signal it.
type Category struct {
	Name     claimex.Category
	Triggers []Phrase
}

// Qualifier is one qualifier and the phrases that signal it.
type Qualifier struct {
	Name    claimex.Qualifier
	Phrases []Phrase
}

// Boilerplate lists what line-level cleaning removes.
type Boilerplate struct {
	// Lines are whole lines, normalised with Fold.
	Lines []string
	// Patterns must match a whole (trimmed) line.
	Patterns []*regexp.Regexp

	lineSet map[string]bool
}

var parsedDefault = sync.OnceValues(func() (*Rules, error) {
	return Parse(DefaultName, defaultText)
})

// Default returns the embedded default rules. It panics if they do not
// parse, which a test rules out.
func Default() *Rules {
	r, err := parsedDefault()
	if err != nil {
		panic(fmt.Sprintf("rules: embedded default: %v", err))
	}
	return r
}

// DefaultText returns the embedded default rules file.
func DefaultText() []byte {
	return append([]byte(nil), defaultText...)
}

// Load reads and parses the rules file at path.
func Load(path string) (*Rules, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return Parse(path, data)
}

func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Match reports whether a normalised line is boilerplate: one of the
// listed lines, or matched whole by a pattern.
func (b Boilerplate) Match(line string) bool {
	if b.lineSet[Fold(line)] {
		return true
	}
	line = strings.TrimSpace(line)
	for _, re := range b.Patterns {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}
