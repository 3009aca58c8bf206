package store

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimex/claimex"
)

// dbNow reads the database's clock, as heartbeats are written.
func dbNow(t *testing.T, st *Store) time.Time {
	t.Helper()
	var now string
	if err := st.db.QueryRow("SELECT " + st.d.now).Scan(&now); err != nil {
		t.Fatal(err)
	}
	n := parseTime(now)
	if n.IsZero() {
		t.Fatalf("the database's time %q does not parse", now)
	}
	return n
}

// heartbeatOf reads run id's heartbeat, "" when it has none.
func heartbeatOf(t *testing.T, st *Store, id int64) string {
	t.Helper()
	var beat string
	if err := st.db.QueryRow("SELECT COALESCE(heartbeat_at, '') FROM runs WHERE id = ?", id).Scan(&beat); err != nil {
		t.Fatal(err)
	}
	return beat
}

// TestRunHeartbeat: a run begins with a heartbeat in the database's time,
// each beat moves it on while the run goes, and a finished run takes no
// more.
func TestRunHeartbeat(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	before := dbNow(t, st)
	id, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if b := parseTime(heartbeatOf(t, st, id)); b.Before(before) {
		t.Errorf("heartbeat at the run's start %v, before the database's time then %v", b, before)
	}
	const old = "2001-01-01T00:00:00Z"
	if _, err := st.db.Exec("UPDATE runs SET heartbeat_at = ? WHERE id = ?", old, id); err != nil {
		t.Fatal(err)
	}
	going, err := st.heartbeat(ctx, id)
	if err != nil || !going {
		t.Fatalf("heartbeat of a running run: going %v, %v", going, err)
	}
	if b := parseTime(heartbeatOf(t, st, id)); !b.After(parseTime(old)) || b.Before(before) {
		t.Errorf("heartbeat %v after a beat, want the database's time (after %v)", b, before)
	}
	if err := st.FinishRun(ctx, id, claimex.RunDone, 0, 0, 0); err != nil {
		t.Fatal(err)
	}
	if going, err := st.heartbeat(ctx, id); err != nil || going {
		t.Errorf("heartbeat of a finished run: going %v, %v", going, err)
	}
	st.runs.mu.Lock()
	held := len(st.runs.held)
	st.runs.mu.Unlock()
	if held != 0 {
		t.Errorf("%d leases held after the run finished", held)
	}
}

// TestDeadRunsByHeartbeat: a run whose heartbeat expired is abandoned
// whatever machine it ran on and whatever its process id says (here its
// process is alive, and on PostgreSQL it even holds its lease: it hangs),
// and the process it belonged to can then write nothing more of it. A run
// beating within the expiry stays, on any host; so does a run of an
// older claimex, which has no heartbeat.
func TestDeadRunsByHeartbeat(t *testing.T) {
	ctx := context.Background()
	here := openTemp(t)
	there, err := Open(ctx, here.path)
	if err != nil {
		t.Fatal(err)
	}
	defer there.Close()
	host, _ := os.Hostname()
	now := dbNow(t, here)
	cases := []struct {
		name      string
		host      string
		beat      string // "" for none
		abandoned bool
	}{
		{"beating, this host", host, timeText(now), false},
		{"beating, another host", "elsewhere.example", timeText(now), false},
		{"within the expiry, another host", "elsewhere.example", timeText(now.Add(-runExpiry + time.Minute)), false},
		{"expired, another host", "elsewhere.example", timeText(now.Add(-runExpiry - time.Minute)), true},
		{"expired, this host, process alive", host, timeText(now.Add(-2 * runExpiry)), true},
		{"no heartbeat (older claimex), another host", "elsewhere.example", "", false},
	}
	ids := make([]int64, len(cases))
	var want []int64
	for i, c := range cases {
		id, err := there.BeginRun(ctx, claimex.RunExtract, RunRules{Name: "r", Hash: c.name})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
		var beat any
		if c.beat != "" {
			beat = c.beat
		}
		if _, err := here.db.Exec("UPDATE runs SET host = ?, pid = ?, heartbeat_at = ? WHERE id = ?",
			c.host, os.Getpid(), beat, id); err != nil {
			t.Fatal(err)
		}
		if c.abandoned {
			want = append(want, id)
		}
	}
	got, err := here.AbandonDeadRuns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("abandoned %v, want %v", got, want)
	}
	for i, c := range cases {
		var status, reason string
		if err := here.db.QueryRow("SELECT status, reason FROM runs WHERE id = ?", ids[i]).Scan(&status, &reason); err != nil {
			t.Fatal(err)
		}
		if wantStatus := map[bool]string{true: "failed", false: "running"}[c.abandoned]; status != wantStatus {
			t.Errorf("%s: status %s, want %s", c.name, status, wantStatus)
		}
		if c.abandoned && !strings.Contains(reason, "no heartbeat since "+c.beat) {
			t.Errorf("%s: reason %q does not say when the run last beat", c.name, reason)
		}
	}

	// The process of an abandoned run writes nothing more of it.
	lost := ids[3]
	e := entry(t, "late.txt", "3 dead.", count("k-late", claimex.Killed, 3, 0, 6, 0, 7, "3 dead"))
	if _, err := there.WriteEntries(ctx, lost, []Entry{e}); !errors.Is(err, ErrRunLost) {
		t.Errorf("write documents of an abandoned run: %v, want ErrRunLost", err)
	}
	if err := there.StageDocuments(ctx, lost, []Staged{{DocumentID: 1}}); !errors.Is(err, ErrRunLost) {
		t.Errorf("stage documents of an abandoned run: %v, want ErrRunLost", err)
	}
	if _, err := there.CommitRun(ctx, lost, 0, nil); !errors.Is(err, ErrRunLost) {
		t.Errorf("commit an abandoned run: %v, want ErrRunLost", err)
	}
	if err := there.FinishRun(ctx, lost, claimex.RunDone, 1, 1, 0); !errors.Is(err, ErrRunLost) {
		t.Errorf("finish an abandoned run: %v, want ErrRunLost", err)
	}
	var status string
	here.db.QueryRow("SELECT status FROM runs WHERE id = ?", lost).Scan(&status)
	if status != "failed" {
		t.Errorf("abandoned run's status %s after its process wrote on, want failed", status)
	}
	var docs int
	here.db.QueryRow("SELECT COUNT(*) FROM documents").Scan(&docs)
	if docs != 0 {
		t.Errorf("%d documents stored by the abandoned run's process", docs)
	}
	// A run still going finishes as before.
	if err := there.FinishRun(ctx, ids[1], claimex.RunDone, 0, 0, 0); err != nil {
		t.Errorf("finish a run still going: %v", err)
	}
}
