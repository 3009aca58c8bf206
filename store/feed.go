package store

import (
	"context"
	"fmt"

	"github.com/claimex/claimex"
)

// Change is an entry of the audit trail, with where its claim now stands.
type Change struct {
	// Event is the entry's id: pages ask for the changes after the last
	// they saw.
	Event int64
	// ClaimID is the current claim with the entry's key (0: none).
	ClaimID  int64
	Kind     claimex.Kind
	Action   string
	Reviewer string
	// Status is the claim's review status now.
	Status claimex.Status
}

// Changes returns up to limit entries of the audit trail after entry
// after, oldest first, with the claims they are about as they now stand.
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT e.id, COALESCE(c.id, 0), COALESCE(c.kind, ''), e.kind, e.action, e.reviewer,
		CASE WHEN c.id IS NULL THEN '' ELSE `+statusExpr+` END
		FROM review_events e
		LEFT JOIN claims c ON c.key = e.key AND c.run_id = (SELECT d.run_id FROM documents d WHERE d.id = c.document_id)
		LEFT JOIN reviews r ON r.key = e.key
		WHERE e.id > ? AND e.with_event IS NULL ORDER BY e.id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read changes: %w", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var kind string
		if err := rows.Scan(&c.Event, &c.ClaimID, &c.Kind, &kind, &c.Action, &c.Reviewer, &c.Status); err != nil {
			return nil, fmt.Errorf("read changes: %w", err)
		}
		if kind == eventOpinion {
			c.Action = "opinion: " + c.Action
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// LastChange is the id of the latest entry of the audit trail (0: none),
// and of the latest decision on an entity.
func (s *Store) LastChange(ctx context.Context) (claims, entities int64, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT COALESCE((SELECT MAX(id) FROM review_events), 0),
		COALESCE((SELECT MAX(id) FROM entity_reviews), 0)`).Scan(&claims, &entities)
	if err != nil {
		return 0, 0, fmt.Errorf("read the latest change: %w", err)
	}
	return claims, entities, nil
}
