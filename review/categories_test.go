package review

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// userRules are the default rules with a category of the user's: infected,
// rolling up to affected, and hospitalised, rolling up to infected; and
// killed renamed to dead.
func userRules(t *testing.T) *rules.Rules {
	t.Helper()
	text := strings.Replace(string(rules.DefaultText()), "categories:\n", "categories:\n"+
		"  infected:\n    predicates: [infected, tested positive]\n    rolls_up_to: affected\n"+
		"  admitted:\n    predicates: [admitted to hospital]\n    rolls_up_to: infected\n", 1)
	text = strings.Replace(text, "\n  killed:\n", "\n  dead:\n    renamed_from: [killed]\n", 1)
	text = strings.Replace(text, "single_victim_categories: [killed,", "single_victim_categories: [dead,", 1)
	r, err := rules.Parse("user.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestConflictsRollUp(t *testing.T) {
	user := userRules(t)
	vague := func(id, doc int64, cat claimex.Category) store.ClaimView {
		v := view(id, doc, cat, 0, claimex.Exact, "people", "count/vague")
		v.Value, v.Vague = nil, "hundreds"
		return v
	}
	edited := func(v store.ClaimView, cat claimex.Category) store.ClaimView {
		v.Status, v.ReviewedCategory = claimex.Edited, cat
		return v
	}
	c := func(id, doc int64, cat claimex.Category, v float64, q claimex.Qualifier) store.ClaimView {
		return view(id, doc, cat, v, q, "people", "count/noun")
	}
	tests := []struct {
		name   string
		rules  *rules.Rules
		claims []store.ClaimView
		want   []string // "whole value < part value"
	}{
		{"a whole smaller than its part", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.Exact), c(2, 2, claimex.Killed, 400, claimex.Exact)},
			[]string{"casualties 300 < killed 400"}},
		{"a whole larger than its part", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 500, claimex.Exact), c(2, 2, claimex.Killed, 400, claimex.Exact)}, nil},
		{"equal", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 400, claimex.Exact), c(2, 2, claimex.Injured, 400, claimex.Exact)}, nil},
		{"parts are not summed", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.Exact), c(2, 2, claimex.Killed, 200, claimex.Exact),
				c(3, 3, claimex.Injured, 200, claimex.Exact)}, nil},
		{"each part on its own", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.Exact), c(2, 2, claimex.Killed, 200, claimex.Exact),
				c(3, 3, claimex.Injured, 350, claimex.Exact)},
			[]string{"casualties 300 < injured 350"}},
		{"about 350 may hold 400", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 350, claimex.Approximately), c(2, 2, claimex.Killed, 400, claimex.Exact)}, nil},
		{"about 300 cannot", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.Approximately), c(2, 2, claimex.Killed, 400, claimex.Exact)},
			[]string{"casualties approximately 300 < killed 400"}},
		{"more than 300 may", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.MoreThan), c(2, 2, claimex.Killed, 400, claimex.Exact)}, nil},
		{"up to 300 cannot", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.UpTo), c(2, 2, claimex.Killed, 400, claimex.Exact)},
			[]string{"casualties up to 300 < killed 400"}},
		{"a part of at least 350", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.Exact), c(2, 2, claimex.Killed, 350, claimex.AtLeast)},
			[]string{"casualties 300 < killed at least 350"}},
		{"a part of fewer than 350", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.Exact), c(2, 2, claimex.Killed, 350, claimex.LessThan)}, nil},
		{"a vague whole holds anything", rules.Default(),
			[]store.ClaimView{vague(1, 1, claimex.Casualties), c(2, 2, claimex.Killed, 400, claimex.Exact)}, nil},
		{"other subjects are not compared", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.Exact),
				view(2, 2, claimex.Killed, 400, claimex.Exact, "police officers", "count/noun")}, nil},
		{"no roll-up, no comparison", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.Exact), c(2, 2, claimex.Arrested, 400, claimex.Exact)}, nil},
		{"a part the other way round is no part", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Killed, 300, claimex.Exact), c(2, 2, claimex.Casualties, 400, claimex.Exact)}, nil},
		{"an edit's category counts", rules.Default(),
			[]store.ClaimView{edited(c(1, 1, claimex.Injured, 300, claimex.Exact), claimex.Casualties),
				c(2, 2, claimex.Killed, 400, claimex.Exact)},
			[]string{"casualties 300 < killed 400"}},
		{"a rejected part does not", rules.Default(),
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.Exact),
				func() store.ClaimView {
					v := c(2, 2, claimex.Killed, 400, claimex.Exact)
					v.Status = claimex.Rejected
					return v
				}()}, nil},
		{"through two roll-ups", user,
			[]store.ClaimView{c(1, 1, claimex.Affected, 10, claimex.Exact), c(2, 2, "admitted", 20, claimex.Exact),
				c(3, 3, "infected", 15, claimex.Exact)},
			[]string{"affected 10 < infected 15", "affected 10 < admitted 20", "infected 15 < admitted 20"}},
		{"an old name counts under its new one", user,
			[]store.ClaimView{c(1, 1, claimex.Casualties, 300, claimex.Exact), c(2, 2, claimex.Killed, 400, claimex.Exact)},
			[]string{"casualties 300 < dead 400"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := Conflicts(tt.claims, tt.rules)
			seen := map[string]bool{}
			var got []string
			for _, g := range groups {
				for _, sf := range g.Shortfalls {
					if g.Category != sf.Whole && g.Category != sf.Part {
						t.Errorf("group %s lists a shortfall of %s and %s", g.Category, sf.Whole, sf.Part)
					}
					s := string(sf.Whole) + " " + figureLabel(sf.WholeFigure) + " < " + string(sf.Part) + " " + figureLabel(sf.PartFigure)
					if !seen[s] {
						seen[s] = true
						got = append(got, s)
					}
				}
				// A group in a shortfall disagrees, and marks the figure.
				if len(g.Shortfalls) > 0 && !g.Disagree {
					t.Errorf("group %s has shortfalls but does not disagree", g.Category)
				}
			}
			sort.Strings(got)
			want := append([]string(nil), tt.want...)
			sort.Strings(want)
			if strings.Join(got, "; ") != strings.Join(want, "; ") {
				t.Errorf("shortfalls %q, want %q", got, want)
			}
		})
	}
}

