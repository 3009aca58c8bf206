package store

import (
	"database/sql/driver"
	"reflect"
	"strings"
	"testing"
)

func TestRewriteParams(t *testing.T) {
	for _, tt := range []struct {
		query string
		args  []driver.NamedValue
		want  string
		order []any // the arguments' values in the order of $1, $2, ...
	}{
		{"SELECT ?", pos(1), "SELECT $1", []any{1}},
		{"SELECT ?, ?", pos(1, 2), "SELECT $1, $2", []any{1, 2}},
		{"SELECT ?2, ?1, ?2", pos("a", "b"), "SELECT $2, $1, $2", []any{"a", "b"}},
		{"SELECT ?1, ?", pos("a", "b"), "SELECT $1, $2", []any{"a", "b"}},
		{"WHERE h = :holder AND r = :reviewer OR h2 = :holder", named("reviewer", "ana", "holder", "h1"),
			"WHERE h = $1 AND r = $2 OR h2 = $1", []any{"h1", "ana"}},
		{"SELECT ?, :n", append(pos(1), named("n", 2)...), "SELECT $1, $2", []any{1, 2}},
		// Quotes, comments, dollar quotes and casts are left alone.
		{"SELECT '?', \"a?\", ?, 'it''s :x' -- ? :y\n, ?", pos(1, 2), "SELECT '?', \"a?\", $1, 'it''s :x' -- ? :y\n, $2", []any{1, 2}},
		{"SELECT $$ ? $$, $t$ :a $t$, ?::jsonb", pos(1), "SELECT $$ ? $$, $t$ :a $t$, $1::jsonb", []any{1}},
		{"SELECT 'entity:' || x, /* :a ? */ ?", pos(1), "SELECT 'entity:' || x, /* :a ? */ $1", []any{1}},
		// Arguments a query leaves unused at the end are dropped, as on
		// SQLite.
		{"DELETE FROM t WHERE id = ?1", pos(7, "now"), "DELETE FROM t WHERE id = $1", []any{7}},
		// No arguments: the query goes as it is (migrations, DO blocks).
		{"SELECT ?", nil, "SELECT ?", nil},
	} {
		got, args, err := rewriteParams(tt.query, tt.args)
		if err != nil {
			t.Errorf("%q: %v", tt.query, err)
			continue
		}
		var order []any
		for i, a := range args {
			if a.Ordinal != i+1 || a.Name != "" {
				t.Errorf("%q: argument %d is %+v", tt.query, i, a)
			}
			order = append(order, a.Value)
		}
		if got != tt.want || !reflect.DeepEqual(order, tt.order) {
			t.Errorf("%q:\n got %q %v\nwant %q %v", tt.query, got, order, tt.want, tt.order)
		}
	}
	for _, tt := range []struct {
		query string
		args  []driver.NamedValue
	}{
		{"SELECT ?, ?", pos(1)},
		{"SELECT :a", named("b", 1)},
	} {
		if _, _, err := rewriteParams(tt.query, tt.args); err == nil {
			t.Errorf("%q with %v: no error", tt.query, tt.args)
		}
	}
}

func pos(vals ...any) []driver.NamedValue {
	var out []driver.NamedValue
	for i, v := range vals {
		out = append(out, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	return out
}

func named(kv ...any) []driver.NamedValue {
	var out []driver.NamedValue
	for i := 0; i < len(kv); i += 2 {
		out = append(out, driver.NamedValue{Name: kv[i].(string), Value: kv[i+1]})
	}
	return out
}

// FuzzParseParams: any text rewrites without a panic, into parameters
// numbered from 1 with no gap, and text without ?, : or $ is left as it is.
func FuzzParseParams(f *testing.F) {
	for _, s := range []string{"SELECT ?", "?1 ?2 :a", "'?' \"?\" -- ?", "$$ ? $$ ?", "$a$ :x", "::text :", "?99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		r := parseParams(q)
		if !strings.ContainsAny(q, "?:$") && r.sql != q {
			t.Fatalf("%q rewritten to %q", q, r.sql)
		}
		seen := map[string]bool{}
		for _, n := range r.names {
			if n != "" && seen[n] {
				t.Fatalf("%q: name %s numbered twice", q, n)
			}
			seen[n] = true
		}
	})
}
