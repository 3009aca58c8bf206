package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/claimex/claimex"
)

// Opinion is one reviewer's standing opinion on a claim, on a desk where
// each claim gets two.
type Opinion struct {
	Key      string
	Reviewer string
	Action   claimex.Status
	Value    *float64
	Category claimex.Category
	// ClaimCategory is the claim's category (an entity mention's type)
	// when it was judged.
	ClaimCategory string
	DecidedAt     time.Time
	// Current is set when the opinion judged the claim's fields as they
	// now read.
	Current bool
}

// agrees reports whether two opinions say the same: the same action and,
// for edits, the same corrections.
func (o Opinion) agrees(p Opinion) bool {
	if o.Action != p.Action {
		return false
	}
	if o.Action != claimex.Edited {
		return true
	}
	sameValue := (o.Value == nil) == (p.Value == nil) && (o.Value == nil || *o.Value == *p.Value)
	return sameValue && o.Category == p.Category
}

// opine records d as its reviewer's opinion on claim v, read in tx, and
// returns its entry in the audit trail. The second of two agreeing
// opinions decides the claim.
func (s *Store) opine(ctx context.Context, tx *sql.Tx, v ClaimView, d Decision) (int64, error) {
	if v.Kind == claimex.KindEntity && (d.Value != nil || d.Category != "") {
		return 0, invalidf("claim %d is a mention of %s: it has no value or category to correct", v.ID, v.Canonical)
	}
	if d.Action != claimex.Edited {
		d.Value, d.Category = nil, ""
	}
	now := s.now()
	id, err := writeEvent(ctx, tx, v, eventOpinion, d, now, 0)
	if err != nil {
		return 0, err
	}
	category := string(v.Category)
	if v.Kind == claimex.KindEntity {
		category = v.EntityType
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO opinions (key, reviewer, event_id, action, value, category, claim_category,
		fingerprint, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT fingerprint FROM claims WHERE id = ?), ?)
		ON CONFLICT (key, reviewer) DO UPDATE SET event_id = excluded.event_id, action = excluded.action,
		value = excluded.value, category = excluded.category, claim_category = excluded.claim_category,
		fingerprint = excluded.fingerprint, decided_at = excluded.decided_at`,
		v.Key, d.Reviewer, id, d.Action, d.Value, d.Category, category, v.ID, timeText(now))
	if err != nil {
		return 0, fmt.Errorf("record an opinion on claim %d: %w", v.ID, err)
	}
	ops, err := claimOpinions(ctx, tx, v.Key, true)
	if err != nil {
		return 0, err
	}
	if len(ops) < 2 {
		return id, nil
	}
	for _, o := range ops[1:] {
		if !o.agrees(ops[0]) {
			return id, nil // to adjudication
		}
	}
	var names []string
	for _, o := range ops {
		names = append(names, o.Reviewer)
	}
	agreed := d
	agreed.Note = strings.TrimSpace("agreed: " + strings.Join(names, ", ") + "; " + d.Note)
	agreed.Note = strings.TrimSuffix(agreed.Note, ";")
	if err := writeReview(ctx, tx, v, review{Decision: agreed, at: now}); err != nil {
		return 0, err
	}
	if _, err := writeEvent(ctx, tx, v, eventAgreed, agreed, now, 0); err != nil {
		return 0, err
	}
	return id, nil
}

// claimOpinions reads the opinions on key, oldest first; current leaves
// out those on fields a later run moved.
func claimOpinions(ctx context.Context, q queryer, key string, current bool) ([]Opinion, error) {
	query := `SELECT o.key, o.reviewer, o.action, o.value, o.category, o.claim_category, o.decided_at,
		o.fingerprint = COALESCE((SELECT c.fingerprint FROM claims c JOIN documents d ON d.id = c.document_id
			AND d.run_id = c.run_id WHERE c.key = o.key LIMIT 1), '')
		FROM opinions o WHERE o.key = ? ORDER BY o.decided_at, o.reviewer`
	rows, err := q.QueryContext(ctx, query, key)
	if err != nil {
		return nil, fmt.Errorf("read opinions: %w", err)
	}
	defer rows.Close()
	var out []Opinion
	for rows.Next() {
		o, err := scanOpinion(rows)
		if err != nil {
			return nil, err
		}
		if o.Current || !current {
			out = append(out, o)
		}
	}
	return out, rows.Err()
}

func scanOpinion(rows *sql.Rows) (Opinion, error) {
	var o Opinion
	var at string
	if err := rows.Scan(&o.Key, &o.Reviewer, &o.Action, &o.Value, &o.Category, &o.ClaimCategory, &at, &o.Current); err != nil {
		return o, fmt.Errorf("read opinions: %w", err)
	}
	o.DecidedAt = parseTime(at)
	return o, nil
}

// ClaimOpinions returns the standing opinions on a claim's fields as they
// now read, oldest first.
func (s *Store) ClaimOpinions(ctx context.Context, key string) ([]Opinion, error) {
	return claimOpinions(ctx, s.db, key, true)
}

// Opinions returns every standing opinion, by claim key and then time:
// what agreement between reviewers is measured on.
func (s *Store) Opinions(ctx context.Context) ([]Opinion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT o.key, o.reviewer, o.action, o.value, o.category, o.claim_category,
		o.decided_at, 1 FROM opinions o
		-- a twin's opinion (twins.go) is the same judgement again
		WHERE NOT EXISTS (SELECT 1 FROM review_events e WHERE e.id = o.event_id AND e.with_event IS NOT NULL)
		ORDER BY o.key, o.decided_at, o.reviewer`)
	if err != nil {
		return nil, fmt.Errorf("read opinions: %w", err)
	}
	defer rows.Close()
	var out []Opinion
	for rows.Next() {
		o, err := scanOpinion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
