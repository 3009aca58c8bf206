package store

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/claimex/claimex"
)

// renameFixture stores two documents: A with a killed, an injured and a
// second killed claim, B with a killed claim; every claim is accepted but
// the injured one, whose category is corrected to killed.
func renameFixture(t *testing.T) (st *Store, docA int64, ids map[string]int64) {
	t.Helper()
	ctx := context.Background()
	st = openTemp(t)
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h1", Text: []byte("one")})
	if err != nil {
		t.Fatal(err)
	}
	textA, textB := "225 people dead and 4,500 injured; 19 died.", "Another 7 were killed."
	written, err := st.WriteEntries(ctx, run, []Entry{
		entry(t, "a.txt", textA,
			count("k-dead", claimex.Killed, 225, 0, 15, 0, 43, "225 people dead"),
			count("k-hurt", claimex.Injured, 4500, 20, 33, 0, 43, "4,500 injured"),
			count("k-19", claimex.Killed, 19, 35, 42, 0, 43, "19 died")),
		entry(t, "b.txt", textB, count("k-b", claimex.Killed, 7, 8, 21, 0, 22, "7 were killed")),
	})
	if err != nil {
		t.Fatal(err)
	}
	ids = map[string]int64{}
	st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error { ids[v.Key] = v.ID; return nil })
	for _, key := range []string{"k-dead", "k-19", "k-b"} {
		if _, err := st.Decide(ctx, Decision{ClaimID: ids[key], Action: claimex.Accepted, Reviewer: "ana"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Decide(ctx, Decision{ClaimID: ids["k-hurt"], Action: claimex.Edited, Reviewer: "ana",
		Category: claimex.Killed}); err != nil {
		t.Fatal(err)
	}
	return st, written[0].ID, ids
}

// TestRenamedCategoryCarriesReviews re-runs document A with rules that
// rename killed to dead: the claims whose category alone moved keep their
// reviews carried, and the edit's correction follows the rename; without
// the rename, the same run leaves them changed.
func TestRenamedCategoryCarriesReviews(t *testing.T) {
	for _, tt := range []struct {
		name    string
		renames Renames
		states  map[string]ReviewState
		diff    []DiffRow
	}{
		{"renamed", Renames{claimex.Killed: "dead"},
			map[string]ReviewState{"k-dead": ReviewCarried, "k-hurt": ReviewCarried, "k-19": ReviewChanged, "k-b": ReviewCarried},
			[]DiffRow{{Label: "dead", Changed: 1, Unchanged: 1}, {Label: "injured", Unchanged: 1}}},
		{"a new category, no rename", nil,
			map[string]ReviewState{"k-dead": ReviewChanged, "k-hurt": ReviewCarried, "k-19": ReviewChanged, "k-b": ReviewCarried},
			[]DiffRow{{Label: "dead", Changed: 2}, {Label: "injured", Unchanged: 1}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			st, docA, _ := renameFixture(t)
			run, _ := st.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "h2", Text: []byte("two")})
			err := st.StageDocuments(ctx, run, []Staged{{DocumentID: docA, Claims: []claimex.Claim{
				count("k-dead", "dead", 225, 0, 15, 0, 43, "225 people dead"),
				count("k-hurt", claimex.Injured, 4500, 20, 33, 0, 43, "4,500 injured"),
				count("k-19", "dead", 20, 35, 42, 0, 43, "19 died"), // renamed, and its value moved
			}}})
			if err != nil {
				t.Fatal(err)
			}
			d, err := st.CommitRun(ctx, run, 0, tt.renames)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d.Rows, tt.diff) {
				t.Errorf("diff rows = %+v, want %+v", d.Rows, tt.diff)
			}
			rs, err := st.Reviews(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]ReviewState{}
			byKey := map[string]ReviewView{}
			for _, r := range rs {
				got[r.Key], byKey[r.Key] = r.State, r
			}
			if !reflect.DeepEqual(got, tt.states) {
				t.Errorf("review states = %v, want %v", got, tt.states)
			}
			if tt.renames == nil {
				return
			}
			// The reviews of the run's document speak of dead; document
			// B's, not re-run, still of killed; the audit trail keeps what
			// was decided.
			if c := byKey["k-dead"].Snapshot.Category; c != "dead" {
				t.Errorf("k-dead's snapshot category = %s, want dead", c)
			}
			if c := byKey["k-hurt"].Category; c != "dead" {
				t.Errorf("k-hurt's corrected category = %s, want dead", c)
			}
			if c := byKey["k-hurt"].Snapshot.Category; c != claimex.Injured {
				t.Errorf("k-hurt's snapshot category = %s, want injured", c)
			}
			if c := byKey["k-b"].Snapshot.Category; c != claimex.Killed {
				t.Errorf("k-b (not re-run) snapshot category = %s, want killed", c)
			}
			var killedEvents int
			st.db.QueryRow(`SELECT COUNT(*) FROM review_events WHERE ` + st.d.snapCategory + ` = 'killed'
				OR category = 'killed'`).Scan(&killedEvents)
			if killedEvents != 4 {
				t.Errorf("%d audit events still say killed, want all 4", killedEvents)
			}
			// The claims' statuses agree with the reviews' states.
			st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error {
				want := map[ReviewState]claimex.Status{ReviewCarried: v.Decision, ReviewChanged: claimex.Changed}[tt.states[v.Key]]
				if v.Status != want {
					t.Errorf("claim %s: status %s, want %s", v.Key, v.Status, want)
				}
				return nil
			})
		})
	}
}

