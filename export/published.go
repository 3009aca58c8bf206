package export

import (
	"regexp"
	"strings"
	"time"
)

// publishedLayouts are the forms of a publication date that databases
// hold: today's fetcher stores RFC 3339 or YYYY-MM-DD, older ones stored
// what the page's metadata said. A weekday in front is dropped first.
var publishedLayouts = []struct {
	layout  string
	hasTime bool
}{
	{time.RFC3339, true}, // with or without fractional seconds
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05 Z07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02T15:04:05", true},
	{"2006-01-02T15:04", true},
	{"2006-01-02 15:04:05", true},
	{"2006-01-02 15:04", true},
	{"2 Jan 2006 15:04:05 -0700", true},
	{"2 Jan 2006 15:04:05 MST", true},
	{"2 Jan 2006 15:04 -0700", true},
	{"2006-01-02", false},
	{"2006/01/02", false},
	{"20060102", false},
	{"January 2, 2006", false},
	{"Jan 2, 2006", false},
	{"January 2 2006", false},
	{"2 January 2006", false},
	{"2 Jan 2006", false},
	{"02.01.2006", false},
}

// weekday is a day's name in front of a date ("Friday, ", "Fri, ").
var weekday = regexp.MustCompile(`(?i)^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+`)

// utcNames are the zone names that mean UTC; any other name ("EST") gives
// no offset claimex can trust, so only the date is kept.
var utcNames = map[string]bool{"UTC": true, "GMT": true, "UT": true, "Z": true}

// normalizePublished writes a stored publication date in one form, the
// same in every format: RFC 3339 when it has a time (in the offset the
// page gave; a time with no zone is taken as UTC, as the fetcher does),
// YYYY-MM-DD when it has none, and "" when it reads as no date or a year
// outside 1900-2100.
func normalizePublished(s string) string {
	s = weekday.ReplaceAllString(strings.TrimSpace(s), "")
	if s == "" {
		return ""
	}
	for _, l := range publishedLayouts {
		t, err := time.ParseInLocation(l.layout, s, time.UTC)
		if err != nil {
			continue
		}
		if t.Year() < 1900 || t.Year() > 2100 {
			return ""
		}
		name, offset := t.Zone()
		if l.hasTime && (offset != 0 || utcNames[strings.ToUpper(name)]) {
			return t.Format(time.RFC3339)
		}
		return t.Format("2006-01-02")
	}
	return ""
}
