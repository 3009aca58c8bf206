package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimex/claimex"
)

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// queueFixture stores one document with n count claims, k0 … k(n-1) in
// text order, and returns their ids by key, with a clock the store reads.
func queueFixture(t *testing.T, n int) (*Store, map[string]int64, *clock) {
	t.Helper()
	ctx := context.Background()
	st := openTemp(t)
	clk := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	st.SetClock(clk.now)
	run, err := st.BeginRun(ctx, claimex.RunIngest, RunRules{Name: "r", Hash: "h", Text: []byte("t")})
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	var claims []claimex.Claim
	for i := range n {
		s := fmt.Sprintf("%d people were killed. ", 10+i)
		start := text.Len()
		text.WriteString(s)
		claims = append(claims, count(fmt.Sprintf("k%d", i), claimex.Killed, float64(10+i), start, start+2, start, start+len(s)-1, s[:2]))
	}
	if _, err := st.WriteEntries(ctx, run, []Entry{entry(t, "q.txt", text.String(), claims...)}); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	st.Claims(ctx, ClaimFilter{}, func(v ClaimView) error { ids[v.Key] = v.ID; return nil })
	return st, ids, clk
}

func lease(t *testing.T, st *Store, req LeaseRequest) (string, Lease) {
	t.Helper()
	if req.TTL == 0 {
		req.TTL = 5 * time.Minute
	}
	if req.Kind == "" {
		req.Kind = claimex.KindCount
	}
	if req.Reviewer == "" {
		req.Reviewer = req.Holder
	}
	v, l, ok, err := st.NextLease(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return "", Lease{}
	}
	return v.Key, l
}

func TestLeases(t *testing.T) {
	ctx := context.Background()
	st, ids, clk := queueFixture(t, 4)
	a, b := LeaseRequest{Holder: "A"}, LeaseRequest{Holder: "B"}

	ka, la := lease(t, st, a)
	kb, _ := lease(t, st, b)
	if ka != "k0" || kb != "k1" {
		t.Fatalf("A got %q, B got %q; want k0 and k1", ka, kb)
	}
	// Asking again gives the claim held.
	if again, _ := lease(t, st, a); again != "k0" {
		t.Errorf("A asked again and got %q", again)
	}
	// A decision moves its holder on; the others keep theirs.
	if _, err := st.Decide(ctx, Decision{ClaimID: ids["k0"], Action: claimex.Accepted, Reviewer: "A", Holder: "A"}); err != nil {
		t.Fatal(err)
	}
	if next, _ := lease(t, st, a); next != "k2" {
		t.Errorf("after deciding, A got %q, want k2", next)
	}
	// A lease that expires gives the claim up: B left.
	clk.add(6 * time.Minute)
	if next, _ := lease(t, st, LeaseRequest{Holder: "C"}); next != "k1" {
		t.Errorf("after B's lease expired, C got %q, want k1", next)
	}
	if held, by, err := st.RenewLease(ctx, "B", "k1", 5*time.Minute); err != nil || held || by != "C" {
		t.Errorf("B renews a lost lease: held %v, by %q, %v", held, by, err)
	}
	// Released by nonce: an old nonce releases nothing.
	ka, la2 := lease(t, st, a)
	if err := st.ReleaseLease(ctx, "A", la.Nonce); err != nil {
		t.Fatal(err)
	}
	if held, _, _ := st.RenewLease(ctx, "A", ka, 5*time.Minute); !held {
		t.Error("an old page's release ended the lease a later page took")
	}
	if err := st.ReleaseLease(ctx, "A", la2.Nonce); err != nil {
		t.Fatal(err)
	}
	if held, _, _ := st.RenewLease(ctx, "A", ka, 5*time.Minute); held {
		t.Error("a release did not end the lease")
	}
	// Renewal moves the expiry.
	kc, _ := lease(t, st, LeaseRequest{Holder: "C"})
	clk.add(4 * time.Minute)
	if held, _, _ := st.RenewLease(ctx, "C", kc, 5*time.Minute); !held {
		t.Fatal("C could not renew")
	}
	clk.add(4 * time.Minute)
	if got, _ := lease(t, st, LeaseRequest{Holder: "D"}); got == kc {
		t.Errorf("D got %s, which C renewed", kc)
	}
}

