package review

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A document reporting one happening may recall others: an article on a
// case of plague today gives the Black Death's toll. A figure whose
// sentence dates it, and only to years before its event's, is of an
// earlier happening: it is compared with the figures of earlier
// happenings its event's documents recall, not with the event's own.

var (
	// A year after a word that opens a time ("in 1347", "from 2010 to
	// 2015", "the 1990s"): a number of people ("killed 1500 people") is
	// none.
	yearRef = regexp.MustCompile(`(?i)\b(?:in|since|from|to|until|till|during|before|after|between|the|early|late|mid-?)\s+(1[0-9]{3}|20[0-9]{2})(s?)\b`)
	// The end of "between 2010 and 2019".
	betweenRef = regexp.MustCompile(`(?i)\bbetween\s+(?:1[0-9]{3}|20[0-9]{2})\s+and\s+(1[0-9]{3}|20[0-9]{2})\b`)
	// "the 14th century", "the fourteenth century".
	centuryRef = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)[ -]century\b|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[ -]century\b`)
	centuries  = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
		"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
		"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
		"twenty-first": 21}
)

// earlier reports whether a sentence dates what it tells of, and only to
// before the year first: it names years or centuries, all of them ending
// more than a year before. An undated event (first zero) has nothing
// earlier.
func earlier(sentence string, first time.Time) bool {
	if first.IsZero() {
		return false
	}
	latest, dated := 0, false
	for _, m := range yearRef.FindAllStringSubmatch(sentence, -1) {
		y, _ := strconv.Atoi(m[1])
		if m[2] != "" {
			y += 9 // "the 1990s"
		}
		latest, dated = max(latest, y), true
	}
	for _, m := range betweenRef.FindAllStringSubmatch(sentence, -1) {
		y, _ := strconv.Atoi(m[1])
		latest, dated = max(latest, y), true
	}
	for _, m := range centuryRef.FindAllStringSubmatch(sentence, -1) {
		n, _ := strconv.Atoi(m[1])
		if m[2] != "" {
			n = centuries[strings.ToLower(m[2])]
		}
		latest, dated = max(latest, n*100-1), true
	}
	return dated && latest < first.Year()-1
}
