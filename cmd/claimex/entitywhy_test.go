package main

import (
	"strings"
	"testing"
)

// TestEntitiesWhy: `entities --why NAME` lists the names of NAME's entity
// and the rule that merged each, and shows a reviewer's corrections.
func TestEntitiesWhy(t *testing.T) {
	env := map[string]string{envDB: testDB(t, t.TempDir(), "e.db")}
	docs := copySeeds(t, "001_c3d0c4f10a557457.txt", "003_877156c012e558aa.txt", "004_371244e6fb34e273.txt")
	if code, _, errs := cli(t, env, "ingest", docs); code != exitOK {
		t.Fatalf("ingest: %s", errs)
	}
	steps := []struct {
		args []string
		want []string
	}{
		{[]string{"entities", "--why", "Kasim-Yomart Tokáyev"}, []string{"Kassym-Jomart Tokayev (PERSON)", "NAME", "RULE", "WHY",
			"the canonical name", "Kasim-Yomart Tokáyev", "transliteration", `another transliteration of "`}},
		// Any of the entity's names, or a mention's text, finds it.
		{[]string{"entities", "--why", "Kassym-Jomart Tokayev"}, []string{"Kasim-Yomart Tokáyev", "transliteration"}},
		{[]string{"entities", "split", "Kasim-Yomart Tokáyev"}, []string{`split "Kasim-Yomart Tokáyev"`}},
		{[]string{"entities", "--why", "Kasim-Yomart Tokáyev"}, []string{"Kasim-Yomart Tokáyev (PERSON): 1 name", "split",
			"split out by a reviewer"}},
		{[]string{"entities", "merge", "Kassym-Jomart Tokayev", "Kasim-Yomart Tokáyev"}, []string{"merged"}},
		{[]string{"entities", "--why", "Kasim-Yomart Tokáyev"}, []string{"correction", `merged with "Kassym-Jomart Tokayev" by a reviewer`}},
	}
	for _, s := range steps {
		code, out, errs := cli(t, env, s.args...)
		if code != exitOK {
			t.Fatalf("claimex %v: exit %d: %s", s.args, code, errs)
		}
		for _, w := range s.want {
			if !strings.Contains(out, w) {
				t.Errorf("claimex %v: no %q in\n%s", s.args, w, out)
			}
		}
	}
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"entities", "--why", "Nobody Known"}, exitFailed, `no entity is named "Nobody Known"`},
		{[]string{"entities", "--why", "Karim Masimov", "split", "Karim Masimov"}, exitUsage, "--why takes no merge or split"},
	} {
		code, _, errs := cli(t, env, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("claimex %v: exit %d, %q; want exit %d with %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
}
