package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/claimex/claimex/store"
)

// TestNormalizePublished covers the forms a database can hold: what
// today's fetcher stores and what older ones stored as the page gave it.
func TestNormalizePublished(t *testing.T) {
	for _, c := range []struct{ stored, want string }{
		{"", ""},
		{"   ", ""},
		// As today's fetcher stores them: unchanged.
		{"2022-01-07", "2022-01-07"},
		{"2022-01-07T10:15:00Z", "2022-01-07T10:15:00Z"},
		{"2022-01-07T10:15:00+01:00", "2022-01-07T10:15:00+01:00"},
		{"2022-01-07T10:15:00-05:00", "2022-01-07T10:15:00-05:00"},
		// Times in other spellings: RFC 3339, in the offset given.
		{" 2022-01-07T10:15:00.000+00:00 ", "2022-01-07T10:15:00Z"},
		{"2022-01-07T10:15:00.123456Z", "2022-01-07T10:15:00Z"},
		{"2022-01-07T10:15:00+0100", "2022-01-07T10:15:00+01:00"},
		{"2022-01-07T10:15+06:00", "2022-01-07T10:15:00+06:00"},
		{"2022-01-07 10:15:00+01:00", "2022-01-07T10:15:00+01:00"},
		{"2022-01-07 10:15:00 +0100", "2022-01-07T10:15:00+01:00"},
		{"Fri, 07 Jan 2022 10:15:00 +0100", "2022-01-07T10:15:00+01:00"},
		{"Fri, 7 Jan 2022 10:15:00 GMT", "2022-01-07T10:15:00Z"},
		{"Friday, 7 Jan 2022 10:15:00 UTC", "2022-01-07T10:15:00Z"},
		// No zone: UTC, as the fetcher reads it.
		{"2022-01-07T10:15:00", "2022-01-07T10:15:00Z"},
		{"2022-01-07T10:15", "2022-01-07T10:15:00Z"},
		{"2022-01-07 10:15:00", "2022-01-07T10:15:00Z"},
		// A zone name with no offset claimex can trust: the date only, the
		// same on every machine.
		{"Fri, 07 Jan 2022 22:15:00 EST", "2022-01-07"},
		// Dates: YYYY-MM-DD.
		{"2022/01/07", "2022-01-07"},
		{"20220107", "2022-01-07"},
		{"January 7, 2022", "2022-01-07"},
		{"january 7, 2022", "2022-01-07"},
		{"Jan 7, 2022", "2022-01-07"},
		{"Friday, January 7, 2022", "2022-01-07"},
		{"Fri. January 7 2022", "2022-01-07"},
		{"7 January 2022", "2022-01-07"},
		{"7 Jan 2022", "2022-01-07"},
		{"07.01.2022", "2022-01-07"},
		// No date, or none that can be right: null.
		{"yesterday", ""},
		{"Updated 3 hours ago", ""},
		{"2022-13-45", ""},
		{"2022-02-30", ""},
		{"0001-01-01T00:00:00Z", ""},
		{"2999-01-01", ""},
		{"1899-12-31", ""},
		{"1643550900", ""},
		{"Friday", ""},
	} {
		if got := normalizePublished(c.stored); got != c.want {
			t.Errorf("normalizePublished(%q) = %q, want %q", c.stored, got, c.want)
		}
	}
}

// FuzzNormalizePublished checks that any stored text normalises to
// nothing, an RFC 3339 time or a YYYY-MM-DD date, and that normalising
// again changes nothing.
func FuzzNormalizePublished(f *testing.F) {
	for _, s := range []string{"2022-01-07", "Fri, 07 Jan 2022 10:15:00 +0100", "Friday, January 7, 2022", "2022-01-07T10:15"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := normalizePublished(s)
		if got == "" {
			return
		}
		_, errTime := time.Parse(time.RFC3339, got)
		_, errDate := time.Parse("2006-01-02", got)
		if errTime != nil && errDate != nil {
			t.Errorf("normalizePublished(%q) = %q: neither RFC 3339 nor YYYY-MM-DD", s, got)
		}
		if again := normalizePublished(got); again != got {
			t.Errorf("normalizePublished(%q) = %q, then %q", s, got, again)
		}
	})
}

// TestPublishedAgrees checks that every claim and document has the same
// published in CSV as in JSON Lines.
func TestPublishedAgrees(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	for what, write := range map[string]func(Format, *bytes.Buffer) (int, error){
		"claims":    func(f Format, b *bytes.Buffer) (int, error) { return Claims(ctx, st, store.ClaimFilter{}, f, b) },
		"documents": func(f Format, b *bytes.Buffer) (int, error) { return Documents(ctx, st, f, b) },
	} {
		var jl, cs bytes.Buffer
		if _, err := write(JSONL, &jl); err != nil {
			t.Fatal(err)
		}
		if _, err := write(CSV, &cs); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&cs).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := -1
		for i, name := range rows[0] {
			if name == "published" {
				col = i
			}
		}
		lines := strings.Split(strings.TrimSpace(jl.String()), "\n")
		if col < 0 || len(rows) != len(lines)+1 {
			t.Fatalf("%s: %d CSV rows, %d JSON lines, published in column %d", what, len(rows), len(lines), col)
		}
		dated := 0
		for i, line := range lines {
			var rec struct{ Published *string }
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatal(err)
			}
			if rec.Published != nil {
				dated++
			}
			if got := rows[i+1][col]; got != str(rec.Published) || got != normalizePublished(got) {
				t.Errorf("%s %d: published %q in CSV, %v in JSON Lines", what, i+1, got, str(rec.Published))
			}
		}
		if dated < 2 {
			t.Errorf("%s: only %d records with a date", what, dated)
		}
	}
}
