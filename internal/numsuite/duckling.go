package numsuite

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// readDuckling reads the English corpora of Duckling
// (Duckling/<Dimension>/EN/Corpus.hs): each `examples (HEAD) [ "text", ...
// ]` gives its texts the value HEAD states.
func readDuckling(dir string) ([]candidate, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "Duckling", "*", "EN", "Corpus.hs"))
	if err != nil {
		return nil, err
	}
	var out []candidate
	for _, path := range paths {
		dim := filepath.Base(filepath.Dir(filepath.Dir(path)))
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(filepath.Dir(dir), path)
		groups, err := duckExamples(string(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		for _, g := range groups {
			c := candidate{}
			switch dim {
			case "Numeral":
				c.value, c.hasValue = duckValue(g.head, 1)
			case "Ordinal":
				c.excluded = reasonOrdinal
			case "AmountOfMoney":
				c.excluded = reasonMoney
			case "Quantity":
				// "simple Unnamed 4 Nothing" is a number with no unit.
				if f := strings.Fields(g.head); len(f) >= 3 && f[0] == "simple" && f[1] == "Unnamed" {
					c.value, c.hasValue = duckValue(g.head, 2)
				} else {
					c.excluded = reasonUnit
				}
			default:
				return nil, fmt.Errorf("%s: unknown Duckling corpus %q", rel, dim)
			}
			for _, t := range g.texts {
				c.source, c.text = fmt.Sprintf("%s:%d", rel, t.line), t.text
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// duckValue reads the number that is field k of a Duckling example head:
// "NumeralValue 3e6", "NumeralValue (-504)".
func duckValue(head string, k int) (float64, bool) {
	f := strings.Fields(head)
	if len(f) <= k {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.Trim(f[k], "()"), 64)
	return v, err == nil
}

type duckGroup struct {
	head  string
	texts []duckText
}

type duckText struct {
	text string
	line int
}

// duckExamples finds every `examples (HEAD) [ ... ]` of a Haskell corpus
// file, with the string literals of its list.
func duckExamples(src string) ([]duckGroup, error) {
	var out []duckGroup
	for i := 0; ; {
		k := strings.Index(src[i:], "examples")
		if k < 0 {
			return out, nil
		}
		i += k + len("examples")
		j := skipSpace(src, i)
		if j >= len(src) || src[j] != '(' {
			continue // "allExamples", "latentExamples"
		}
		end, err := balanced(src, j, '(', ')')
		if err != nil {
			return nil, err
		}
		g := duckGroup{head: src[j+1 : end]}
		j = skipSpace(src, end+1)
		if j >= len(src) || src[j] != '[' {
			return nil, fmt.Errorf("line %d: examples without a list", lineAt(src, j))
		}
		close, err := balanced(src, j, '[', ']')
		if err != nil {
			return nil, err
		}
		for p := j + 1; p < close; p++ {
			if src[p] != '"' {
				continue
			}
			lit, next, err := hsString(src, p)
			if err != nil {
				return nil, err
			}
			g.texts = append(g.texts, duckText{text: lit, line: lineAt(src, p)})
			p = next
		}
		out = append(out, g)
		i = close + 1
	}
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i
}

// balanced returns the index of the bracket closing the one at s[i],
// skipping string literals.
func balanced(s string, i int, open, close byte) (int, error) {
	depth := 0
	for p := i; p < len(s); p++ {
		switch s[p] {
		case '"':
			_, next, err := hsString(s, p)
			if err != nil {
				return 0, err
			}
			p = next
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return p, nil
			}
		}
	}
	return 0, fmt.Errorf("line %d: %q not closed", lineAt(s, i), open)
}

// hsString reads the Haskell string literal opening at s[i] and returns
// its text and the index of its closing quote.
func hsString(s string, i int) (string, int, error) {
	var b strings.Builder
	for p := i + 1; p < len(s); p++ {
		switch s[p] {
		case '\\':
			if p+1 < len(s) {
				p++
				b.WriteByte(s[p])
			}
		case '"':
			return b.String(), p, nil
		case '\n':
			return "", 0, fmt.Errorf("line %d: string not closed", lineAt(s, i))
		default:
			b.WriteByte(s[p])
		}
	}
	return "", 0, fmt.Errorf("line %d: string not closed", lineAt(s, i))
}

func lineAt(s string, i int) int { return strings.Count(s[:min(i, len(s))], "\n") + 1 }
