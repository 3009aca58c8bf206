package review

import (
	"math"
	"sort"
	"time"

	"github.com/claimex/claimex"
)

// Chart is an SVG chart of a group's figures over time: one point per
// statement, at its article's date and its figure's value. Undated
// articles stand in a column of their own, right of the dates and apart
// from them; the value axis is logarithmic when the figures span more
// than two orders of magnitude. The margins are made for the labels, so
// that none is cut off.
type Chart struct {
	Width, Height float64
	Points        []ChartPoint
	XTicks        []Tick
	YTicks        []Tick
	// Plot area.
	Left, Top, Right, Bottom float64
	// Log is set when the value axis is logarithmic.
	Log bool
	// Undated is where the column of undated articles stands (0 when
	// every article is dated), Divider the line between it and the dates.
	Undated, Divider float64
}

// ChartPoint is one statement of a figure.
type ChartPoint struct {
	X, Y      float64
	Label     string
	Disagrees bool
	// Open marks a figure with no upper bound ("more than 3,000"),
	// drawn as an arrow up.
	Open bool
}

// Tick is an axis label.
type Tick struct {
	Pos   float64
	Label string
}

const (
	chartWidth, chartHeight = 560.0, 240.0
	// charWidth is about how wide a character of the axis labels is
	// (11px sans-serif), to leave room for them.
	charWidth = 7.0
	// logSpan is the ratio of the largest figure to the smallest from
	// which the value axis is logarithmic.
	logSpan = 100
)

func labelWidth(s string) float64 { return charWidth * float64(len([]rune(s))) }

// chartOf draws a group's figures.
func chartOf(g Group) Chart {
	c := Chart{Width: chartWidth, Height: chartHeight, Top: 14, Bottom: chartHeight - 34}
	type point struct {
		v     float64
		date  time.Time
		label string
		f     Figure
	}
	var pts []point
	var dates []time.Time
	undated := false
	for _, f := range g.Figures {
		if f.Value == nil {
			continue
		}
		for _, s := range f.Statements {
			label := figureLabel(f) + " — " + s.Source
			if s.Attribution != "" {
				label += " (" + s.Attribution + ")"
			}
			if !s.Date.IsZero() {
				label += ", " + s.Date.Format("2 January 2006")
				dates = append(dates, s.Date)
			} else {
				undated = true
			}
			pts = append(pts, point{*f.Value, s.Date, label, f})
		}
	}
	if len(pts) == 0 {
		return c
	}
	// The value axis.
	low, high := math.Inf(1), 0.0
	for _, p := range pts {
		high = math.Max(high, p.v)
		if p.v > 0 {
			low = math.Min(low, p.v)
		}
	}
	if high == 0 {
		high = 1
	}
	c.Log = low < math.Inf(1) && high/low > logSpan
	var y func(float64) float64
	if c.Log {
		lo, hi := math.Floor(math.Log10(low)), math.Ceil(math.Log10(high))
		if hi == lo {
			hi++
		}
		y = func(v float64) float64 {
			if v <= 0 {
				return c.Bottom
			}
			return c.Bottom - (c.Bottom-c.Top)*(math.Log10(v)-lo)/(hi-lo)
		}
		for e := lo; e <= hi; e++ {
			v := math.Pow(10, e)
			c.YTicks = append(c.YTicks, Tick{Pos: y(v), Label: claimex.GroupDigits(v)})
		}
	} else {
		step := niceStep(high / 4)
		top := math.Ceil(high/step) * step
		y = func(v float64) float64 { return c.Bottom - (c.Bottom-c.Top)*v/top }
		for v := 0.0; v <= top+step/2; v += step {
			c.YTicks = append(c.YTicks, Tick{Pos: y(v), Label: claimex.GroupDigits(v)})
		}
	}
	widest := 0.0
	for _, t := range c.YTicks {
		widest = math.Max(widest, labelWidth(t.Label))
	}
	c.Left = widest + 14

	// The date axis, and the column of undated articles right of it.
	sort.Slice(dates, func(i, j int) bool { return dates[i].Before(dates[j]) })
	c.Right = c.Width - 12
	datedRight := c.Right
	if undated {
		c.Undated = c.Right - labelWidth("undated")/2 - 4
		datedRight = c.Undated - labelWidth("undated")/2 - 28
		if len(dates) == 0 {
			datedRight = c.Left
		}
	}
	var x func(time.Time) float64
	if len(dates) > 0 {
		first, last := dates[0], dates[len(dates)-1]
		ticks := dateTicks(first, last)
		// Room for the first and last labels within their ends.
		lo := c.Left + labelWidth(ticks[0].Label)/2
		hi := datedRight - labelWidth(ticks[len(ticks)-1].Label)/2
		span := float64(last.Sub(first))
		x = func(t time.Time) float64 {
			if span == 0 {
				return (lo + hi) / 2
			}
			return lo + (hi-lo)*float64(t.Sub(first))/span
		}
		for _, t := range ticks {
			c.XTicks = append(c.XTicks, Tick{Pos: x(t.at), Label: t.Label})
		}
		if undated {
			c.Divider = datedRight + 14
		}
	}
	if undated {
		c.XTicks = append(c.XTicks, Tick{Pos: c.Undated, Label: "undated"})
	}
	for _, p := range pts {
		px := c.Undated
		if !p.date.IsZero() {
			px = x(p.date)
		}
		c.Points = append(c.Points, ChartPoint{X: px, Y: y(p.v), Label: p.label, Disagrees: p.f.Disagrees,
			Open: math.IsInf(p.f.High, 1)})
	}
	return c
}

// niceStep rounds a step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return math.Max(1, m*p)
		}
	}
	return 10 * p
}

type dateTick struct {
	at    time.Time
	Label string
}

// dateTicks are the days to label between first and last: both ends, and
// between them whole days, weeks or months so that there are no more than
// five labels. A label names the year only where it changes.
func dateTicks(first, last time.Time) []dateTick {
	days := int(last.Sub(first).Hours()/24 + 0.5)
	var at []time.Time
	if days == 0 {
		at = []time.Time{first}
	} else {
		step := 1
		for _, s := range []int{1, 2, 7, 14, 30, 61, 91, 182, 365} {
			step = s
			if days/s <= 4 {
				break
			}
		}
		for d := 0; d < days; d += step {
			at = append(at, first.AddDate(0, 0, d))
		}
		// The last date, in place of the one before when that would
		// crowd it.
		if n := len(at); n > 1 && last.Sub(at[n-1]).Hours()/24 < 0.8*float64(step) {
			at = at[:n-1]
		}
		at = append(at, last)
	}
	out := make([]dateTick, len(at))
	for i, t := range at {
		layout := "2 Jan"
		if i == 0 || t.Year() != at[i-1].Year() {
			layout = "2 Jan 2006"
		}
		out[i] = dateTick{t, t.Format(layout)}
	}
	return out
}