// TestRenameSkipsBadSnapshots: a review whose stored fingerprint is not
// JSON (an old database's empty default) does not stop a commit.
func TestRenameSkipsBadSnapshots(t *testing.T) {
	ctx := context.Background()
	st, docA, _ := renameFixture(t)
	if _, err := st.db.Exec("UPDATE reviews SET fingerprint = '' WHERE key = 'k-19'"); err != nil {
		t.Fatal(err)
	}
	run, _ := st.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "h2"})
	if err := st.StageDocuments(ctx, run, []Staged{{DocumentID: docA, Claims: []claimex.Claim{
		count("k-19", "dead", 19, 35, 42, 0, 43, "19 died")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CommitRun(ctx, run, 0, Renames{claimex.Killed: "dead"}); err != nil {
		t.Fatalf("commit with a review lacking a fingerprint: %v", err)
	}
	var snap string
	st.db.QueryRow("SELECT snapshot FROM reviews WHERE key = 'k-19'").Scan(&snap)
	var s Snapshot
	if err := json.Unmarshal([]byte(snap), &s); err != nil || s.Category != "dead" {
		t.Errorf("snapshot after the rename: %s (%v)", snap, err)
	}
}

func TestRuleFilter(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	run, _ := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h"})
	text := "a man was killed, two men were shot, 5 died, 6 fled, Ann Lee"
	rule := func(c claimex.Claim, r string) claimex.Claim { c.Rule = r; return c }
	person := claimex.Claim{Key: "p", Kind: claimex.KindEntity, EntityType: claimex.Person, Canonical: "Ann Lee",
		Text: "Ann Lee", Start: 52, End: 59, SentenceEnd: 59, Rule: "entity/name"}
	if _, err := st.WriteEntries(ctx, run, []Entry{entry(t, "a.txt", text,
		rule(count("k1", claimex.Killed, 1, 0, 16, 0, 59, "a man was killed"), "count/single"),
		rule(count("k2", claimex.Injured, 2, 18, 35, 0, 59, "two men were shot"), "count/single-both"),
		rule(count("k3", claimex.Killed, 5, 37, 43, 0, 59, "5 died"), "count/predicate-after"),
		rule(count("k4", claimex.Displaced, 6, 45, 50, 0, 59, "6 fled"), "count/a_b"),
		person)}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		rule string
		want []string
	}{
		{"count/single", []string{"k1"}},
		{"count/single*", []string{"k1", "k2"}},
		{"count/*", []string{"k1", "k2", "k3", "k4"}},
		{"*", []string{"k1", "k2", "k3", "k4", "p"}},
		{"count/sing", nil},           // exact unless it ends in *
		{"count/a_*", []string{"k4"}}, // _ is a character, not a wildcard
		{"count/a%", nil},             // nor is %
		{"COUNT/single", nil},         // rule names are case-sensitive
		{"", []string{"k1", "k2", "k3", "k4", "p"}},
	} {
		var got []string
		if err := st.Claims(ctx, ClaimFilter{Rule: tt.rule}, func(v ClaimView) error {
			got = append(got, v.Key)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Rule %q: %v, want %v", tt.rule, got, tt.want)
		}
	}
	for rule, ok := range map[string]bool{"count/*": true, "count/single": true, "*": true, "": true,
		"count/*/x": false, "*single": false, "**": false} {
		if err := CheckRuleFilter(rule); (err == nil) != ok || (err != nil && !errors.Is(err, ErrInvalid)) {
			t.Errorf("CheckRuleFilter(%q) = %v, want ok=%v", rule, err, ok)
		}
	}
	names, err := st.RuleNames(ctx, claimex.KindCount)
	if want := []string{"count/a_b", "count/predicate-after", "count/single", "count/single-both"}; err != nil || !reflect.DeepEqual(names, want) {
		t.Errorf("RuleNames(count) = %v, %v; want %v", names, err, want)
	}
	if names, _ := st.RuleNames(ctx, ""); len(names) != 5 || names[0] != "count/a_b" || names[4] != "entity/name" {
		t.Errorf("RuleNames(all) = %v", names)
	}
	cats, err := st.CategoriesInUse(ctx)
	if want := []claimex.Category{claimex.Displaced, claimex.Injured, claimex.Killed}; err != nil || !reflect.DeepEqual(cats, want) {
		t.Errorf("CategoriesInUse = %v, %v; want %v", cats, err, want)
	}
}

func TestCurrentRules(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	if _, ok, err := st.CurrentRules(ctx); ok || err != nil {
		t.Fatalf("an empty database has current rules: %v %v", ok, err)
	}
	current := func(want string) {
		t.Helper()
		r, ok, err := st.CurrentRules(ctx)
		if err != nil || !ok || r.Hash != want || string(r.Text) != "text of "+want {
			t.Errorf("current rules = %q %q (%v, %v), want %s", r.Hash, r.Text, ok, err, want)
		}
	}
	rules := func(hash string) RunRules {
		return RunRules{Name: "r.yaml", Hash: hash, Text: []byte("text of " + hash)}
	}
	run1, _ := st.BeginRun(ctx, claimex.RunIngest, rules("one"))
	written, err := st.WriteEntries(ctx, run1, []Entry{entry(t, "a.txt", "5 died.", count("k", claimex.Killed, 5, 0, 6, 0, 7, "5 died"))})
	if err != nil {
		t.Fatal(err)
	}
	current("one")
	// A re-extraction counts once it is current.
	run2, _ := st.BeginRun(ctx, claimex.RunExtract, rules("two"))
	st.StageDocuments(ctx, run2, []Staged{{DocumentID: written[0].ID}})
	current("one")
	if _, err := st.CommitRun(ctx, run2, 0, nil); err != nil {
		t.Fatal(err)
	}
	current("two")
	// An abandoned run never does.
	run3, _ := st.BeginRun(ctx, claimex.RunExtract, rules("three"))
	st.StageDocuments(ctx, run3, []Staged{{DocumentID: written[0].ID}})
	st.AbandonRun(ctx, run3)
	current("two")
	// A later ingest of new documents is the newest current run.
	run4, _ := st.BeginRun(ctx, claimex.RunIngest, rules("four"))
	st.WriteEntries(ctx, run4, []Entry{entry(t, "b.txt", "6 fled.", count("k6", claimex.Displaced, 6, 0, 6, 0, 7, "6 fled"))})
	current("four")
}
