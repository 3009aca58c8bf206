package fetch

import (
	"regexp"
	"strings"
	"time"
)

var datelineRE = regexp.MustCompile(`^(?i)(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:` +
	`([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` + // January 7, 2022
	`|(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})` + // 7 January 2022
	`)$`)

// parseDateline reads a line that is only a date, as blogs print above a
// post, and returns it as YYYY-MM-DD.
func parseDateline(line string) (string, bool) {
	m := datelineRE.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return "", false
	}
	month, day, year := m[1], m[2], m[3]
	if month == "" {
		day, month, year = m[4], m[5], m[6]
	}
	for _, layout := range []string{"January 2 2006", "Jan 2 2006"} {
		t, err := time.Parse(layout, strings.ToUpper(month[:1])+strings.ToLower(month[1:])+" "+day+" "+year)
		if err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

func isDateline(line string) bool {
	_, ok := parseDateline(line)
	return ok
}