func TestSkipAndFlag(t *testing.T) {
	ctx := context.Background()
	st, ids, _ := queueFixture(t, 3)
	a := LeaseRequest{Holder: "A"}
	if k, _ := lease(t, st, a); k != "k0" {
		t.Fatalf("first lease %s", k)
	}
	if err := st.Skip(ctx, "A", ids["k0"]); err != nil {
		t.Fatal(err)
	}
	if k, _ := lease(t, st, a); k != "k1" {
		t.Errorf("after a skip: %s, want k1", k)
	}
	// Someone else still gets the skipped claim.
	if k, _ := lease(t, st, LeaseRequest{Holder: "B"}); k != "k0" {
		t.Errorf("B got %s, want the claim A skipped", k)
	}
	// A flag takes a claim out of the queue and into the flagged one.
	if err := st.SetFlag(ctx, ids["k2"], true, "A", "ask the desk", "A"); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"k1"} {
		st.Decide(ctx, Decision{ClaimID: ids[k], Action: claimex.Accepted, Reviewer: "A", Holder: "A"})
	}
	// Only k0 (B's, then skipped by A) is left in A's queue.
	st.ReleaseLease(ctx, "B", "")
	st.db.Exec("DELETE FROM leases WHERE holder = 'B'")
	if k, _ := lease(t, st, a); k != "k0" {
		t.Errorf("with only a skipped claim left: %q, want k0", k)
	}
	if k, _ := lease(t, st, LeaseRequest{Holder: "F", Queue: QueueFlagged}); k != "k2" {
		t.Errorf("flagged queue: %q, want k2", k)
	}
	qc, err := st.CountQueues(ctx, claimex.KindCount)
	if err != nil || qc.Flagged != 1 {
		t.Errorf("queue counts %+v, %v", qc, err)
	}
	// Deciding on a flagged claim takes the flag off.
	st.Decide(ctx, Decision{ClaimID: ids["k2"], Action: claimex.Rejected, Reviewer: "F"})
	if _, ok, _ := st.FlagOf(ctx, "k2"); ok {
		t.Error("the flag outlived a decision")
	}
}

