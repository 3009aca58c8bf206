package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/claimex/claimex"
)

// Leases keep two reviewers from being shown one claim. A claim is leased
// to the browser it is shown to (its holder) until an expiry some minutes
// ahead, which the page renews while it is open; a lease whose expiry has
// passed means nothing, so a reviewer who leaves gives their claim up by
// staying away. A holder has one lease at a time of each class: a claim,
// and an entity's name (the names page and the queue, open side by side,
// do not take each other's lease away).
//
// Leases are rows with explicit expiry times, written by the program in
// plain SQL, so that the same queries run on another database: on
// PostgreSQL, the choice of the next claim (nextCandidates) takes FOR
// UPDATE SKIP LOCKED, and the primary key (item, slot) is what keeps a
// claim from two holders on both.

// Queue names a queue of claims.
type Queue string

// Queues.
const (
	// QueueReview is the claims still to review, flagged ones left out.
	QueueReview Queue = "review"
	// QueueFlagged is the claims flagged for discussion.
	QueueFlagged Queue = "flagged"
	// QueueAdjudicate is the claims whose two opinions differ.
	QueueAdjudicate Queue = "adjudicate"
)

// LeaseRequest asks for a claim to show.
type LeaseRequest struct {
	// Holder is the browser the claim is shown to; Reviewer the person.
	Holder, Reviewer string
	Kind             claimex.Kind
	Queue            Queue
	// Double gives each claim of the review queue to two reviewers.
	Double bool
	// TTL is how long the lease lasts unless renewed.
	TTL time.Duration
}

// Lease is an item leased to a holder.
type Lease struct {
	// Item is a claim's key, or "entity:" and an entity's name.
	Item string
	// Nonce names this lease of the item: a page that releases a lease
	// it was given releases nothing that a later page took.
	Nonce     string
	ExpiresAt time.Time
}

// EntityItem is the lease item of an entity.
func EntityItem(canonical string) string { return "entity:" + canonical }

// entityLease is the condition, on leases, that a lease is an entity's
// (EntityItem) rather than a claim's.
const entityLease = "substr(item, 1, 7) = 'entity:'"

// classOf is the condition, on leases, that a lease is of item's class.
func classOf(item string) string {
	if strings.HasPrefix(item, "entity:") {
		return entityLease
	}
	return "NOT " + entityLease
}

// leaseTimeLayout writes lease times at a fixed width, so that comparing
// them as text compares them as times.
const leaseTimeLayout = "2006-01-02T15:04:05.000000000Z"

func leaseTime(t time.Time) string { return t.UTC().Format(leaseTimeLayout) }

func newNonce() string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}

// pendingIn is the condition, on claims c with reviews r, that c belongs
// to queue q for reviewer (holder's opinions and leases aside).
func pendingIn(q Queue, double bool) string {
	// A headline's figure the body states again is reviewed with the
	// body's claim (twins.go).
	pending := statusExpr + " IN ('unreviewed', 'changed') AND NOT " + echoExpr
	current := "o.key = c.key AND o.fingerprint = c.fingerprint"
	switch q {
	case QueueFlagged:
		return pending + " AND EXISTS (SELECT 1 FROM flags f WHERE f.key = c.key)"
	case QueueAdjudicate:
		return pending + " AND (SELECT COUNT(*) FROM opinions o WHERE " + current + ") >= 2"
	}
	cond := pending + " AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.key = c.key)"
	if double {
		cond += " AND NOT EXISTS (SELECT 1 FROM opinions o WHERE " + current + " AND o.reviewer = :reviewer)" +
			" AND (SELECT COUNT(*) FROM opinions o WHERE " + current + ") < 2"
	}
	return cond
}

// slots is how many holders a claim of the request's queue may have.
func (r LeaseRequest) slots() int {
	if r.Double && r.Queue == QueueReview {
		return 2
	}
	return 1
}

// free is the condition, on claims c, that the request may lease c: a
// slot is free of other holders' leases (and, with two slots, of other
// reviewers' opinions).
func (r LeaseRequest) free() string {
	others := "(SELECT COUNT(*) FROM leases l WHERE l.item = c.key AND l.holder <> :holder AND l.expires_at > :now)"
	if r.slots() == 1 {
		return others + " = 0"
	}
	return others + " + (SELECT COUNT(*) FROM opinions o WHERE o.key = c.key AND o.fingerprint = c.fingerprint" +
		" AND o.reviewer <> :reviewer) < 2"
}

