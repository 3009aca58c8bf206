package review

import (
	"strings"
	"testing"
	"time"

	"github.com/claimex/claimex"
)

// group makes a group of figures, each stated by one document on a day
// ("" for undated).
func chartGroup(figs ...any) Group {
	var g Group
	for i := 0; i < len(figs); i += 2 {
		v, day := figs[i].(float64), figs[i+1].(string)
		d, _ := time.Parse(time.DateOnly, day)
		g.Figures = append(g.Figures, Figure{Value: claimex.Float(v), Qualifier: claimex.Exact, Low: v, High: v,
			Statements: []Statement{{DocumentID: int64(i), Source: "doc", Published: day, Date: d}}})
	}
	return g
}

func TestChart(t *testing.T) {
	tests := []struct {
		name    string
		g       Group
		log     bool
		xLabels string
	}{
		{"a week", chartGroup(164.0, "2022-01-09", 225.0, "2022-01-15", 26.0, "2022-01-07"), false, "7 Jan 2022|9 Jan|11 Jan|13 Jan|15 Jan"},
		{"one day and undated", chartGroup(164.0, "2022-01-09", 225.0, ""), false, "9 Jan 2022|undated"},
		{"undated only", chartGroup(164.0, "", 225.0, ""), false, "undated"},
		{"three orders of magnitude", chartGroup(3.0, "2019-11-18", 4500.0, "2019-11-19"), true, "18 Nov 2019|19 Nov"},
		{"two orders of magnitude", chartGroup(3.0, "2019-11-18", 300.0, "2019-11-18"), false, "18 Nov 2019"},
		{"over a new year", chartGroup(1.0, "2021-12-30", 2.0, "2022-01-02"), false, "30 Dec 2021|31 Dec|1 Jan 2022|2 Jan"},
		{"months", chartGroup(1.0, "2022-01-01", 2.0, "2022-06-30"), false, "1 Jan 2022|3 Mar|3 May|30 Jun"},
	}
	for _, tt := range tests {
		c := chartOf(tt.g)
		if c.Log != tt.log {
			t.Errorf("%s: log scale %v, want %v", tt.name, c.Log, tt.log)
		}
		var labels []string
		for _, x := range c.XTicks {
			labels = append(labels, x.Label)
		}
		if got := strings.Join(labels, "|"); got != tt.xLabels {
			t.Errorf("%s: date labels %q, want %q", tt.name, got, tt.xLabels)
		}
		// No label is cut off or runs into the next.
		for i, x := range c.XTicks {
			w := labelWidth(x.Label) / 2
			if x.Pos-w < 0 || x.Pos+w > c.Width {
				t.Errorf("%s: label %q at %.0f leaves the chart (width %.0f)", tt.name, x.Label, x.Pos, c.Width)
			}
			if i > 0 {
				prev := c.XTicks[i-1]
				if prev.Pos+labelWidth(prev.Label)/2+4 > x.Pos-w {
					t.Errorf("%s: labels %q and %q overlap", tt.name, prev.Label, x.Label)
				}
			}
		}
		for _, y := range c.YTicks {
			if c.Left-6-labelWidth(y.Label) < 0 || y.Pos < c.Top-1 || y.Pos > c.Bottom+1 {
				t.Errorf("%s: value label %q at %.0f does not fit (left %.0f)", tt.name, y.Label, y.Pos, c.Left)
			}
		}
		// Undated points stand apart, right of every dated one.
		for _, p := range c.Points {
			if p.X < c.Left || p.X > c.Right || p.Y < c.Top || p.Y > c.Bottom {
				t.Errorf("%s: point %q at (%.0f, %.0f) outside the plot", tt.name, p.Label, p.X, p.Y)
			}
			if c.Divider != 0 && strings.Contains(p.Label, "20") && p.X >= c.Divider {
				t.Errorf("%s: dated point %q right of the divider", tt.name, p.Label)
			}
		}
	}
}
