package claimex

import (
	"strconv"
	"strings"
)

// GroupDigits writes a count with thousands separators: 6044 → "6,044".
func GroupDigits(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}

// FigureText writes a figure as a reader would: "225", "20–30", "more
// than 3,000", "dozens".
func FigureText(value, valueMax *float64, q Qualifier, vague string) string {
	if value == nil {
		return vague
	}
	v := GroupDigits(*value)
	if valueMax != nil {
		v += "–" + GroupDigits(*valueMax)
	}
	if q != "" && q != Exact && q != Range {
		return strings.ReplaceAll(string(q), "_", " ") + " " + v
	}
	return v
}
