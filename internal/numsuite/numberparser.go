package numsuite

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// readNumberParser reads number-parser's English test data: the CSV files
// tests/data/*/en_*.csv (number,text), and the (text, number) pairs of
// tests/test_language_en.py.
func readNumberParser(dir string) ([]candidate, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "tests", "data", "*", "en_*.csv"))
	if err != nil {
		return nil, err
	}
	var out []candidate
	for _, path := range paths {
		rel, _ := filepath.Rel(filepath.Dir(dir), path)
		cands, err := readNumberCSV(path, rel)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		if strings.HasPrefix(filepath.Base(filepath.Dir(path)), "ordinals") {
			for i := range cands {
				cands[i].excluded = reasonOrdinal
			}
		}
		out = append(out, cands...)
	}
	path := filepath.Join(dir, "tests", "test_language_en.py")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rel, _ := filepath.Rel(filepath.Dir(dir), path)
	return append(out, pythonPairs(string(data), rel)...), nil
}

func readNumberCSV(path, rel string) ([]candidate, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = 2
	head, err := r.Read()
	if err != nil {
		return nil, err
	}
	if head[0] != "number" || head[1] != "text" {
		return nil, fmt.Errorf("header %q, want number,text", head)
	}
	var out []candidate
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		v, err := strconv.ParseFloat(rec[0], 64)
		out = append(out, candidate{source: fmt.Sprintf("%s:%d", rel, line), text: strings.TrimSpace(rec[1]),
			value: v, hasValue: err == nil})
	}
}

// pythonPairs finds the tuples ("text", 123) and ("text", None) of a
// Python test file. A backslash ending a line inside a string continues
// it, as in Python.
func pythonPairs(src, rel string) []candidate {
	var out []candidate
	for i := 0; i < len(src); i++ {
		if src[i] != '(' {
			continue
		}
		j := skipSpace(src, i+1)
		if j >= len(src) || src[j] != '"' {
			continue
		}
		text, end, ok := pyString(src, j)
		if !ok {
			continue
		}
		k := skipSpace(src, end+1)
		if k >= len(src) || src[k] != ',' {
			continue
		}
		k = skipSpace(src, k+1)
		e := k
		for e < len(src) && src[e] != ',' && src[e] != ')' && src[e] != '\n' {
			e++
		}
		tok := strings.TrimSpace(src[k:e])
		c := candidate{source: fmt.Sprintf("%s:%d", rel, lineAt(src, j)), text: strings.TrimSpace(text)}
		switch {
		case tok == "None":
		case tok != "" && strings.Trim(tok, "0123456789_") == "":
			v, err := strconv.ParseFloat(strings.ReplaceAll(tok, "_", ""), 64)
			c.value, c.hasValue = v, err == nil
		default:
			continue // not a (text, number) pair
		}
		out = append(out, c)
		i = e
	}
	return out
}

// pyString reads the double-quoted Python string opening at s[i].
func pyString(s string, i int) (string, int, bool) {
	var b strings.Builder
	for p := i + 1; p < len(s); p++ {
		switch s[p] {
		case '\\':
			if p+1 < len(s) && s[p+1] == '\n' {
				p++ // a continued line
				continue
			}
			if p+1 < len(s) {
				p++
				b.WriteByte(s[p])
			}
		case '"':
			return b.String(), p, true
		case '\n':
			return "", 0, false
		default:
			b.WriteByte(s[p])
		}
	}
	return "", 0, false
}
