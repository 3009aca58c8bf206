package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/claimex/claimex"
)

// lastEventID is the id of the latest entry of the audit trail.
func lastEventID(t *testing.T, st *Store) int64 {
	t.Helper()
	id, _, err := st.LastChange(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestUndoEvent(t *testing.T) {
	ctx := context.Background()
	st, ids, _ := queueFixture(t, 2)
	id := ids["k0"]
	decide := func(a claimex.Status, who string) int64 {
		t.Helper()
		if _, err := st.Decide(ctx, Decision{ClaimID: id, Action: a, Reviewer: who}); err != nil {
			t.Fatal(err)
		}
		return lastEventID(t, st)
	}
	accept := decide(claimex.Accepted, "ana")
	reject := decide(claimex.Rejected, "ben")

	// Undoing the older decision leaves the later one standing...
	v, err := st.UndoEvent(ctx, accept, "ana")
	if err != nil || v.Status != claimex.Rejected || v.Reviewer != "ben" {
		t.Fatalf("undo an older decision: %s by %s, %v", v.Status, v.Reviewer, err)
	}
	// ...and it no longer counts when the later one is undone.
	if v, err = st.UndoEvent(ctx, reject, "ben"); err != nil || v.Status != claimex.Unreviewed {
		t.Fatalf("undo the standing decision: %s, %v", v.Status, err)
	}
	if _, err := st.UndoEvent(ctx, reject, "ben"); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("a second undo of one decision: %v", err)
	}
	if _, err := st.UndoEvent(ctx, lastEventID(t, st), "ben"); !errors.Is(err, ErrInvalid) {
		t.Errorf("undoing an undo: %v", err)
	}
	// The undos are in the trail, each naming what it took back.
	var undos int
	st.db.QueryRow("SELECT COUNT(*) FROM review_events WHERE kind = 'undo' AND undoes IN (?, ?)", accept, reject).Scan(&undos)
	if undos != 2 {
		t.Errorf("%d undo entries, want 2", undos)
	}

	// A restored edit keeps its own corrections, not the undone one's.
	st.Decide(ctx, Decision{ClaimID: id, Action: claimex.Edited, Reviewer: "ana", Category: claimex.Injured})
	st.Decide(ctx, Decision{ClaimID: id, Action: claimex.Edited, Reviewer: "ana", Value: claimex.Float(12)})
	edit2 := lastEventID(t, st)
	if v, _ := st.Claim(ctx, id); v.ReviewedCategory != claimex.Injured || *v.ReviewedValue != 12 {
		t.Fatalf("second edit: %+v", v)
	}
	if v, err = st.UndoEvent(ctx, edit2, "ana"); err != nil || v.ReviewedValue != nil || v.ReviewedCategory != claimex.Injured {
		t.Errorf("undo the second edit: value %v, category %s, %v", v.ReviewedValue, v.ReviewedCategory, err)
	}
}

func TestUndoLast(t *testing.T) {
	ctx := context.Background()
	st, ids, clk := queueFixture(t, 3)
	step := func() { clk.add(time.Second) }
	st.Decide(ctx, Decision{ClaimID: ids["k0"], Action: claimex.Accepted, Reviewer: "ana"})
	step()
	st.Decide(ctx, Decision{ClaimID: ids["k1"], Action: claimex.Rejected, Reviewer: "ana"})
	step()
	st.Decide(ctx, Decision{ClaimID: ids["k2"], Action: claimex.Accepted, Reviewer: "ben"})
	step()
	// ana's u undoes hers, newest first, whatever ben did since.
	for _, want := range []string{"k1", "k0"} {
		u, err := st.UndoLast(ctx, "ana")
		if err != nil || u.Claim == nil || u.Claim.Key != want || u.Claim.Status != claimex.Unreviewed {
			t.Fatalf("undo last: %+v, %v; want %s unreviewed", u.Claim, err, want)
		}
	}
	if _, err := st.UndoLast(ctx, "ana"); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("nothing left to undo: %v", err)
	}
	if v, _ := st.Claim(ctx, ids["k2"]); v.Status != claimex.Accepted {
		t.Errorf("ana's undos changed ben's decision: %s", v.Status)
	}
}

