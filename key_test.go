package claimex

import "testing"

func TestClaimKey(t *testing.T) {
	base := ClaimKey("doc", KindCount, "unrest has left ", "225 people dead", ", of which 19", 0)
	if len(base) != 16 {
		t.Fatalf("key %q is not 16 hex digits", base)
	}
	same := []struct {
		name                  string
		prefix, exact, suffix string
	}{
		{"whitespace", "unrest  has\nleft ", "225 people  dead", ",  of which 19"},
		{"case", "Unrest has left ", "225 People Dead", ", of which 19"},
	}
	for _, tt := range same {
		if got := ClaimKey("doc", KindCount, tt.prefix, tt.exact, tt.suffix, 0); got != base {
			t.Errorf("%s changed the key: %s vs %s", tt.name, got, base)
		}
	}
	q1 := ClaimKey("doc", KindCount, "“said ", "225", "”", 0)
	q2 := ClaimKey("doc", KindCount, "\"said ", "225", "\"", 0)
	if q1 != q2 {
		t.Errorf("curly and straight quotes give different keys")
	}
	if ClaimKey("doc", KindCount, "toll \u2013 ", "225", "", 0) != ClaimKey("doc", KindCount, "toll - ", "225", "", 0) {
		t.Errorf("an en dash and a hyphen give different keys")
	}
	different := map[string]string{
		"document":   ClaimKey("other", KindCount, "unrest has left ", "225 people dead", ", of which 19", 0),
		"kind":       ClaimKey("doc", KindEntity, "unrest has left ", "225 people dead", ", of which 19", 0),
		"exact":      ClaimKey("doc", KindCount, "unrest has left ", "226 people dead", ", of which 19", 0),
		"prefix":     ClaimKey("doc", KindCount, "riots have left ", "225 people dead", ", of which 19", 0),
		"suffix":     ClaimKey("doc", KindCount, "unrest has left ", "225 people dead", ", of which 20", 0),
		"occurrence": ClaimKey("doc", KindCount, "unrest has left ", "225 people dead", ", of which 19", 1),
		"boundary":   ClaimKey("doc", KindCount, "unrest has left 225", " people dead", ", of which 19", 0),
	}
	for name, k := range different {
		if k == base {
			t.Errorf("changing the %s kept the key", name)
		}
	}
}

func TestValidNames(t *testing.T) {
	for _, q := range Qualifiers {
		if !ValidQualifier(q) {
			t.Errorf("qualifier %s not valid", q)
		}
	}
	if ValidQualifier("precisely") {
		t.Error("unknown names accepted")
	}
}
