package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

// Common English words (the lower-case words of SCOWL; see the notice in
// the file and the README), built by internal/gendata.
//
//go:embed data/common.txt.gz
var commonData []byte

// Given names (the lists of human-names, MIT licence; see the notice in
// the file), built by internal/gendata.
//
//go:embed data/names.txt.gz
var namesData []byte

var loadCommon = sync.OnceValues(func() (map[string]bool, error) { return readWords(commonData) })

var loadNames = sync.OnceValues(func() (map[string]bool, error) { return readWords(namesData) })

// readWords reads a gzipped list of words, one a line, # starting notes.
func readWords(data []byte) (map[string]bool, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	words := map[string]bool{}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if w := sc.Text(); w != "" && !strings.HasPrefix(w, "#") {
			words[w] = true
		}
	}
	return words, sc.Err()
}

// isCommon reports whether a folded word is a common English word, as
// "case", "global" and "smith" are and "tokayev" is not.
func (x *Extractor) isCommon(w string) bool {
	return x.common[strings.TrimSuffix(w, ".")]
}

// isGivenName reports whether a folded word is a given name ("vladimir",
// "jane").
func (x *Extractor) isGivenName(w string) bool {
	return x.given[w]
}
