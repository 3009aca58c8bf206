package review

import (
	"strings"
	"testing"
)

// TestEntitiesPageSaysWhy: the entities page says, for each name merged
// into an entity, the rule that merged it, in words, so that a reviewer
// can trust the merge or split the name out.
func TestEntitiesPageSaysWhy(t *testing.T) {
	_, _, ts := fixture(t, "")
	code, body, _ := get(t, ts.Client(), ts.URL+"/entities?type=PERSON&name=Tokayev")
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	for _, want := range []string{"why merged", `<ul class="why">`, "<b>Kassym-Shomart Tokayev</b>", `<span class="rule">transliteration</span>`,
		"another transliteration of &#34;"} {
		if !strings.Contains(body, want) {
			t.Errorf("no %q in the entities page:\n%s", want, body)
		}
	}
}
