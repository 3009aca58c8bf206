package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/claimex/claimex"
)

// HistoryEntry is one of a reviewer's decisions, on a claim or an entity.
type HistoryEntry struct {
	// ID is the entry's id in the audit trail (claims) or among entity
	// decisions (entities).
	ID int64
	// Entity is set for a decision on an entity: its canonical name.
	Entity string
	// ClaimID is the current claim the decision is about (0: none now).
	ClaimID int64
	Kind    claimex.Kind
	// Action is what the decision did; Opinion marks an opinion.
	Action    claimex.Status
	Opinion   bool
	Value     *float64
	Category  claimex.Category
	Note      string
	DecidedAt time.Time
	// Text and Sentence are the claim's, as decided on.
	Text, Sentence string
	// Undone is set once someone undid the decision, by UndoneBy.
	Undone   bool
	UndoneBy string
}

// History returns a reviewer's decisions and opinions, on claims and on
// entities, newest first: limit of them after the first offset, and how
// many there are in all.
func (s *Store) History(ctx context.Context, reviewer string, limit, offset int) ([]HistoryEntry, int, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("read history: %w", err)
	}
	defer conn.Close()
	var total, entities int
	if err := conn.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM review_events e WHERE e.reviewer = ?1
		AND e.kind IN ('decision', 'opinion') AND e.with_event IS NULL), (SELECT COUNT(*) FROM entity_reviews er WHERE er.reviewer = ?1
		AND er.undoes IS NULL)`, reviewer).Scan(&total, &entities); err != nil {
		return nil, 0, fmt.Errorf("read history: %w", err)
	}
	total += entities
	// The newest offset+limit of each kind hold the page.
	n := offset + limit
	rows, err := conn.QueryContext(ctx, `SELECT e.id, e.kind, e.action, e.value, e.category, e.note, e.decided_at, e.snapshot,
		COALESCE((SELECT u.reviewer FROM review_events u WHERE u.undoes = e.id ORDER BY u.id LIMIT 1), ''),
		COALESCE((SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
			WHERE c.key = e.key LIMIT 1), 0)
		FROM review_events e WHERE e.reviewer = ? AND e.kind IN ('decision', 'opinion') AND e.with_event IS NULL
		ORDER BY e.id DESC LIMIT ?`, reviewer, n)
	if err != nil {
		return nil, 0, fmt.Errorf("read history: %w", err)
	}
	var out []HistoryEntry
	for rows.Next() {
		var h HistoryEntry
		var kind, action, at, snap string
		if err := rows.Scan(&h.ID, &kind, &action, &h.Value, &h.Category, &h.Note, &at, &snap, &h.UndoneBy, &h.ClaimID); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("read history: %w", err)
		}
		h.Opinion, h.Action, h.DecidedAt, h.Undone = kind == eventOpinion, claimex.Status(action), parseTime(at), h.UndoneBy != ""
		if action == "reset" {
			h.Action = claimex.Unreviewed
		}
		var sn Snapshot
		if json.Unmarshal([]byte(snap), &sn) == nil {
			h.Kind, h.Text, h.Sentence = sn.Kind, sn.Text, sn.Sentence
		}
		out = append(out, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("read history: %w", err)
	}
	rows, err = conn.QueryContext(ctx, "SELECT "+entityReviewColumns+`,
		COALESCE((SELECT u.reviewer FROM entity_reviews u WHERE u.undoes = er.id ORDER BY u.id LIMIT 1), '')
		FROM entity_reviews er WHERE er.reviewer = ? AND er.undoes IS NULL ORDER BY er.id DESC LIMIT ?`, reviewer, n)
	if err != nil {
		return nil, 0, fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var by string
		r, err := scanEntityReview(rows, &by)
		if err != nil {
			return nil, 0, fmt.Errorf("read history: %w", err)
		}
		out = append(out, HistoryEntry{ID: r.ID, Entity: r.Canonical, Kind: claimex.KindEntity, Action: r.Status,
			Note: r.Note, DecidedAt: r.DecidedAt, Text: r.Canonical, Undone: by != "", UndoneBy: by})
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("read history: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].DecidedAt.After(out[j].DecidedAt) })
	if offset >= len(out) {
		return nil, total, nil
	}
	return out[offset:min(len(out), offset+limit)], total, nil
}