func TestConflictsOrderFollowsRules(t *testing.T) {
	claims := []store.ClaimView{
		view(1, 1, "zeta", 5, claimex.Exact, "people", "count/noun"),
		view(2, 1, "alpha", 5, claimex.Exact, "people", "count/noun"),
		view(3, 1, "infected", 5, claimex.Exact, "people", "count/noun"),
		view(4, 1, claimex.Killed, 5, claimex.Exact, "people", "count/noun"),
		view(5, 1, claimex.Arrested, 5, claimex.Exact, "people", "count/noun"),
	}
	var got []string
	for _, g := range Conflicts(claims, userRules(t)) {
		got = append(got, string(g.Category))
	}
	// The rules' order (infected, then dead for killed, then arrested),
	// then names the rules lack, by name.
	if want := "infected dead arrested alpha zeta"; strings.Join(got, " ") != want {
		t.Errorf("group order %q, want %q", strings.Join(got, " "), want)
	}
}

func TestEvaluateRenamed(t *testing.T) {
	user := userRules(t)
	accepted := func(snap, cur claimex.Category, state store.ReviewState) store.ReviewView {
		v := store.ReviewView{Snapshot: count(snap, 225), Current: count(cur, 225), State: state}
		v.Status = claimex.Accepted
		return v
	}
	tests := []struct {
		name      string
		in        store.ReviewView
		label     string
		want      Outcome
		wantPlain Outcome // with the default rules, which know no rename
	}{
		{"reviewed killed, now dead", accepted(claimex.Killed, "dead", store.ReviewChanged), "dead", Found, Wrong},
		{"reviewed dead, still dead", accepted("dead", "dead", store.ReviewCarried), "dead", Found, Found},
		{"reviewed killed, now injured", accepted(claimex.Killed, claimex.Injured, store.ReviewChanged), "dead", Wrong, Wrong},
		{"reviewed killed, gone", accepted(claimex.Killed, "", store.ReviewOrphaned), "dead", Missed, Missed},
		{"corrected to killed, produced as dead", func() store.ReviewView {
			v := accepted(claimex.Injured, "dead", store.ReviewChanged)
			v.Status, v.Category = claimex.Edited, claimex.Killed
			return v
		}(), "dead", Found, Wrong},
	}
	var all []store.ReviewView
	for _, tt := range tests {
		all = append(all, tt.in)
		rep := Evaluate([]store.ReviewView{tt.in}, user)
		if j := rep.Judged[0]; j.Outcome != tt.want || j.Label != tt.label {
			t.Errorf("%s: %s in %q, want %s in %q", tt.name, j.Outcome, j.Label, tt.want, tt.label)
		}
		if j := Evaluate([]store.ReviewView{tt.in}, rules.Default()).Judged[0]; j.Outcome != tt.wantPlain {
			t.Errorf("%s, default rules: %s, want %s", tt.name, j.Outcome, tt.wantPlain)
		}
	}
	rep := Evaluate(all, user)
	if len(rep.Rows) != 1 || rep.Rows[0].Label != "dead" || rep.Rows[0].Found != 3 {
		t.Errorf("rows = %+v, want one dead row with 3 found", rep.Rows)
	}
	// Evaluate does not change the reviews it is given.
	if all[0].Snapshot.Category != claimex.Killed {
		t.Error("Evaluate rewrote a review")
	}
}

func TestPaletteClass(t *testing.T) {
	p := palette{userRules(t)}
	for cat, want := range map[any]string{
		claimex.Injured:              "cat-injured up-casualties",
		"infected":                   "cat-infected up-affected",
		claimex.Category("admitted"): "cat-admitted up-infected",
		claimex.Killed:               "cat-killed up-casualties", // an old name: its new one's roll-up
		claimex.Arrested:             "cat-arrested",
		"person":                     "cat-person",
	} {
		if got := p.Class(cat); got != want {
			t.Errorf("Class(%v) = %q, want %q", cat, got, want)
		}
	}
}

