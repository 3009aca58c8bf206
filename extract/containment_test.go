package extract

import "testing"

func TestLookupPlace(t *testing.T) {
	tests := []struct {
		name string
		want Place
		ok   bool
	}{
		{"Chicago", Place{Name: "Chicago", Kind: "city", Region: "Illinois", Country: "United States", Large: true}, true},
		{"chicago", Place{Name: "Chicago", Kind: "city", Region: "Illinois", Country: "United States", Large: true}, true},
		{"Evanston", Place{Name: "Evanston", Kind: "city", Region: "Illinois", Country: "United States"}, true},
		{"Illinois", Place{Name: "Illinois", Kind: "region", Country: "United States"}, true},
		{"Kazakhstan", Place{Name: "Kazakhstan", Kind: "country", Country: "Kazakhstan"}, true},
		{"Republic of Kazakhstan", Place{Name: "Kazakhstan", Kind: "country", Country: "Kazakhstan"}, true},
		{"Kabul", Place{Name: "Kabul", Kind: "city", Region: "Kabul", Country: "Afghanistan", Large: true}, true},
		// Another name of a city takes the city's region.
		{"New Delhi", Place{Name: "Delhi", Kind: "city", Region: "Delhi", Country: "India", Large: true}, true},
		{"Manchester", Place{Name: "Manchester", Kind: "city", Region: "England", Country: "United Kingdom"}, true},
		{"German", Place{}, false},
		{"Nowhereville", Place{}, false},
		{"", Place{}, false},
	}
	for _, tt := range tests {
		got, ok := LookupPlace(tt.name)
		if ok != tt.ok || got != tt.want {
			t.Errorf("LookupPlace(%q) = %+v, %v; want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
