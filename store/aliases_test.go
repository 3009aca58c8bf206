package store

import "testing"

// TestDefinesAlias: the text between two mentions in a row, from the
// first's suffix and the second's prefix, defines an alias or does not.
func TestDefinesAlias(t *testing.T) {
	tests := []struct {
		a, b, between, after string
		want                 bool
	}{
		{"Iraqi Security Forces", "ISF", " (", ") said", true},
		{"ISF", "Iraqi Security Forces", " (", "), the", true},
		{"Islamic Resistance Movement", "Hamas", " [", "]", true},
		{"ISIL", "DAESH", ", also known by its Arabic acronym as ", ". Through", true},
		{"ISIL", "Daesh", ", also known as ", ", said", true},
		{"Islamic State", "Daesh", ", widely known as ", " in", true},
		{"the Islamic State", "Daesh", ", or ISIS, widely known as ", " in", false}, // ISIS is a mention between
		{"Abu Bakr al-Baghdadi", "Ibrahim Awad al-Badri", ", whose real name is ", ",", false},
		{"Mohammed Emwazi", "Jihadi John", ", better known as “", "”", true},
		{"Khalid", "Abu Ali", ", called ", " by", true},
		{"Ali Hassan al-Majid", "Chemical Ali", " a.k.a. ", ",", true},
		{"Ali Hassan al-Majid", "Chemical Ali", " (a.k.a. ", ")", true},
		// Not aliases.
		{"Mosul", "Iraq", " (", ")", true}, // two single words: resolution checks the types
		{"Baghdad Operations Command", "Ninewa Operations Command", " (", ")", false},
		{"John Smith", "Jane Smith", " and ", " said", false},
		{"ISIL", "Iraq", " in ", ".", false},
		{"ISIL", "DAESH", ". It is known as ", ".", false},
		{"Reuters", "AP", " (", " and", false},
		{"Hamas", "Israel", " called on ", " to", false},
	}
	for _, tt := range tests {
		// Cut the text as the claims table holds it: up to 32 characters
		// after the first mention, up to 32 before the second.
		after := []rune(tt.between + tt.b + tt.after)
		before := []rune("some text before " + tt.between)
		suffix, prefix := string(after[:min(32, len(after))]), string(before[max(0, len(before)-32):])
		if got := definesAlias(tt.a, tt.b, suffix, prefix, tt.after, len([]rune(tt.between))); got != tt.want {
			t.Errorf("%q%s%q: %v, want %v", tt.a, tt.between, tt.b, got, tt.want)
		}
	}
}