// queueFrom is the FROM clause of the queue's queries.
const queueFrom = ` FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
	LEFT JOIN reviews r ON r.key = c.key`

// queueArgs are the named arguments of the queue's queries.
func (r LeaseRequest) queueArgs(now time.Time) []any {
	return []any{sql.Named("holder", r.Holder), sql.Named("reviewer", r.Reviewer), sql.Named("now", leaseTime(now)),
		sql.Named("kind", r.Kind)}
}

// NextLease leases the request's holder the claim to show next: the one
// it holds already while that is still to review, else the first of the
// queue (in document and text order) that no one else holds and it did
// not skip, else the first it skipped. ok is false when the queue has
// nothing left for the holder. While another process holds the write
// lock past LeaseWait, it is ErrLeaseBusy: the page shows at once, and
// asks again, rather than wait.
func (s *Store) NextLease(ctx context.Context, req LeaseRequest) (ClaimView, Lease, bool, error) {
	v, l, ok, err := s.nextLease(ctx, req)
	if isBusy(err) {
		// PostgreSQL gave up on a lock, or broke a deadlock between two
		// reviewers' leases: the page asks again.
		return ClaimView{}, Lease{}, false, ErrLeaseBusy
	}
	return v, l, ok, err
}

func (s *Store) nextLease(ctx context.Context, req LeaseRequest) (ClaimView, Lease, bool, error) {
	if req.Queue == "" {
		req.Queue = QueueReview
	}
	// Most page loads find the lease they hold with time to spare: that
	// needs no write.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return ClaimView{}, Lease{}, false, fmt.Errorf("lease a claim: %w", err)
	}
	v, l, ok, err := s.heldLease(ctx, conn, req)
	conn.Close()
	if err != nil || ok {
		return v, l, ok, err
	}
	tx, done, err := s.beginLease(ctx)
	if isBusy(err) {
		// Another process holds the write lock: no claim is shown rather
		// than one another reviewer may be given.
		return ClaimView{}, Lease{}, false, ErrLeaseBusy
	}
	if err != nil {
		return ClaimView{}, Lease{}, false, fmt.Errorf("lease a claim: %w", err)
	}
	defer done()
	now := s.now()
	if _, err := tx.ExecContext(ctx, "DELETE FROM leases WHERE expires_at <= ?", leaseTime(now)); err != nil {
		return ClaimView{}, Lease{}, false, fmt.Errorf("lease a claim: %w", err)
	}
	held := `c.key IN (SELECT l.item FROM leases l WHERE l.holder = :holder)`
	skipped := "EXISTS (SELECT 1 FROM skips s WHERE s.holder = :holder AND s.item = c.key)"
	// The queue's own claims are looked for a window of documents at a
	// time; a claim held or skipped is found through its lease or skip at
	// once.
	for _, look := range []struct {
		extra  string
		window int64
	}{{held, 0}, {"NOT " + skipped, leaseWindow}, {skipped, 0}} {
		extra := look.extra
		ids, err := nextCandidates(ctx, tx, s.d.skipLocked, req, now, extra, 8, look.window)
		if err != nil {
			return ClaimView{}, Lease{}, false, err
		}
		for _, id := range ids {
			if s.d.postgres {
				// The candidates were read as the query began; a decision
				// on one may have committed since, its row lock then
				// passing to this transaction. Holding the lock, read it
				// again as it now stands.
				again, err := nextCandidates(ctx, tx, "", req, now, extra+" AND c.id = :cid", 1, 0, sql.Named("cid", id))
				if err != nil {
					return ClaimView{}, Lease{}, false, err
				}
				if len(again) == 0 {
					continue
				}
			}
			v, err := readClaim(ctx, tx, id)
			if err != nil {
				return ClaimView{}, Lease{}, false, err
			}
			l, ok, err := s.takeLease(ctx, tx, req, v.Key, now)
			if err != nil {
				return ClaimView{}, Lease{}, false, err
			}
			if !ok {
				continue
			}
			if err := tx.Commit(); err != nil {
				return ClaimView{}, Lease{}, false, fmt.Errorf("lease a claim: %w", err)
			}
			return v, l, true, nil
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM leases WHERE holder = ? AND NOT "+entityLease, req.Holder); err != nil {
		return ClaimView{}, Lease{}, false, fmt.Errorf("lease a claim: %w", err)
	}
	return ClaimView{}, Lease{}, false, tx.Commit()
}

// leaseWindow is how many documents the first window of the queue's
// search for its next claim spans (nextCandidates).
const leaseWindow = 16

