package events

import (
	"testing"
	"time"
)

func TestTextDates(t *testing.T) {
	pub := parsePublished("2022-01-07T09:30:00+06:00")
	tests := []struct {
		name      string
		text      string
		published day
		want      []string // YYYY-MM-DD, or --MM-DD without a year
	}{
		{"month day year", "Protests broke out on January 2, 2022 in Zhanaozen.", day{}, []string{"2022-01-02"}},
		{"day month year", "On 5 January 2022 the president declared an emergency.", day{}, []string{"2022-01-05"}},
		{"ordinal", "It began on the 2nd of January 2022.", day{}, []string{"2022-01-02"}},
		{"abbreviated", "Jan. 4, 2022 and Sept 30, 2021", day{}, []string{"2022-01-04", "2021-09-30"}},
		{"iso", "updated 2022-01-06 at noon", day{}, []string{"2022-01-06"}},
		{"year from published", "which broke out on January 2", pub, []string{"2022-01-02"}},
		{"year before published", "since December 30", pub, []string{"2021-12-30"}},
		{"year from the text", "on January 2 ... by January 11, 2022", day{}, []string{"2022-01-02", "2022-01-11"}},
		{"no year at all", "which broke out on January 2", day{}, []string{"--01-02"}},
		{"no day 32", "January 32, 2022", day{}, nil},
		{"no year 3000", "January 3, 3000", day{}, nil},
		{"no month", "Marching 2 by 2 in the Junction 5 area", day{}, nil},
		{"nothing", "Police arrested 164 people.", day{}, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range textDates(tt.text, tt.published) {
			got = append(got, format(d))
		}
		if !equal(got, tt.want) {
			t.Errorf("%s: textDates(%q) = %v, want %v", tt.name, tt.text, got, tt.want)
		}
	}
}

func format(d day) string {
	if d.yearless {
		return d.t.Format("--01-02")
	}
	return d.t.Format(time.DateOnly)
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParsePublished(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022-01-07T09:30:00+06:00", "2022-01-07"},
		{"2022-01-07", "2022-01-07"},
		{"Fri, 07 Jan 2022 10:15:00 +0100", "2022-01-07"},
		{"January 7, 2022", "2022-01-07"},
		{"", ""},
		{"yesterday", ""},
		{"1850-01-01", ""},
	}
	for _, tt := range tests {
		got := ""
		if d := parsePublished(tt.in); !d.zero() {
			got = format(d)
		}
		if got != tt.want {
			t.Errorf("parsePublished(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDaysApart(t *testing.T) {
	d := func(s string) day { return parsePublished(s) }
	yl := func(m time.Month, n int) day { return day{t: midnight(0, m, n), yearless: true} }
	tests := []struct {
		a, b day
		want int
	}{
		{d("2022-01-02"), d("2022-01-09"), 7},
		{d("2022-01-09"), d("2022-01-02"), 7},
		{d("2021-12-30"), d("2022-01-02"), 3},
		{yl(1, 2), d("2022-01-07"), 5},
		{yl(12, 30), yl(1, 2), 3}, // around the year
		{yl(3, 1), d("2023-02-28"), 2},
	}
	for _, tt := range tests {
		if got := daysApart(tt.a, tt.b); got != tt.want {
			t.Errorf("daysApart(%s, %s) = %d, want %d", format(tt.a), format(tt.b), got, tt.want)
		}
	}
}

func FuzzTextDates(f *testing.F) {
	for _, s := range []string{"January 2, 2022", "2nd of Jan 1999", "2022-13-45", "Sept. 31", "May 2 May 2022 2022-02-29"} {
		f.Add(s, "2022-01-07")
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		pub := parsePublished(published)
		for _, d := range textDates(text, pub) {
			if y := d.t.Year(); d.yearless && y != 0 || !d.yearless && (y < 1899 || y > 2100) {
				t.Fatalf("textDates(%q) gave %v (yearless %v)", text, d.t, d.yearless)
			}
		}
		when(pub, textDates(text, pub))
	})
}
