package corpus

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// IsURL reports whether s is an http or https address rather than a path.
func IsURL(s string) bool {
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Host != ""
}

// ReadURLs reads a URL list: one address a line; blank lines and lines
// starting with # are skipped, as is anything after whitespace on a line
// (a note). Lines that are not http(s) addresses come back as problems,
// named by line number, and the rest of the list is still read.
func ReadURLs(r io.Reader, name string) (urls []string, problems []error, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	seen := map[string]bool{}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.IndexAny(line, " \t"); i > 0 {
			line = line[:i]
		}
		if !IsURL(line) {
			problems = append(problems, fmt.Errorf("%s:%d: not an http or https address: %q", name, n, line))
			continue
		}
		if !seen[line] {
			seen[line] = true
			urls = append(urls, line)
		}
	}
	if err := sc.Err(); err != nil {
		return urls, problems, fmt.Errorf("read %s: %w", name, err)
	}
	return urls, problems, nil
}
