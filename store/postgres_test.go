package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimex/claimex"

	"github.com/claimex/claimex/internal/claimextest"
	"github.com/claimex/claimex/internal/pgtest"
)

// holdWriteLock holds st's write lock from another connection until
// release: SQLite's file lock, or PostgreSQL's writers' advisory lock.
func holdWriteLock(t *testing.T, st *Store) (release func()) {
	t.Helper()
	if !st.d.postgres {
		return claimextest.HoldWriteLock(t, st.path)
	}
	ctx := context.Background()
	conn, err := st.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?)", int64(pgWriterLock)); err != nil {
		t.Fatal(err)
	}
	done := false
	release = func() {
		if !done {
			done = true
			conn.ExecContext(ctx, "SELECT pg_advisory_unlock(?)", int64(pgWriterLock))
			conn.Close()
		}
	}
	t.Cleanup(release)
	return release
}

// TestBackupPostgres: claimex backup does not pretend to copy a
// PostgreSQL database; it says how pg_dump does.
func TestBackupPostgres(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("PostgreSQL only")
	}
	st := openTemp(t)
	_, err := st.Backup(context.Background(), t.TempDir()+"/b.db")
	if !errors.Is(err, ErrBackupPostgres) {
		t.Fatalf("backup: %v, want ErrBackupPostgres", err)
	}
}

// TestCheckName: a password in a database URL is refused, with where it
// should go instead; the other forms are taken.
func TestCheckName(t *testing.T) {
	for _, tt := range []struct {
		name string
		bad  bool
	}{
		{"claimex.db", false},
		{"postgres://ana@db.example/claimex?sslmode=verify-full", false},
		{"postgresql:///claimex?host=/run/postgresql", false},
		{"postgres://ana:secret@db.example/claimex", true},
		{"postgres://db.example/claimex?password=secret", true},
		{"postgresql://ana:@db.example/claimex", true},
	} {
		err := CheckName(tt.name)
		if got := errors.Is(err, ErrPasswordInURL); got != tt.bad {
			t.Errorf("CheckName(%q) = %v, want refused %v", tt.name, err, tt.bad)
		}
		if tt.bad && Redact(tt.name) == tt.name {
			t.Errorf("Redact(%q) left the password in", tt.name)
		}
	}
}

// TestOpenPostgres: a PostgreSQL database is migrated to this build's
// schema once; one with a newer schema is refused, not damaged; one with
// no claimex schema is no database unless it may be created.
func TestOpenPostgres(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("PostgreSQL only")
	}
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	if _, err := OpenWith(ctx, url, Options{}); !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("open an empty database without Create: %v, want ErrNoDatabase", err)
	}
	st, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := st.schemaVersion(ctx, st.db); err != nil || v != SchemaVersion() {
		t.Errorf("schema version %d (%v), want %d", v, err, SchemaVersion())
	}
	st.Close()
	if st, err = OpenWith(ctx, url, Options{Check: true}); err != nil {
		t.Fatalf("reopen: %v", err)
	}
	if _, err := st.db.Exec("UPDATE claimex_schema SET version = 999"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := Open(ctx, url); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("opening a newer schema: err = %v", err)
	}
}

// TestConcurrentMigratePostgres: processes opening one new database at
// once migrate it one at a time, and all of them open it.
func TestConcurrentMigratePostgres(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("PostgreSQL only")
	}
	url := pgtest.NewDatabase(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			st, err := Open(context.Background(), url)
			if err == nil {
				st.Close()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// TestRunKilledElsewhere: a run whose process dies on another machine
// (here: its server session is ended, as the server ends the session of
// a client killed or gone) is cleared by the next AbandonDeadRuns of any
// machine, whatever its pid and host say; a run still going is not.
func TestRunKilledElsewhere(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("PostgreSQL only")
	}
	ctx := context.Background()
	here := openTemp(t)
	there, err := Open(ctx, here.path)
	if err != nil {
		t.Fatal(err)
	}
	defer there.Close()
	going, err := there.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "going"})
	if err != nil {
		t.Fatal(err)
	}
	killed, err := there.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: "killed"})
	if err != nil {
		t.Fatal(err)
	}
	// Both runs look like this process's own, alive.
	if ids, err := here.AbandonDeadRuns(ctx); err != nil || len(ids) != 0 {
		t.Fatalf("abandoned %v (%v) while both runs go", ids, err)
	}
	there.runs.mu.Lock()
	conn := there.runs.held[killed].conn
	there.runs.mu.Unlock()
	pid := int64(conn.PgConn().PID())
	if _, err := here.db.ExecContext(ctx, "SELECT pg_terminate_backend(?)", pid); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		ids, err := here.AbandonDeadRuns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) == 1 && ids[0] == killed {
			break
		}
		if len(ids) > 0 || time.Now().After(deadline) {
			t.Fatalf("abandoned %v, want [%d]", ids, killed)
		}
		time.Sleep(50 * time.Millisecond)
	}
	runs, _ := here.Runs(ctx)
	for _, r := range runs {
		want := map[int64]claimex.RunStatus{going: claimex.RunRunning, killed: claimex.RunFailed}[r.ID]
		if r.Status != want {
			t.Errorf("run %d: %s, want %s", r.ID, r.Status, want)
		}
	}
}

// TestWatchChanges: on PostgreSQL every decision and entity decision is
// announced, with its id, to a watcher on another connection (another
// machine's server), in order; on SQLite there is nothing to watch.
func TestWatchChanges(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, _, ids := rerunFixture(t)
	if !st.d.postgres {
		if err := st.WatchChanges(ctx, func() {}, func(int64, int64) {}); !errors.Is(err, ErrNoWatch) {
			t.Fatalf("watch on SQLite: %v, want ErrNoWatch", err)
		}
		return
	}
	other, err := Open(ctx, st.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ready := make(chan struct{})
	got := make(chan [2]int64, 100)
	done := make(chan error, 1)
	go func() {
		done <- other.WatchChanges(ctx, func() { close(ready) }, func(c, e int64) { got <- [2]int64{c, e} })
	}()
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		t.Fatal("not listening after 30 s")
	}
	var want [][2]int64
	for _, key := range []string{"k-dead", "k-hurt", "k-dead"} {
		if _, err := st.Decide(ctx, Decision{ClaimID: ids[key], Action: claimex.Accepted, Reviewer: "ana"}); err != nil {
			t.Fatal(err)
		}
		c, _, err := st.LastChange(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, [2]int64{c, 0})
	}
	for i, w := range want {
		select {
		case g := <-got:
			if g != w {
				t.Errorf("announcement %d: %v, want %v", i, g, w)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("announcement %d (%v) not heard after 30 s", i, w)
		}
	}
	cancel()
	if err := <-done; err == nil {
		t.Error("WatchChanges returned no error when its context ended")
	}
}

// TestCheckPostgres: opened for writing with Check, a PostgreSQL database
// whose index is marked invalid is refused with ErrCorrupt; without
// Check it opens.
func TestCheckPostgres(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("PostgreSQL only")
	}
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	st, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.Exec(`UPDATE pg_catalog.pg_index SET indisvalid = false
		WHERE indexrelid = 'claims_key'::regclass`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := OpenWith(ctx, url, Options{Check: true}); !errors.Is(err, ErrCorrupt) ||
		!strings.Contains(err.Error(), "claims_key") {
		t.Errorf("open with an invalid index: err = %v, want ErrCorrupt naming claims_key", err)
	}
	st, err = OpenWith(ctx, url, Options{})
	if err != nil {
		t.Fatalf("open without Check: %v", err)
	}
	st.Close()
}
