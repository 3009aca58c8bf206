package store

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// The store's queries are written once, with SQLite's parameters: ? (the
// next argument), ?NNN (argument NNN) and :name (a sql.Named argument).
// PostgreSQL numbers its parameters $1, $2, ...; rewriteParams turns one
// form into the other, and puts named arguments where their numbers say.
// Text inside quotes ('...', "..."), dollar quotes ($$...$$) and comments
// is left alone, and so is a cast (::type).

// rewritten is a query in PostgreSQL's form, with where each of its
// parameters comes from: a position among the positional arguments, or a
// name.
type rewritten struct {
	sql   string
	names []string // names[i] is the name of parameter i+1, "" for a positional one
}

var rewrites sync.Map // query text -> rewritten

// maxParam is the largest parameter number SQLite takes (its default
// SQLITE_MAX_VARIABLE_NUMBER).
const maxParam = 32766

// rewriteParams returns query with $N parameters, and the arguments in
// the order they are numbered.
func rewriteParams(query string, args []driver.NamedValue) (string, []driver.NamedValue, error) {
	if len(args) == 0 {
		return query, args, nil
	}
	r := rewriteQuery(query)
	out, err := r.args(args)
	return r.sql, out, err
}

// rewriteQuery returns query in PostgreSQL's form, rewritten once.
func rewriteQuery(query string) rewritten {
	if v, ok := rewrites.Load(query); ok {
		return v.(rewritten)
	}
	r := parseParams(query)
	rewrites.Store(query, r)
	return r
}

// args puts args in the order of the rewritten query's parameters.
func (r rewritten) args(args []driver.NamedValue) ([]driver.NamedValue, error) {
	var positional []driver.NamedValue
	named := map[string]driver.NamedValue{}
	for _, a := range args {
		if a.Name != "" {
			named[a.Name] = a
		} else {
			positional = append(positional, a)
		}
	}
	out := make([]driver.NamedValue, len(r.names))
	slots := 0
	for i, name := range r.names {
		if name == "" {
			slots++
			continue
		}
		a, ok := named[name]
		if !ok {
			return nil, fmt.Errorf("query names :%s, which no argument has", name)
		}
		a.Name, a.Ordinal = "", i+1
		out[i] = a
	}
	// Positional arguments keep their numbers: ?3 is the third. As on
	// SQLite, a query may leave the last arguments unused (queries run in
	// turn with the same arguments).
	if len(positional) < slots {
		return nil, fmt.Errorf("query has %d positional parameters, given %d arguments", slots, len(positional))
	}
	positional = positional[:slots]
	for i, a := range positional {
		a.Ordinal = i + 1
		out[i] = a
	}
	return out, nil
}

// parseParams rewrites the parameters of query. Positional parameters
// take the numbers SQLite gives them (a bare ? is one more than the
// largest number so far); each distinct name takes the next number after
// every positional one.
func parseParams(query string) rewritten {
	type piece struct {
		text string
		num  int    // positional parameter number, or 0
		name string // named parameter, or ""
	}
	var pieces []piece
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			pieces = append(pieces, piece{text: b.String()})
			b.Reset()
		}
	}
	maxNum := 0
	for i := 0; i < len(query); {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			j := closing(query, i+1, c)
			b.WriteString(query[i:j])
			i = j
		case c == '-' && strings.HasPrefix(query[i:], "--"):
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				j = len(query) - i
			}
			b.WriteString(query[i : i+j])
			i += j
		case c == '/' && strings.HasPrefix(query[i:], "/*"):
			j := strings.Index(query[i+2:], "*/")
			end := len(query)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			b.WriteString(query[i:end])
			i = end
		case c == '$' && dollarTag(query[i:]) != "":
			tag := dollarTag(query[i:])
			end := strings.Index(query[i+len(tag):], tag)
			j := len(query)
			if end >= 0 {
				j = i + len(tag) + end + len(tag)
			}
			b.WriteString(query[i:j])
			i = j
		case c == ':' && i+1 < len(query) && query[i+1] == ':':
			b.WriteString("::")
			i += 2
		case c == ':' && i+1 < len(query) && isNameStart(query[i+1]) && (i == 0 || !isNameChar(query[i-1])):
			j := i + 1
			for j < len(query) && isNameChar(query[j]) {
				j++
			}
			flush()
			pieces = append(pieces, piece{name: query[i+1 : j]})
			i = j
		case c == '?':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			n := maxNum + 1
			if j > i+1 {
				var err error
				if n, err = strconv.Atoi(query[i+1 : j]); err != nil || n < 1 || n > maxParam {
					// No parameter SQLite would take: the text goes as
					// it is, for the database to refuse.
					b.WriteString(query[i:j])
					i = j
					continue
				}
			}
			maxNum = max(maxNum, n)
			flush()
			pieces = append(pieces, piece{num: n})
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	flush()
	names := make([]string, maxNum)
	number := map[string]int{}
	var out strings.Builder
	for _, p := range pieces {
		switch {
		case p.name != "":
			n, ok := number[p.name]
			if !ok {
				names = append(names, p.name)
				n = len(names)
				number[p.name] = n
			}
			fmt.Fprintf(&out, "$%d", n)
		case p.num > 0:
			fmt.Fprintf(&out, "$%d", p.num)
		default:
			out.WriteString(p.text)
		}
	}
	return rewritten{sql: out.String(), names: names}
}

// closing returns the index just past the quote q that closes a quoted
// text starting at i (a doubled quote stands for itself).
func closing(s string, i int, q byte) int {
	for i < len(s) {
		if s[i] == q {
			if i+1 < len(s) && s[i+1] == q {
				i += 2
				continue
			}
			return i + 1
		}
		i++
	}
	return len(s)
}

// dollarTag returns the dollar-quote tag s starts with ($$ or $tag$), or "".
func dollarTag(s string) string {
	for j := 1; j < len(s); j++ {
		switch {
		case s[j] == '$':
			return s[:j+1]
		case !isNameChar(s[j]) || (j == 1 && s[j] >= '0' && s[j] <= '9'):
			return ""
		}
	}
	return ""
}

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isNameChar(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }
