package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/claimex/claimex"
)

// TestSearchSameOnBoth: a fixed set of queries over a fixed set of claims
// finds the same claims, in the same order (document and text order, as
// every listing of claims), on SQLite's FTS5 and on PostgreSQL's text
// search: words in any case and accents, phrases, prefixes, several
// terms, the fields beside the claim's words. Where the two split text
// into words differently, the table says what each finds: PostgreSQL
// reads a host name ("reuters.com") or a decimal ("3.5") as one word,
// where FTS5 reads its parts, so a search for a part finds it on SQLite
// only.
func TestSearchSameOnBoth(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	claim := func(key, text, prefix, suffix, attribution, location string, start int) claimex.Claim {
		c := count(key, claimex.Killed, 1, start, start+len(text), 0, 10, text)
		c.Prefix, c.Suffix, c.Attribution, c.Location = prefix, suffix, attribution, location
		return c
	}
	_, err = st.WriteEntries(ctx, run, []Entry{
		entry(t, "a.txt", "first document",
			claim("a1", "225 people dead", "in Almaty, ", " after the riots", "the Ministry of Health", "Almaty", 0),
			claim("a2", "4,500 injured", "and ", " in clashes", "Reuters", "Zhanaozen", 20),
			claim("a3", "3.5 million displaced", "some ", " by the cease-fire line", "UNHCR", "", 40)),
		entry(t, "b.txt", "second document",
			claim("b1", "12 journalists arrested", "Police said ", " on Sunday", "Amnesty International", "Bogotá", 0),
			claim("b2", "dozens of protesters detained", "", " according to reuters.com", "the police", "Medellín", 30)),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query string
		want  string // keys, in order; "-" for none
		// pg, when set, is what PostgreSQL finds instead.
		pg string
	}{
		{"dead", "a1", ""},
		{"DEAD", "a1", ""},
		{"Dead people", "a1", ""},
		{`"people dead"`, "a1", ""},
		{`"dead people"`, "-", ""},
		{"injur*", "a2", ""},
		{"arrest*", "b1", ""},
		{"almaty", "a1", ""},
		{"ministry health", "a1", ""},
		{"bogota", "b1", ""},
		{"Bogotá", "b1", ""},
		{"medellin", "b2", ""},
		{"reuters", "a2 b2", "a2"},
		{"4,500", "a2", ""},
		{"3.5", "a3", ""},
		{"3", "a3", "-"},
		{"cease-fire", "a3", ""},
		{`"cease fire"`, "a3", ""},
		{"fire", "a3", ""},
		{"police", "b1 b2", ""},
		{"police sunday", "b1", ""},
		{"amnesty intern*", "b1", ""},
		{"riots clashes", "-", ""},
		{`AND OR ( "NEAR`, "-", ""},
		{`*`, "a1 a2 a3 b1 b2", ""},
		{"d*", "a1 a3 b2", ""},
		{"'", "-", ""},
		{`\`, "-", ""},
	} {
		var got []string
		if err := st.Claims(ctx, ClaimFilter{Search: tt.query}, func(v ClaimView) error {
			got = append(got, v.Key)
			return nil
		}); err != nil {
			t.Errorf("search %q: %v", tt.query, err)
			continue
		}
		want := tt.want
		if st.d.postgres && tt.pg != "" {
			want = tt.pg
		}
		if want == "-" {
			want = ""
		}
		if !slices.Equal(got, strings.Fields(want)) {
			t.Errorf("%s: search %q found %v, want %v", st.d.name(), tt.query, got, strings.Fields(want))
		}
	}
}