// ErrLeaseBusy reports that no lease could be taken within LeaseWait:
// another process held the database's write lock.
var ErrLeaseBusy = errors.New("the database is busy: no claim could be leased")

// LeaseWait is how long a lease waits for another process's write lock
// (an extraction switching runs) before the page is shown without one:
// pages are not kept waiting as decisions are.
const LeaseWait = time.Second

// beginLease starts a write transaction that waits at most LeaseWait for
// the lock, on a connection of its own; done ends both.
//
// On PostgreSQL, lease transactions share the writers' lock among them
// (pg_advisory_xact_lock_shared), with decisions and bulk writes, so that
// reviewers lease claims side by side while runs becoming current, which
// take it alone, wait for them; two
// reviewers after the same claim are kept apart by FOR UPDATE SKIP LOCKED
// on the claims they consider, and by the leases' primary key.
func (s *Store) beginLease(ctx context.Context) (*sql.Tx, func(), error) {
	if s.d.postgres {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return nil, nil, err
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("SET LOCAL lock_timeout = %d", LeaseWait.Milliseconds())); err != nil {
			tx.Rollback()
			return nil, nil, err
		}
		if err := lockWritersShared(ctx, tx); err != nil {
			tx.Rollback()
			return nil, nil, err
		}
		return tx, func() { tx.Rollback() }, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	restore := func() {
		conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA busy_timeout = %d", s.opt.BusyTimeout.Milliseconds()))
		conn.Close()
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", LeaseWait.Milliseconds())); err != nil {
		restore()
		return nil, nil, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		restore()
		return nil, nil, err
	}
	return tx, func() { tx.Rollback(); restore() }, nil
}

// heldLease returns the claim the holder has leased, when it is still in
// the request's queue and its lease has more than half its time left.
func (s *Store) heldLease(ctx context.Context, q queryer, req LeaseRequest) (ClaimView, Lease, bool, error) {
	now := s.now()
	var l Lease
	var expires string
	err := q.QueryRowContext(ctx, "SELECT item, nonce, expires_at FROM leases WHERE holder = ? AND expires_at > ? AND NOT "+
		entityLease, req.Holder, leaseTime(now.Add(req.TTL/2))).Scan(&l.Item, &l.Nonce, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return ClaimView{}, Lease{}, false, nil
	}
	if err != nil {
		return ClaimView{}, Lease{}, false, fmt.Errorf("read a lease: %w", err)
	}
	l.ExpiresAt, _ = time.Parse(leaseTimeLayout, expires)
	ids, err := nextCandidates(ctx, q, "", req, now, "c.key = :item", 1, 0, sql.Named("item", l.Item))
	if err != nil || len(ids) == 0 {
		return ClaimView{}, Lease{}, false, err
	}
	v, err := readClaim(ctx, q, ids[0])
	if err != nil {
		return ClaimView{}, Lease{}, false, err
	}
	return v, l, true, nil
}

