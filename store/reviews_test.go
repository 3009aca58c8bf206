package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/claimex/claimex"
)

// rerunFixture stores one document with two claims under run 1.
func rerunFixture(t *testing.T) (*Store, int64, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	st := openTemp(t)
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h", Text: []byte("t")})
	if err != nil {
		t.Fatal(err)
	}
	text := "225 people dead and 4,500 injured."
	e := entry(t, "a.txt", text,
		count("k-dead", claimex.Killed, 225, 0, 15, 0, 34, "225 people dead"),
		count("k-hurt", claimex.Injured, 4500, 20, 33, 0, 34, "4,500 injured"))
	written, err := st.WriteEntries(ctx, run, []Entry{e})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error { ids[v.Key] = v.ID; return nil })
	return st, written[0].ID, ids
}

func TestDecide(t *testing.T) {
	ctx := context.Background()
	st, _, ids := rerunFixture(t)
	st.SetClock(func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) })

	v, err := st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: claimex.Edited, Reviewer: "ana", Value: claimex.Float(226)})
	if err != nil || v.Status != claimex.Edited || *v.ReviewedValue != 226 || *v.Value != 225 || v.Reviewer != "ana" ||
		v.ReviewedAt != "2026-01-02T03:04:05Z" {
		t.Fatalf("edit: %+v, %v", v, err)
	}
	// A second edit of the category keeps the corrected value.
	v, err = st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: claimex.Edited, Reviewer: "ben", Category: claimex.Casualties})
	if err != nil || *v.ReviewedValue != 226 || v.ReviewedCategory != claimex.Casualties || v.Reviewer != "ben" {
		t.Fatalf("second edit: %+v, %v", v, err)
	}
	if v, _ = st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: claimex.Accepted, Reviewer: "ana"}); v.ReviewedValue != nil || v.Status != claimex.Accepted {
		t.Errorf("accepting after an edit keeps corrections: %+v", v)
	}
	if v, _ = st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: claimex.Unreviewed, Reviewer: "ana"}); v.Status != claimex.Unreviewed {
		t.Errorf("reset: %+v", v)
	}
	if _, err := st.Decide(ctx, Decision{ClaimID: 999, Action: claimex.Accepted}); !errors.Is(err, ErrNoClaim) {
		t.Errorf("unknown claim: %v", err)
	}
	if _, err := st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: "maybe"}); err == nil {
		t.Error("an unknown action was recorded")
	}
	if _, err := st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: claimex.Edited}); err == nil {
		t.Error("an unknown action was recorded")
	}
	var events int
	st.db.QueryRow("SELECT COUNT(*) FROM review_events").Scan(&events)
	if events != 4 {
		t.Errorf("%d events in the audit trail, want 4", events)
	}
}

