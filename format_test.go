package claimex

import "testing"

func TestGroupDigits(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 225: "225", 6044: "6,044", 18000000: "18,000,000",
		-4500: "-4,500", 1234.5: "1,234.5", 100: "100", 1000: "1,000"} {
		if got := GroupDigits(v); got != want {
			t.Errorf("GroupDigits(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestFigureText(t *testing.T) {
	tests := []struct {
		v, max *float64
		q      Qualifier
		vague  string
		want   string
	}{
		{Float(225), nil, Exact, "", "225"},
		{Float(3000), nil, MoreThan, "", "more than 3,000"},
		{Float(20), Float(30), Range, "", "20–30"},
		{nil, nil, Approximately, "dozens", "dozens"},
		{Float(2000), nil, Approximately, "", "approximately 2,000"},
	}
	for _, tt := range tests {
		if got := FigureText(tt.v, tt.max, tt.q, tt.vague); got != tt.want {
			t.Errorf("FigureText = %q, want %q", got, tt.want)
		}
	}
}