// nextCandidates returns up to n claims of the request's queue that the
// holder may lease and extra (on claims c) selects, in queue order, with
// lock (PostgreSQL: FOR UPDATE OF c SKIP LOCKED, so that another
// reviewer's choice is passed over rather than waited for).
//
// With a window, it looks a window of documents at a time, by id, the
// window doubling each time: the database evaluates the queue's
// conditions (reviews, twins, flags, leases) on the claims of those
// documents only, so that finding the next claim costs what lies before
// it, not the whole corpus, as one query over every claim would (the
// planner sorts all the claims that pass before it takes the first). A
// window of 0 looks at all documents at once.
func nextCandidates(ctx context.Context, q queryer, lock string, req LeaseRequest, now time.Time, extra string, n int,
	window int64, args ...any) ([]int64, error) {
	query := "SELECT c.id" + queueFrom + " WHERE c.document_id > :lo AND c.document_id <= :hi AND c.kind = :kind AND " +
		pendingIn(req.Queue, req.Double) + " AND " + req.free() + " AND " + extra + " ORDER BY c.document_id, c.start, c.id LIMIT "
	var ids []int64
	// look appends the candidates of the documents with ids in (lo, hi].
	look := func(lo, hi int64) error {
		rows, err := q.QueryContext(ctx, query+strconv.Itoa(n-len(ids))+lock,
			append(req.queueArgs(now), append([]any{sql.Named("lo", lo), sql.Named("hi", hi)}, args...)...)...)
		if err != nil {
			return fmt.Errorf("find the next claim: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return fmt.Errorf("find the next claim: %w", err)
			}
			ids = append(ids, id)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("find the next claim: %w", err)
		}
		return nil
	}
	if window <= 0 {
		err := look(0, math.MaxInt64)
		return ids, err
	}
	var last int64
	if err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM documents").Scan(&last); err != nil {
		return nil, fmt.Errorf("find the next claim: %w", err)
	}
	for lo := int64(0); lo < last && len(ids) < n; lo, window = lo+window, 2*window {
		if err := look(lo, min(lo+window, last)); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// takeLease leases item to the request's holder in tx, in a free slot,
// renewing the lease it holds on it; the holder's other leases of its
// class end.
// ok is false when every slot is held by others.
func (s *Store) takeLease(ctx context.Context, tx *sql.Tx, req LeaseRequest, item string, now time.Time) (Lease, bool, error) {
	l := Lease{Item: item, Nonce: newNonce(), ExpiresAt: now.Add(req.TTL)}
	if _, err := tx.ExecContext(ctx, "DELETE FROM leases WHERE holder = ? AND item <> ? AND "+classOf(item), req.Holder, item); err != nil {
		return Lease{}, false, fmt.Errorf("lease %s: %w", item, err)
	}
	res, err := tx.ExecContext(ctx, "UPDATE leases SET nonce = ?, expires_at = ?, reviewer = ? WHERE holder = ? AND item = ?",
		l.Nonce, leaseTime(l.ExpiresAt), req.Reviewer, req.Holder, item)
	if err != nil {
		return Lease{}, false, fmt.Errorf("lease %s: %w", item, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return l, true, nil
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM leases WHERE item = ? AND expires_at <= ?", item, leaseTime(now)); err != nil {
		return Lease{}, false, fmt.Errorf("lease %s: %w", item, err)
	}
	for slot := 1; slot <= req.slots(); slot++ {
		res, err := tx.ExecContext(ctx, `INSERT INTO leases (item, slot, holder, reviewer, nonce, leased_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			item, slot, req.Holder, req.Reviewer, l.Nonce, leaseTime(now), leaseTime(l.ExpiresAt))
		if err != nil {
			return Lease{}, false, fmt.Errorf("lease %s: %w", item, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return l, true, nil
		}
	}
	return Lease{}, false, nil
}

// LeaseItem leases one item (a claim's key, or an entity's EntityItem)
// to the request's holder, for a page that shows it by name: when no one
// else holds it, or the holder does already. Otherwise it returns who
// holds it. While another process holds the write lock past LeaseWait,
// it is ErrLeaseBusy.
func (s *Store) LeaseItem(ctx context.Context, req LeaseRequest, item string) (Lease, string, error) {
	tx, done, err := s.beginLease(ctx)
	if isBusy(err) {
		return Lease{}, "", ErrLeaseBusy
	}
	if err != nil {
		return Lease{}, "", fmt.Errorf("lease %s: %w", item, err)
	}
	defer done()
	l, ok, err := s.takeLease(ctx, tx, req, item, s.now())
	if err != nil {
		return Lease{}, "", err
	}
	if !ok {
		by, err := holderOf(ctx, tx, item, req.Holder, s.now())
		return Lease{}, by, err
	}
	return l, "", tx.Commit()
}

// holderOf names the reviewer who holds item, other than holder.
func holderOf(ctx context.Context, q queryer, item, holder string, now time.Time) (string, error) {
	var by string
	err := q.QueryRowContext(ctx, `SELECT reviewer FROM leases WHERE item = ? AND holder <> ? AND expires_at > ?
		ORDER BY slot LIMIT 1`, item, holder, leaseTime(now)).Scan(&by)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read who holds %s: %w", item, err)
	}
	return by, nil
}

// RenewLease extends the holder's lease on item by ttl from now, when it
// still holds it; a lease that ended is not taken again (another page of
// the holder may hold another item by now). held is false when the lease
// is gone; by then names whoever holds the item instead, if anyone. A
// lease with more than half of ttl left is not written to.
func (s *Store) RenewLease(ctx context.Context, holder, item string, ttl time.Duration) (held bool, by string, err error) {
	now := s.now()
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM leases WHERE holder = ? AND item = ? AND expires_at > ?",
		holder, item, leaseTime(now.Add(ttl/2))).Scan(&n); err != nil {
		return false, "", fmt.Errorf("renew the lease on %s: %w", item, err)
	}
	if n > 0 {
		return true, "", nil
	}
	tx, done, err := s.beginLease(ctx)
	if isBusy(err) {
		return true, "", nil // renewed on the next poll
	}
	if err != nil {
		return false, "", fmt.Errorf("renew the lease on %s: %w", item, err)
	}
	defer done()
	res, err := tx.ExecContext(ctx, "UPDATE leases SET expires_at = ? WHERE holder = ? AND item = ? AND expires_at > ?",
		leaseTime(now.Add(ttl)), holder, item, leaseTime(now))
	if err != nil {
		return false, "", fmt.Errorf("renew the lease on %s: %w", item, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return true, "", tx.Commit()
	}
	by, err = holderOf(ctx, s.db, item, holder, now)
	return false, by, err
}

// ReleaseLease ends the holder's lease with that nonce, if it still has
// it: a page that is closed gives its claim up at once.
func (s *Store) ReleaseLease(ctx context.Context, holder, nonce string) error {
	if _, err := s.db.ExecContext(ctx, "DELETE FROM leases WHERE holder = ? AND nonce = ?", holder, nonce); err != nil {
		return fmt.Errorf("release a lease: %w", err)
	}
	return nil
}

// skipMemory is how long a skip is remembered.
const skipMemory = 24 * time.Hour

// Skip puts claim id aside for the holder: its lease ends, and the queue
// offers it to the holder again only when nothing else is left.
func (s *Store) Skip(ctx context.Context, holder string, claimID int64) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("skip claim %d: %w", claimID, err)
	}
	defer tx.Rollback()
	v, err := readClaim(ctx, tx, claimID)
	if err != nil {
		return err
	}
	if err := s.skip(ctx, tx, holder, v.Key); err != nil {
		return fmt.Errorf("skip claim %d: %w", claimID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("skip claim %d: %w", claimID, err)
	}
	return nil
}

// SkipItem puts an item (an entity's EntityItem) aside for the holder, as
// Skip does a claim.
func (s *Store) SkipItem(ctx context.Context, holder, item string) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("skip %s: %w", item, err)
	}
	defer tx.Rollback()
	if err := s.skip(ctx, tx, holder, item); err != nil {
		return fmt.Errorf("skip %s: %w", item, err)
	}
	return tx.Commit()
}

func (s *Store) skip(ctx context.Context, tx *sql.Tx, holder, item string) error {
	now := s.now()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"DELETE FROM skips WHERE skipped_at < ?", []any{leaseTime(now.Add(-skipMemory))}},
		{`INSERT INTO skips (holder, item, skipped_at) VALUES (?, ?, ?)
			ON CONFLICT (holder, item) DO UPDATE SET skipped_at = excluded.skipped_at`, []any{holder, item, leaseTime(now)}},
		{"DELETE FROM leases WHERE holder = ? AND item = ?", []any{holder, item}},
	} {
		if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
			return err
		}
	}
	return nil
}

// Skipped returns the items the holder skipped.
func (s *Store) Skipped(ctx context.Context, holder string) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT item FROM skips WHERE holder = ?", holder)
	if err != nil {
		return nil, fmt.Errorf("read skips: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var item string
		if err := rows.Scan(&item); err != nil {
			return nil, fmt.Errorf("read skips: %w", err)
		}
		out[item] = true
	}
	return out, rows.Err()
}

// HeldEntity returns the entity's item (EntityItem) the holder has leased
// now, if any.
func (s *Store) HeldEntity(ctx context.Context, holder string) (string, bool, error) {
	var item string
	err := s.db.QueryRowContext(ctx, "SELECT item FROM leases WHERE holder = ? AND expires_at > ? AND "+entityLease+" LIMIT 1",
		holder, leaseTime(s.now())).Scan(&item)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read a lease: %w", err)
	}
	return item, true, nil
}

// LeasedItems returns the items leased to holders other than holder, now,
// with who holds them.
func (s *Store) LeasedItems(ctx context.Context, holder string) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT item, reviewer FROM leases WHERE holder <> ? AND expires_at > ?",
		holder, leaseTime(s.now()))
	if err != nil {
		return nil, fmt.Errorf("read leases: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var item, by string
		if err := rows.Scan(&item, &by); err != nil {
			return nil, fmt.Errorf("read leases: %w", err)
		}
		out[item] = by
	}
	return out, rows.Err()
}

// QueueCounts is how many claims of a kind wait in each queue.
type QueueCounts struct {
	Flagged, Adjudicate int
	// Halfway counts claims with one opinion, waiting for a second.
	Halfway int
}
