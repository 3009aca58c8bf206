package events

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// day is a calendar day, with or without its year.
type day struct {
	t time.Time // at midnight UTC; year 0 when not known
	// yearless is set when the text gave no year and none could be told.
	yearless bool
}

func (d day) zero() bool { return d.t.IsZero() }

// publishedLayouts are the forms a stored published date takes: RFC 3339
// and YYYY-MM-DD as cleaning writes them, and the forms older databases
// kept as the page spelt them.
var publishedLayouts = []string{time.RFC3339, "2006-01-02", time.RFC1123Z, time.RFC1123, "January 2, 2006",
	"2 January 2006", "Jan 2, 2006", "2006-01-02 15:04:05"}

// parsePublished reads a document's published date; zero when it has
// none or it is no date.
func parsePublished(s string) day {
	s = strings.TrimSpace(s)
	for _, layout := range publishedLayouts {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1900 && t.Year() <= 2100 {
			return day{t: midnight(t.Year(), t.Month(), t.Day())}
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil && t.Year() >= 1900 && t.Year() <= 2100 {
			return day{t: midnight(t.Year(), t.Month(), t.Day())}
		}
	}
	return day{}
}

func midnight(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var months = map[string]time.Month{}

func init() {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		months[name] = m
		months[name[:3]] = m
	}
	months["sept"] = time.September
}

const monthPattern = `(January|February|March|April|May|June|July|August|September|October|November|December|` +
	`Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`

var (
	// "January 7, 2022", "Jan. 7", "January 7th 2022".
	monthDay = regexp.MustCompile(`\b` + monthPattern + `\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`)
	// "7 January 2022", "7th of January".
	dayMonth = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthPattern + `\b(?:,?\s+(\d{4})\b)?`)
	isoDate  = regexp.MustCompile(`\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b`)
)

// textDates finds the calendar days a text names. Days without a year
// take the published date's year (the year before when that would put
// them more than a month after it), else the year of a full date in the
// text, else none.
func textDates(text string, published day) []day {
	type found struct {
		y    int
		m    time.Month
		d    int
		full bool
	}
	var all []found
	add := func(y int, m time.Month, d int) {
		if d < 1 || d > 31 || m < 1 || m > 12 || y != 0 && (y < 1900 || y > 2100) || len(all) >= maxDates {
			return
		}
		all = append(all, found{y, m, d, y != 0})
	}
	// The patterns run only around the words that may be months and the
	// dashes that may be in a date: on a whole long text they cost more
	// than everything else grouping does.
	for _, w := range dateWindows(text) {
		for _, g := range monthDay.FindAllStringSubmatch(w, -1) {
			d, _ := strconv.Atoi(g[2])
			y, _ := strconv.Atoi(g[3])
			add(y, months[strings.ToLower(g[1])], d)
		}
		for _, g := range dayMonth.FindAllStringSubmatch(w, -1) {
			d, _ := strconv.Atoi(g[1])
			y, _ := strconv.Atoi(g[3])
			add(y, months[strings.ToLower(g[2])], d)
		}
		for _, g := range isoDate.FindAllStringSubmatch(w, -1) {
			y, _ := strconv.Atoi(g[1])
			m, _ := strconv.Atoi(g[2])
			d, _ := strconv.Atoi(g[3])
			add(y, time.Month(m), d)
		}
	}
	year := 0
	if !published.zero() {
		year = published.t.Year()
	} else {
		for _, f := range all {
			if f.full {
				year = max(year, f.y)
			}
		}
	}
	var out []day
	for _, f := range all {
		switch {
		case f.full:
			out = append(out, day{t: midnight(f.y, f.m, f.d)})
		case year != 0:
			t := midnight(year, f.m, f.d)
			if !published.zero() && t.After(published.t.AddDate(0, 1, 0)) {
				t = midnight(year-1, f.m, f.d)
			}
			out = append(out, day{t: t})
		default:
			out = append(out, day{t: midnight(0, f.m, f.d), yearless: true})
		}
	}
	return out
}

// maxDates is how many days of a text are read.
const maxDates = 200

// dateWindows cuts out of a text the stretches that may hold a date: a
// capitalised word that may be a month, or a dash between digits, with
// the words either side, whole. Stretches that overlap are joined, so no
// date is read twice.
func dateWindows(text string) []string {
	const before, after = 16, 24
	var out []string
	lo, hi := -1, -1
	flush := func() {
		if lo >= 0 {
			out = append(out, text[lo:hi])
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		start := false
		switch {
		case strings.IndexByte("JFMASOND", c) >= 0 && (i == 0 || !isAlnum(text[i-1])):
			j := i + 1
			for j < len(text) && j-i < 10 && text[j] >= 'a' && text[j] <= 'z' {
				j++
			}
			_, start = months[strings.ToLower(text[i:j])]
		case c == '-' && i >= 4 && i+2 < len(text) && isDigit(text[i-1]) && isDigit(text[i+1]):
			start = true
		}
		if !start {
			continue
		}
		a, b := max(0, i-before), min(len(text), i+after)
		for a > 0 && isAlnum(text[a-1]) {
			a--
		}
		for b < len(text) && isAlnum(text[b]) {
			b++
		}
		if lo >= 0 && a <= hi {
			hi = max(hi, b)
			continue
		}
		flush()
		lo, hi = a, b
	}
	flush()
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// when is the day a document reports on: its published date, or else the
// latest day its text names (a report tells of what came before it).
func when(published day, dates []day) day {
	if !published.zero() {
		return published
	}
	var best day
	for _, d := range dates {
		if best.zero() || best.yearless && !d.yearless || best.yearless == d.yearless && d.t.After(best.t) {
			best = d
		}
	}
	return best
}

// daysApart is how many days lie between two days; a day without a year
// is compared by month and day alone, around the year.
func daysApart(a, b day) int {
	if !a.yearless && !b.yearless {
		n := int(a.t.Sub(b.t).Hours() / 24)
		return max(n, -n)
	}
	// In a leap year, so that 29 February has its place.
	n := midnight(2000, a.t.Month(), a.t.Day()).YearDay() - midnight(2000, b.t.Month(), b.t.Day()).YearDay()
	n = max(n, -n)
	return min(n, 366-n)
}
