package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/internal/pgtest"
	"github.com/mattn/go-sqlite3"
)

// TestFailRunOnFullDisk: when a batch fails because the database cannot
// grow (SQLITE_FULL, here from a page limit rather than a full disk), the
// run can still be marked failed, with the error as its reason, and the
// inputs recorded as failures: neither needs a new page.
func TestFailRunOnFullDisk(t *testing.T) {
	pgtest.SkipOnPostgres(t, "a page limit stands for a full disk")
	ctx := context.Background()
	st := openTemp(t)
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	// One connection, which may not make the database larger than it is.
	st.db.SetMaxOpenConns(1)
	var pages int
	if err := st.db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages)); err != nil {
		t.Fatal(err)
	}
	_, full := st.WriteEntries(ctx, run, []Entry{entry(t, "big.txt", strings.Repeat("Police said 12 people died. ", 40000))})
	var se sqlite3.Error
	if !errors.As(full, &se) || se.Code != sqlite3.ErrFull {
		t.Fatalf("writing past the page limit: %v, want SQLITE_FULL", full)
	}
	if err := st.FailRun(ctx, run, full.Error(), 0, 0, 1); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordFailures(ctx, run, []Failure{{Source: "big.txt", Stage: "store", Reason: full.Error()}}); err != nil {
		t.Fatal(err)
	}
	runs, err := st.Runs(ctx)
	if err != nil || len(runs) != 1 || runs[0].Status != claimex.RunFailed || runs[0].Failed != 1 || runs[0].FinishedAt.IsZero() {
		t.Errorf("runs = %+v, %v; want run %d failed", runs, err, run)
	}
	var reason string
	if err := st.db.QueryRowContext(ctx, "SELECT reason FROM runs WHERE id = ?", run).Scan(&reason); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(reason, "database or disk is full") {
		t.Errorf("reason = %q", reason)
	}
	if fails, err := st.Failures(ctx); err != nil || len(fails) != 1 || fails[0].Stage != "store" {
		t.Errorf("failures = %+v, %v", fails, err)
	}
}