// TestUndoLastRacesDecision: a decision made while UndoLast is deciding
// what to take back waits for it or comes first; either way the undo
// takes back a decision that was the reviewer's latest when it read.
func TestUndoLastRacesDecision(t *testing.T) {
	ctx := context.Background()
	st, ids, _ := queueFixture(t, 2)
	st.Decide(ctx, Decision{ClaimID: ids["k0"], Action: claimex.Accepted, Reviewer: "ana"})
	other, err := OpenWith(ctx, st.path, Options{BusyTimeout: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var otherErr error
	st.undoRead = func() {
		_, otherErr = other.Decide(ctx, Decision{ClaimID: ids["k1"], Action: claimex.Rejected, Reviewer: "ana"})
	}
	u, err := st.UndoLast(ctx, "ana")
	st.undoRead = nil
	if err != nil {
		t.Fatal(err)
	}
	k1, _ := st.Claim(ctx, ids["k1"])
	switch {
	case otherErr == nil:
		// The rejection came first: it is what was undone.
		if u.Claim.Key != "k1" || k1.Status != claimex.Unreviewed {
			t.Errorf("undid %s; k1 is %s", u.Claim.Key, k1.Status)
		}
	case isBusy(otherErr):
		if u.Claim.Key != "k0" || k1.Status != claimex.Unreviewed {
			t.Errorf("undid %s; k1 is %s", u.Claim.Key, k1.Status)
		}
	default:
		t.Fatalf("the other decision: %v", otherErr)
	}
}

func TestEntityReviews(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	run, _ := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h", Text: []byte("t")})
	mention := func(key, name string, start int) claimex.Claim {
		return claimex.Claim{Key: key, Kind: claimex.KindEntity, EntityType: claimex.Person, Canonical: name, Text: name,
			Start: start, End: start + len(name), SentenceEnd: 60, Rule: "entity/person"}
	}
	text := "Ana Lima spoke. Lima left. Ben Ode came."
	if _, err := st.WriteEntries(ctx, run, []Entry{entry(t, "e.txt", text,
		mention("e1", "Ana Lima", 0), mention("e2", "Lima", 16), mention("e3", "Ben Ode", 27))}); err != nil {
		t.Fatal(err)
	}
	resolve := func(names ...claimex.EntityName) {
		t.Helper()
		v, _ := st.ClaimsVersion(ctx)
		if err := st.ReplaceEntityNames(ctx, names, v); err != nil {
			t.Fatal(err)
		}
	}
	resolve(claimex.EntityName{Name: "Ana Lima", Canonical: "Ana Lima", Type: claimex.Person},
		claimex.EntityName{Name: "Lima", Canonical: "Ana Lima", Type: claimex.Person},
		claimex.EntityName{Name: "Ben Ode", Canonical: "Ben Ode", Type: claimex.Person})
	r, err := st.DecideEntity(ctx, EntityDecision{Canonical: "Ana Lima", Status: claimex.Accepted, Reviewer: "ana"})
	if err != nil || r.Type != claimex.Person {
		t.Fatalf("decide: %+v, %v", r, err)
	}
	if _, err := st.DecideEntity(ctx, EntityDecision{Canonical: "Nobody", Status: claimex.Accepted, Reviewer: "ana"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("a decision on no entity: %v", err)
	}
	statuses := func() map[string]claimex.Status {
		t.Helper()
		m, err := st.EntityStatuses(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]claimex.Status{}
		for c, r := range m {
			out[c] = r.Status
		}
		return out
	}
	if s := statuses(); s["Ana Lima"] != claimex.Accepted || len(s) != 1 {
		t.Errorf("after one decision: %v", s)
	}
	// Resolved again with "Lima" under another canonical name (a merge
	// that made Lima the name): the decision follows its names.
	resolve(claimex.EntityName{Name: "Ana Lima", Canonical: "Lima", Type: claimex.Person},
		claimex.EntityName{Name: "Lima", Canonical: "Lima", Type: claimex.Person},
		claimex.EntityName{Name: "Ben Ode", Canonical: "Lima", Type: claimex.Person})
	if s := statuses(); s["Lima"] != claimex.Accepted || len(s) != 1 {
		t.Errorf("after resolution moved the names: %v", s)
	}
	// Undone, it holds no more.
	if _, err := st.UndoEntityReview(ctx, r.ID, "ana"); err != nil {
		t.Fatal(err)
	}
	if s := statuses(); len(s) != 0 {
		t.Errorf("after the undo: %v", s)
	}
	if _, err := st.UndoEntityReview(ctx, r.ID, "ana"); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo twice: %v", err)
	}
	// u reaches entity decisions too, in time order with claims'.
	st.DecideEntity(ctx, EntityDecision{Canonical: "Lima", Status: claimex.Rejected, Reviewer: "ana"})
	u, err := st.UndoLast(ctx, "ana")
	if err != nil || u.Entity != "Lima" {
		t.Errorf("undo last: %+v, %v", u, err)
	}
	h, total, err := st.History(ctx, "ana", 10, 0)
	if err != nil || total != 2 || len(h) != 2 || !h[0].Undone || h[0].Entity != "Lima" {
		t.Errorf("history: %+v (%d), %v", h, total, err)
	}
}

func TestReviewers(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	const token = "0123456789abcdef0123456789abcdef"
	if err := st.AddReviewer(ctx, "  Ana   Lima ", token); err != nil {
		t.Fatal(err)
	}
	if err := st.AddReviewer(ctx, "Ana Lima", "ffffffffffffffffffffffffffffffff"); !errors.Is(err, ErrReviewerExists) {
		t.Errorf("adding a reviewer twice: %v", err)
	}
	var stored string
	st.db.QueryRow("SELECT token_hash FROM reviewers").Scan(&stored)
	if stored == token || stored == "" {
		t.Errorf("the token is stored as it is: %q", stored)
	}
	if name, ok, err := st.ReviewerByToken(ctx, token); err != nil || !ok || name != "Ana Lima" {
		t.Errorf("by token: %q %v %v", name, ok, err)
	}
	for _, wrong := range []string{"", token[:31], token + "0", stored} {
		if _, ok, _ := st.ReviewerByToken(ctx, wrong); ok {
			t.Errorf("token %q let in", wrong)
		}
	}
	if err := st.RevokeReviewer(ctx, "Ana Lima"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.ReviewerByToken(ctx, token); ok {
		t.Error("a revoked token still works")
	}
	if err := st.RevokeReviewer(ctx, "Ana Lima"); !errors.Is(err, ErrNoReviewer) {
		t.Errorf("revoke twice: %v", err)
	}
	// Added again, with a new token; the old one stays dead.
	if err := st.AddReviewer(ctx, "Ana Lima", "ffffffffffffffffffffffffffffffff"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.ReviewerByToken(ctx, token); ok {
		t.Error("the old token works again")
	}
	list, err := st.Reviewers(ctx)
	if err != nil || len(list) != 1 || !list[0].RevokedAt.IsZero() {
		t.Errorf("list: %+v, %v", list, err)
	}
}

func TestCleanReviewerName(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"ana", "ana", true},
		{"  Ana \t Lima ", "Ana Lima", true},
		{"Zoë Ærø", "Zoë Ærø", true},
		{"", "", false},
		{"   ", "", false},
		{"ana\x1b[31m", "", false},
		{"ana\u202egro", "", false}, // right-to-left override
		{string(make([]rune, 65)), "", false},
		{"\xff\xfe", "", false},
	} {
		got, err := CleanReviewerName(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("CleanReviewerName(%q) = %q, %v", c.in, got, err)
		}
	}
	long := ""
	for range MaxReviewerName + 1 {
		long += "é"
	}
	if _, err := CleanReviewerName(long); err == nil {
		t.Error("a name over the limit was taken")
	}
}