func TestRerunCommitAndAbandon(t *testing.T) {
	ctx := context.Background()
	st, docID, ids := rerunFixture(t)
	st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: claimex.Accepted, Reviewer: "ana"})
	st.Decide(ctx, Decision{ClaimID: ids["k-hurt"], Action: claimex.Rejected, Reviewer: "ana"})

	// An abandoned run leaves everything as it was.
	run2, _ := st.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "h2"})
	if err := st.StageDocuments(ctx, run2, []Staged{{DocumentID: docID,
		Claims: []claimex.Claim{count("k-new", claimex.Arrested, 6044, 0, 5, 0, 34, "6,044")}}}); err != nil {
		t.Fatal(err)
	}
	if err := st.AbandonRun(ctx, run2); err != nil {
		t.Fatal(err)
	}
	var keys []string
	st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error { keys = append(keys, v.Key+":"+string(v.Status)); return nil })
	if len(keys) != 2 || keys[0] != "k-dead:accepted" || keys[1] != "k-hurt:rejected" {
		t.Errorf("after an abandoned run: %v", keys)
	}
	var leftovers int
	st.db.QueryRow("SELECT COUNT(*) FROM claims WHERE run_id = ?", run2).Scan(&leftovers)
	if leftovers != 0 {
		t.Errorf("%d claims of the abandoned run left", leftovers)
	}

	// A committed run: k-dead's value moves, k-hurt goes, k-new comes; the
	// text is re-cleaned.
	run3, _ := st.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "h3"})
	recleaned := claimex.Document{Text: "225 people dead; 6,044 arrested.", Title: "T"}
	err := st.StageDocuments(ctx, run3, []Staged{{DocumentID: docID, Recleaned: &recleaned, Claims: []claimex.Claim{
		count("k-dead", claimex.Killed, 224, 0, 15, 0, 32, "225 people dead"),
		count("k-new", claimex.Arrested, 6044, 17, 22, 0, 32, "6,044"),
	}}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.CommitRun(ctx, run3, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []DiffRow{{Label: "arrested", New: 1}, {Label: "injured", Gone: 1}, {Label: "killed", Changed: 1}}
	if d.Documents != 1 || len(d.Rows) != 3 || d.Rows[0] != want[0] || d.Rows[1] != want[1] || d.Rows[2] != want[2] {
		t.Errorf("diff = %+v, want rows %+v", d, want)
	}
	if d.Reviews[ReviewChanged] != 1 || d.Reviews[ReviewOrphaned] != 1 || d.Reviews[ReviewCarried] != 0 {
		t.Errorf("review states = %v", d.Reviews)
	}
	var text string
	st.Documents(ctx, false, func(doc claimex.Document) error { text = doc.Text; return nil })
	if text != recleaned.Text {
		t.Errorf("re-cleaned text not current: %q", text)
	}
	rs, _ := st.Reviews(ctx)
	if len(rs) != 2 {
		t.Fatalf("%d reviews after the run, want 2", len(rs))
	}
}

func TestAbandonDeadRuns(t *testing.T) {
	ctx := context.Background()
	st, _, _ := rerunFixture(t)
	live, _ := st.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "live"})
	dead, _ := st.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "dead"})
	// No process has pid 2^22+1 on Linux (pid_max is at most 2^22). On
	// PostgreSQL, the dead run's lease ends as its session would.
	st.db.Exec("UPDATE runs SET pid = 4194305 WHERE id = ?", dead)
	if st.d.postgres {
		st.releaseRun(dead)
	}
	ids, err := st.AbandonDeadRuns(ctx)
	if err != nil || len(ids) != 1 || ids[0] != dead {
		t.Fatalf("abandoned %v (%v), want [%d]", ids, err, dead)
	}
	runs, _ := st.Runs(ctx)
	status := map[int64]claimex.RunStatus{}
	for _, r := range runs {
		status[r.ID] = r.Status
	}
	if status[live] != claimex.RunRunning || status[dead] != claimex.RunFailed {
		t.Errorf("statuses: %v", status)
	}
}

func TestUndo(t *testing.T) {
	ctx := context.Background()
	st, _, ids := rerunFixture(t)
	id := ids["k-dead"]
	if _, err := st.Undo(ctx, id, "ana"); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo with no decision: %v", err)
	}
	st.Decide(ctx, Decision{ClaimID: id, Action: claimex.Edited, Reviewer: "ana", Value: claimex.Float(226), Note: "n"})
	st.Decide(ctx, Decision{ClaimID: id, Action: claimex.Rejected, Reviewer: "ana"})
	v, err := st.Undo(ctx, id, "ana")
	if err != nil || v.Status != claimex.Edited || *v.ReviewedValue != 226 || v.Note != "n" {
		t.Fatalf("undo a rejection after an edit: %+v, %v", v, err)
	}
	st.Decide(ctx, Decision{ClaimID: ids["k-hurt"], Action: claimex.Accepted, Reviewer: "ana"})
	if v, _ := st.Undo(ctx, ids["k-hurt"], "ana"); v.Status != claimex.Unreviewed {
		t.Errorf("undo the only decision: %s", v.Status)
	}
}