// TestLeasesNeverShared: many holders leasing at once, deciding as they
// go, are never given one claim; every claim is decided once.
func TestLeasesNeverShared(t *testing.T) {
	ctx := context.Background()
	st, _, _ := queueFixture(t, 60)
	var mu sync.Mutex
	seen := map[string]string{}
	var wg sync.WaitGroup
	for h := range 6 {
		holder := fmt.Sprintf("H%d", h)
		wg.Go(func() {
			for {
				v, _, ok, err := st.NextLease(ctx, LeaseRequest{Holder: holder, Reviewer: holder, Kind: claimex.KindCount, TTL: time.Hour})
				if errors.Is(err, ErrLeaseBusy) {
					// A busy machine held the write lock past LeaseWait: the
					// page shows unleased and asks again, and so does this.
					continue
				}
				if err != nil {
					t.Error(err)
					return
				}
				if !ok {
					return
				}
				mu.Lock()
				if other, dup := seen[v.Key]; dup {
					t.Errorf("%s given to %s and %s", v.Key, other, holder)
				}
				seen[v.Key] = holder
				mu.Unlock()
				if _, err := st.Decide(ctx, Decision{ClaimID: v.ID, Action: claimex.Accepted, Reviewer: holder, Holder: holder}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if len(seen) != 60 {
		t.Errorf("%d claims leased, want 60", len(seen))
	}
}

func TestSecondOpinions(t *testing.T) {
	ctx := context.Background()
	st, ids, _ := queueFixture(t, 3)
	req := func(h string) LeaseRequest { return LeaseRequest{Holder: h, Reviewer: h, Double: true} }
	// Two reviewers are given the same claim; a third is not.
	ka, _ := lease(t, st, req("ana"))
	kb, _ := lease(t, st, req("ben"))
	kc, _ := lease(t, st, req("cy"))
	if ka != "k0" || kb != "k0" || kc != "k1" {
		t.Fatalf("leases %s %s %s, want k0 k0 k1", ka, kb, kc)
	}
	opine := func(key, who string, action claimex.Status) ClaimView {
		t.Helper()
		v, err := st.Decide(ctx, Decision{ClaimID: ids[key], Action: action, Reviewer: who, Opinion: true, Holder: who})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := opine("k0", "ana", claimex.Accepted); v.Status != claimex.Unreviewed {
		t.Errorf("one opinion decided: %s", v.Status)
	}
	// ana is not given k0 again.
	if k, _ := lease(t, st, req("ana")); k != "k1" {
		t.Errorf("ana's next: %s, want k1", k)
	}
	if v := opine("k0", "ben", claimex.Accepted); v.Status != claimex.Accepted || !strings.Contains(v.Note, "ana, ben") {
		t.Errorf("two agreeing opinions: %s %q", v.Status, v.Note)
	}
	opine("k1", "ana", claimex.Accepted)
	if v := opine("k1", "cy", claimex.Rejected); v.Status != claimex.Unreviewed {
		t.Errorf("two opinions that differ decided: %s", v.Status)
	}
	if k, _ := lease(t, st, LeaseRequest{Holder: "dee", Queue: QueueAdjudicate}); k != "k1" {
		t.Errorf("adjudication queue: %q, want k1", k)
	}
	// Undoing ben's opinion undoes the agreement.
	if v, err := st.Undo(ctx, ids["k0"], "ben"); err != nil || v.Status != claimex.Unreviewed {
		t.Errorf("undo ben's opinion: %s, %v", v.Status, err)
	}
	ops, _ := st.ClaimOpinions(ctx, "k0")
	if len(ops) != 1 || ops[0].Reviewer != "ana" {
		t.Errorf("opinions after the undo: %+v", ops)
	}
	all, _ := st.Opinions(ctx)
	if len(all) != 3 {
		t.Errorf("%d opinions, want 3", len(all))
	}
	// The counters: k0 waits for a second opinion, k1 to be adjudicated,
	// then k2 is flagged; all three are still to review.
	if err := st.SetFlag(ctx, ids["k2"], true, "dee", "ask", "dee"); err != nil {
		t.Fatal(err)
	}
	counts, qc, err := st.QueueTallies(ctx, claimex.KindCount)
	if err != nil || len(counts) != 1 || counts[claimex.Unreviewed] != 3 || qc != (QueueCounts{Flagged: 1, Adjudicate: 1, Halfway: 1}) {
		t.Errorf("tallies %v %+v, %v; want 3 unreviewed, one flagged, one to adjudicate, one halfway", counts, qc, err)
	}
}

// TestLeaseClasses: a holder keeps its claim while it looks at an entity
// on the names page, and the other way round; within a class, a new lease
// ends the old one.
func TestLeaseClasses(t *testing.T) {
	ctx := context.Background()
	st, _, _ := queueFixture(t, 3)
	a := LeaseRequest{Holder: "A", Reviewer: "ana", Kind: claimex.KindCount, TTL: 5 * time.Minute}
	ka, _ := lease(t, st, a)
	if _, by, err := st.LeaseItem(ctx, a, EntityItem("Serik Shalabayev")); err != nil || by != "" {
		t.Fatalf("A leases an entity: held by %q, %v", by, err)
	}
	if kb, _ := lease(t, st, LeaseRequest{Holder: "B"}); kb == ka {
		t.Errorf("B was given %s, which A holds while it looks at an entity", ka)
	}
	if again, _ := lease(t, st, a); again != ka {
		t.Errorf("A asked again and got %q, want its %s", again, ka)
	}
	if item, ok, err := st.HeldEntity(ctx, "A"); err != nil || !ok || item != EntityItem("Serik Shalabayev") {
		t.Errorf("A's entity: %q %v (%v), want its lease kept while it took a claim", item, ok, err)
	}
	// Within a class one lease: a second entity ends the first.
	if _, _, err := st.LeaseItem(ctx, a, EntityItem("Almaty")); err != nil {
		t.Fatal(err)
	}
	if _, by, err := st.LeaseItem(ctx, LeaseRequest{Holder: "B", Reviewer: "ben", TTL: time.Minute},
		EntityItem("Serik Shalabayev")); err != nil || by != "" {
		t.Errorf("B could not lease the entity A left: held by %q, %v", by, err)
	}
}