// categoryServer serves the UI over two articles ingested with the user's
// rules, the server taking its rules from the run.
func categoryServer(t *testing.T) (*store.Store, *httptest.Server) {
	t.Helper()
	dir := t.TempDir()
	articles := map[string]string{
		"camp.txt":  "Outbreak in the camp\n\nAt least 40 people were infected with cholera in the camp, aid workers said. Nine people were admitted to hospital.\n",
		"clash.txt": "Clashes in the capital\n\nOfficials said 30 people were killed in the clashes on Monday. The clashes caused 20 casualties, the hospital said.\n",
	}
	var paths []string
	for name, text := range articles {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		paths = append(paths, p)
	}
	st, _, ts := serveIngested(t, Config{}, userRules(t), paths)
	return st, ts
}

func TestCategoryPages(t *testing.T) {
	st, ts := categoryServer(t)
	c := ts.Client()
	ctx := context.Background()
	var infected store.ClaimView
	rulesOf := map[string]bool{}
	st.Claims(ctx, store.ClaimFilter{Kind: claimex.KindCount}, func(v store.ClaimView) error {
		if v.Category == "infected" {
			infected = v
		}
		rulesOf[v.Rule] = true
		return nil
	})
	if infected.ID == 0 {
		t.Fatal("the user's rules found no infected claim")
	}
	code, body, _ := get(t, c, ts.URL+"/claims")
	for _, want := range []string{`<option>infected</option>`, `<option>admitted</option>`, `<option>dead</option>`,
		`class="cat cat-infected up-affected"`, `<select name="rule"`, `<option>` + infected.Rule + `</option>`} {
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("/claims: %d, lacks %s", code, want)
		}
	}
	if strings.Contains(body, `<option>killed</option>`) {
		t.Error("/claims offers killed, which the rules renamed")
	}
	for path, want := range map[string]string{
		"/claims?category=infected":                                   "1 claims",
		"/claims?rule=" + url.QueryEscape(infected.Rule):              infected.Text,
		"/claims?rule=count%2F*":                                      "claims",
		"/claims?rule=nosuch%2Frule":                                  "0 claims",
		"/conflicts":                                                  "casualties 20 (doc ",
		"/documents/" + itoa(infected.DocumentID):                     "claim cat-infected up-affected",
		"/queue?id=" + itoa(infected.ID):                              `<option>infected</option>`,
		"/export?format=jsonl&rule=" + url.QueryEscape(infected.Rule): `"rule":"` + infected.Rule + `"`,
	} {
		code, body, _ := get(t, c, ts.URL+path)
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("%s: %d, lacks %q", path, code, want)
		}
	}
	// The rule filter selects: every row of a rule's page is of that rule.
	for rule := range rulesOf {
		var n int
		st.Claims(ctx, store.ClaimFilter{Kind: claimex.KindCount, Rule: rule}, func(store.ClaimView) error { n++; return nil })
		_, body, _ := get(t, c, ts.URL+"/claims?rule="+url.QueryEscape(rule))
		if !strings.Contains(body, itoa(int64(n))+" claims") || strings.Count(body, "<code>"+rule+"</code>") != n {
			t.Errorf("/claims?rule=%s does not show its %d claims", rule, n)
		}
	}
	for _, path := range []string{"/claims?category=happy", "/claims?rule=a*b", "/claims?category=killed"} {
		if code, _, _ := get(t, c, ts.URL+path); code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", path, code)
		}
	}
	// An edit may correct to a category of the current rules only.
	csrf := csrfOf(t, ts)
	for cat, want := range map[string]int{"nosuch": http.StatusBadRequest, "killed": http.StatusBadRequest, "admitted": http.StatusOK} {
		code, _ := do(t, ts, "POST", "/claims/"+itoa(infected.ID)+"/decide", "",
			url.Values{"csrf": {csrf}, "action": {"edit"}, "category": {cat}})
		if code != want {
			t.Errorf("edit to %s: %d, want %d", cat, code, want)
		}
	}
	if v, _ := st.Claim(ctx, infected.ID); v.ReviewedCategory != "admitted" {
		t.Errorf("after the edit: corrected to %q", v.ReviewedCategory)
	}
	// A user category has a colour: its roll-up's, defined before the
	// categories' own so that theirs win.
	_, css, _ := get(t, c, ts.URL+"/static/style.css")
	up, own := strings.Index(css, ".up-affected {"), strings.Index(css, ".cat-affected {")
	if up < 0 || own < 0 || up > own || !strings.Contains(css, `.cat[class*="cat-"] { background: var(--c, var(--other)); }`) {
		t.Errorf("style.css: up-affected at %d, cat-affected at %d, or no fallback colour", up, own)
	}
}
