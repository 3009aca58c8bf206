package review

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/internal/pgtest"
	"github.com/claimex/claimex/rules"
)

// TestMain runs the UI's tests on SQLite and, when CLAIMEX_TEST_POSTGRES
// names a server, on PostgreSQL.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// testDB names a fresh database for a test: a SQLite file, or in the
// run on PostgreSQL a database of its own.
func testDB(t *testing.T, name string) string {
	t.Helper()
	if pgtest.OnPostgres() {
		return pgtest.NewDatabase(t)
	}
	return filepath.Join(t.TempDir(), name)
}

// TestTeamOfEight: eight reviewers, each in a browser of their own, work
// the review queue through the UI at once until it is empty. No claim is
// shown to two of them, and every decision they make is stored, once.
func TestTeamOfEight(t *testing.T) {
	ctx := context.Background()
	entries, err := os.ReadDir(seeds)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".txt") || strings.HasSuffix(e.Name(), ".html") {
			paths = append(paths, filepath.Join(seeds, e.Name()))
		}
	}
	st, _, ts := serveIngested(t, Config{}, rules.Default(), paths)
	counts, err := st.StatusCounts(ctx, claimex.KindCount)
	if err != nil {
		t.Fatal(err)
	}
	total := counts[claimex.Unreviewed]
	if total < 20 {
		t.Fatalf("only %d count claims to review", total)
	}
	var mu sync.Mutex
	shownTo := map[string]int{} // claim id -> reviewer
	decided := 0
	deadline := time.Now().Add(5 * time.Minute)
	start := time.Now()
	var wg sync.WaitGroup
	for r := range 8 {
		rc := newReviewer(t, ts)
		wg.Go(func() {
			_, page := rc.get("/queue")
			for time.Now().Before(deadline) {
				id := shown(page)
				if id == "" {
					if !strings.Contains(page, "busy") && !strings.Contains(page, "Busy") {
						return // nothing left for this reviewer
					}
					time.Sleep(20 * time.Millisecond)
					_, page = rc.get("/queue")
					continue
				}
				mu.Lock()
				other, seen := shownTo[id]
				shownTo[id] = r
				mu.Unlock()
				if seen && other != r {
					t.Errorf("claim %s shown to reviewers %d and %d", id, other, r)
					return
				}
				code, next := rc.post("/claims/"+id+"/decide", map[string][]string{"action": {"accept"}})
				if code != 200 {
					t.Errorf("reviewer %d: decide on %s: HTTP %d", r, id, code)
					return
				}
				mu.Lock()
				decided++
				mu.Unlock()
				page = next
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if t.Failed() {
		return
	}
	after, err := st.StatusCounts(ctx, claimex.KindCount)
	if err != nil {
		t.Fatal(err)
	}
	if after[claimex.Unreviewed] != 0 || after[claimex.Accepted] != total {
		t.Errorf("after the team: %v, want all %d accepted", after, total)
	}
	// A decision on a figure decides its twin across the headline too,
	// so there are fewer decisions than claims, never more; each claim
	// decided on is stored as decided.
	if decided > total || decided == 0 {
		t.Errorf("%d decisions made for %d claims", decided, total)
	}
	for id := range shownTo {
		n, _ := strconv.ParseInt(id, 10, 64)
		v, err := st.Claim(ctx, n)
		if err != nil || v.Status != claimex.Accepted {
			t.Errorf("claim %s decided on: %s (%v), want accepted", id, v.Status, err)
		}
	}
	reviews, err := st.Reviews(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(reviews) < decided {
		t.Errorf("%d reviews stored for %d decisions", len(reviews), decided)
	}
	last, _, err := st.LastChange(ctx)
	if err != nil || int(last) != len(reviews) {
		t.Errorf("the audit trail has %d entries (%v), want one per review, %d", last, err, len(reviews))
	}
	db := "SQLite"
	if st.Postgres() {
		db = "PostgreSQL"
	}
	t.Logf("%s: 8 reviewers, %d decisions in %v: %.0f decisions/s", db, decided, elapsed.Round(time.Millisecond),
		float64(decided)/elapsed.Seconds())
}
