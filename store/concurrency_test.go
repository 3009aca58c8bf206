package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/internal/pgtest"
)

// TestReadsNeedOneConnection: with a pool of one connection, every read
// and decision completes. A read that asked the pool for a second
// connection while holding one (the claims listing cutting sentences)
// waited forever once concurrent requests held the whole pool.
func TestReadsNeedOneConnection(t *testing.T) {
	st, _, ids := rerunFixture(t)
	st.db.SetMaxOpenConns(1)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	n := 0
	if err := st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error {
		if v.Sentence == "" {
			t.Errorf("claim %d has no sentence", v.ID)
		}
		n++
		return nil
	}); err != nil || n != 2 {
		t.Fatalf("claims: %d, %v", n, err)
	}
	if _, ok, err := st.First(ctx, ClaimFilter{Pending: true}); err != nil || !ok {
		t.Fatalf("first: %v %v", ok, err)
	}
	if _, err := st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: claimex.Accepted, Reviewer: "ana"}); err != nil {
		t.Fatalf("decide: %v", err)
	}
	if _, err := st.Undo(ctx, ids["k-dead"], "ana"); err != nil {
		t.Fatalf("undo: %v", err)
	}
}

// TestConcurrentReadsDoNotStarve: many more readers than pooled
// connections all finish.
func TestConcurrentReadsDoNotStarve(t *testing.T) {
	st, _, _ := rerunFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 64 {
		wg.Go(func() {
			// The callback blocks while every reader holds its rows open,
			// the moment the old code asked for a second connection.
			errs <- st.Claims(ctx, ClaimFilter{}, func(ClaimView) error { return nil })
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestUndoRacesDecision: a decision made while an undo is deciding what
// to restore either waits for the undo or comes before it; the undo
// never restores a decision older than the one it takes back.
func TestUndoRacesDecision(t *testing.T) {
	ctx := context.Background()
	st, _, ids := rerunFixture(t)
	id := ids["k-dead"]
	if _, err := st.Decide(ctx, Decision{ClaimID: id, Action: claimex.Edited, Reviewer: "ana", Value: claimex.Float(226)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(ctx, Decision{ClaimID: id, Action: claimex.Rejected, Reviewer: "ana"}); err != nil {
		t.Fatal(err)
	}
	// A second process that does not wait for locks decides while the
	// undo has read the history.
	other, err := OpenWith(ctx, st.path, Options{BusyTimeout: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var otherErr error
	st.undoRead = func() {
		_, otherErr = other.Decide(ctx, Decision{ClaimID: id, Action: claimex.Accepted, Reviewer: "ben"})
	}
	v, err := st.Undo(ctx, id, "ana")
	st.undoRead = nil
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case otherErr == nil:
		// edited, rejected, accepted, undo: the undo took "accepted" back.
		if v.Status != claimex.Rejected {
			t.Errorf("the undo of an acceptance made during it restored %s, want rejected", v.Status)
		}
	case isBusy(otherErr):
		// edited, rejected, undo (the acceptance had to wait).
		if v.Status != claimex.Edited {
			t.Errorf("undo restored %s, want edited", v.Status)
		}
	default:
		t.Fatalf("the other decision: %v", otherErr)
	}
}

// TestConcurrentUndos: undos and decisions from many goroutines leave a
// review that the audit trail, replayed, gives.
func TestConcurrentUndos(t *testing.T) {
	ctx := context.Background()
	st, _, ids := rerunFixture(t)
	id := ids["k-dead"]
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 10 {
				var err error
				if (g+i)%3 == 0 {
					_, err = st.Undo(ctx, id, "ana")
				} else {
					action := []claimex.Status{claimex.Accepted, claimex.Rejected}[i%2]
					_, err = st.Decide(ctx, Decision{ClaimID: id, Action: action, Reviewer: "ben"})
				}
				if err != nil && !errors.Is(err, ErrNothingToUndo) {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	// The review is the last event of the trail.
	var last string
	if err := st.db.QueryRow("SELECT action FROM review_events WHERE key = 'k-dead' ORDER BY id DESC LIMIT 1").Scan(&last); err != nil {
		t.Fatal(err)
	}
	v, err := st.Claim(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := claimex.Status(last)
	if last == "reset" {
		want = claimex.Unreviewed
	}
	if v.Status != want {
		t.Errorf("review is %s, the audit trail's last event %s", v.Status, last)
	}
}

// TestLockWaitNotice: a decision that waits for another process's write
// lock says so once it has waited the notice, then completes when the
// lock is released.
func TestLockWaitNotice(t *testing.T) {
	ctx := context.Background()
	st0, _, ids := rerunFixture(t)
	notice := make(chan time.Duration, 1)
	st, err := OpenWith(ctx, st0.path, Options{LockNotice: 20 * time.Millisecond,
		OnLockWait: func(d time.Duration) { notice <- d }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Another connection holds the write lock.
	release := holdWriteLock(t, st0)
	done := make(chan error, 1)
	go func() {
		_, err := st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: claimex.Accepted, Reviewer: "ana"})
		done <- err
	}()
	select {
	case <-notice:
	case err := <-done:
		t.Fatalf("the decision did not wait for the lock: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("no notice after 60s of waiting")
	}
	release()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the decision did not complete once the lock was released")
	}
}

func TestOpenOptions(t *testing.T) {
	pgtest.SkipOnPostgres(t, "database files (TestOpenPostgres)")
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.db")
	if _, err := OpenWith(ctx, missing, Options{}); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("opening a missing database: %v", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("refusing a missing database created it: %v", err)
	}
	if _, err := OpenWith(ctx, dir, Options{}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("opening a folder: %v", err)
	}
	st, err := OpenWith(ctx, missing, Options{Create: true, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if st, err = OpenWith(ctx, missing, Options{Check: true}); err != nil {
		t.Fatalf("opening a sound database with a check: %v", err)
	}
	st.Close()
}

// corruptCopy makes a database of some size, then overwrites a page as
// a failing disk or a bad copy would: at gives the offset from the
// database's page size and the first page of its claims table.
func corruptCopy(t *testing.T, at func(pageSize, claimsPage int64) int64) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	run, _ := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h", Text: []byte("t")})
	var batch []Entry
	for i := range 200 {
		text := fmt.Sprintf("Report %d: %s 225 people dead.", i, strings.Repeat("words of the article ", 40))
		batch = append(batch, entry(t, fmt.Sprintf("doc%d.txt", i), text,
			count(fmt.Sprintf("k%d", i), claimex.Killed, 225, len(text)-16, len(text)-1, 0, len(text), "225 people dead")))
	}
	if _, err := st.WriteEntries(ctx, run, batch); err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	var pageSize, claimsPage int64
	st.db.QueryRow("PRAGMA page_size").Scan(&pageSize)
	st.db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'claims'").Scan(&claimsPage)
	st.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
	if _, err := f.WriteAt(junk, at(pageSize, claimsPage)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func TestOpenRefusesCorrupt(t *testing.T) {
	pgtest.SkipOnPostgres(t, "damaged files and quick_check")
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		at   func(int64, int64) int64
	}{
		// SQLite checks the structure of pages (what quick_check reads),
		// not the bytes of a stored text.
		{"a table's page", func(size, page int64) int64 { return (page - 1) * size }},
		{"header", func(int64, int64) int64 { return 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := corruptCopy(t, tc.at)
			before, _ := os.ReadFile(path)
			_, err := OpenWith(ctx, path, Options{Check: true})
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("opening a damaged database: %v", err)
			}
			if !strings.Contains(err.Error(), "restore it from a backup") {
				t.Errorf("the message says nothing of what to do: %v", err)
			}
			after, _ := os.ReadFile(path)
			if string(before) != string(after) {
				t.Error("the damaged database was written to")
			}
		})
	}
}

// TestBackup: a backup made while decisions go on holds every decision
// made before it, including those only in the write-ahead log, and is a
// database claimex opens.
func TestBackup(t *testing.T) {
	pgtest.SkipOnPostgres(t, "claimex backup copies SQLite files (TestBackupPostgres)")
	ctx := context.Background()
	st, _, ids := rerunFixture(t)
	if _, err := st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: claimex.Accepted, Reviewer: "ana"}); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			action := []claimex.Status{claimex.Accepted, claimex.Rejected}[i%2]
			if _, err := st.Decide(ctx, Decision{ClaimID: ids["k-hurt"], Action: action, Reviewer: "ben"}); err != nil {
				t.Error(err)
				return
			}
		}
	})
	path := filepath.Join(t.TempDir(), "backup.db")
	size, err := st.Backup(ctx, path)
	close(stop)
	wg.Wait()
	if err != nil || size == 0 {
		t.Fatalf("backup: %d bytes, %v", size, err)
	}
	if _, err := st.Backup(ctx, path); !errors.Is(err, ErrExists) {
		t.Errorf("a second backup over the first: %v", err)
	}
	b, err := OpenWith(ctx, path, Options{Check: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	v, err := b.Claim(ctx, ids["k-dead"])
	if err != nil || v.Status != claimex.Accepted {
		t.Errorf("the backup lost a decision: %+v, %v", v.Status, err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// TestConcurrentCreate: several processes creating one new database at
// once, each checking it first, all open it. A check that read the
// schema while another process was still creating it failed with
// "vtable constructor failed", and the second ingest gave up.
func TestConcurrentCreate(t *testing.T) {
	pgtest.SkipOnPostgres(t, "two processes creating one file (TestConcurrentMigratePostgres)")
	if path := os.Getenv("CLAIMEX_TEST_OPEN"); path != "" {
		st, err := OpenWith(context.Background(), path, Options{Create: true, Check: true, BusyTimeout: 30 * time.Second})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		st.Close()
		return
	}
	dir := t.TempDir()
	for round := range 30 {
		path := filepath.Join(dir, fmt.Sprintf("new-%d.db", round))
		var cmds []*exec.Cmd
		var outs []*strings.Builder
		for range 2 {
			cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentCreate$")
			cmd.Env = append(os.Environ(), "CLAIMEX_TEST_OPEN="+path)
			out := &strings.Builder{}
			cmd.Stdout, cmd.Stderr = out, out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds, outs = append(cmds, cmd), append(outs, out)
		}
		for i, cmd := range cmds {
			if err := cmd.Wait(); err != nil {
				t.Errorf("round %d, opener %d: %v: %s", round, i, err, outs[i])
			}
		}
	}
}
