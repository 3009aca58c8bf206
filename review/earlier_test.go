package review

import (
	"testing"
	"time"
)

func TestEarlier(t *testing.T) {
	nov2019 := time.Date(2019, 11, 18, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		sentence string
		first    time.Time
		want     bool
	}{
		{`It was known as the "Black Death" during the fourteenth century, causing more than 50 million deaths.`, nov2019, true},
		{"The pandemic killed an estimated 25 million people in Europe alone in the 14th Century.", nov2019, true},
		{"From 2010 to 2015 there were 3,248 cases, including 584 deaths.", nov2019, true},
		{"In the 1990s, 300 people died in floods.", nov2019, true},
		{"Two people died of plague in 2019.", nov2019, false},
		{"Since 2018, when 40 were killed, and again in 2019, 12 more died.", nov2019, false},
		{"Three people were killed on Monday.", nov2019, false}, // no date: the event's
		{"The toll of 2,000 people rose overnight.", nov2019, false},
		{"Troops killed 1500 people and 1200 were hurt.", nov2019, false},
		{"Between 2010 and 2019, 400 died.", nov2019, false},
		{"Between 2001 and 2005, 400 died.", nov2019, true},
		{"In 1998 floods killed 400 people.", time.Time{}, false}, // an undated event has nothing earlier
		{"in the 21st century, 12 were killed", nov2019, false},
	}
	for _, tt := range tests {
		if got := earlier(tt.sentence, tt.first); got != tt.want {
			t.Errorf("earlier(%q) = %v, want %v", tt.sentence, got, tt.want)
		}
	}
}
