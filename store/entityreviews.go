package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/claimex/claimex"
)

// An entity is reviewed once, not mention by mention: is it a person, an
// organisation or a place, rightly named and merged? The decision
// attaches to every name the entity had when it was made, and an entity
// takes the latest decision on any of its names that nobody undid. Since
// that is read through the names' current resolution, a decision holds
// for whichever entity its names belong to after every ingest,
// re-extraction or correction, as corrections do.

// EntityDecision is a person's decision on an entity.
type EntityDecision struct {
	// Canonical is the entity's name, as the entities page shows it.
	Canonical string
	// Status is Accepted, Rejected, or Unreviewed to take a decision away.
	Status   claimex.Status
	Reviewer string
	Note     string
}

// EntityReview is a decision on an entity as recorded.
type EntityReview struct {
	ID        int64
	Canonical string
	Type      string
	Status    claimex.Status
	Reviewer  string
	DecidedAt time.Time
	Note      string
}

// DecideEntity records a decision on an entity and attaches it to the
// entity's names.
func (s *Store) DecideEntity(ctx context.Context, d EntityDecision) (EntityReview, error) {
	status := string(d.Status)
	switch d.Status {
	case claimex.Accepted, claimex.Rejected:
	case claimex.Unreviewed:
		status = "reset"
	default:
		return EntityReview{}, invalidf("an entity is accepted or rejected, not %q", d.Status)
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return EntityReview{}, fmt.Errorf("decide on %s: %w", d.Canonical, err)
	}
	defer tx.Rollback()
	names, typ, err := entityNames(ctx, tx, d.Canonical)
	if err != nil {
		return EntityReview{}, err
	}
	if len(names) == 0 {
		return EntityReview{}, invalidf("no entity is named %q", d.Canonical)
	}
	r := EntityReview{Canonical: d.Canonical, Type: typ, Status: d.Status, Reviewer: d.Reviewer, DecidedAt: s.now(), Note: d.Note}
	err = tx.QueryRowContext(ctx, `INSERT INTO entity_reviews (canonical, type, status, reviewer, decided_at, note)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, r.Canonical, r.Type, status, r.Reviewer, timeText(r.DecidedAt), r.Note).Scan(&r.ID)
	if err != nil {
		return EntityReview{}, fmt.Errorf("decide on %s: %w", d.Canonical, err)
	}
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, "INSERT INTO entity_review_names (review_id, name) VALUES (?, ?)", r.ID, n); err != nil {
			return EntityReview{}, fmt.Errorf("decide on %s: %w", d.Canonical, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return EntityReview{}, fmt.Errorf("decide on %s: %w", d.Canonical, err)
	}
	return r, nil
}

// entityNames returns the names the entity called canonical goes by, as
// resolved (the names its current mentions resolved to), and its type.
func entityNames(ctx context.Context, q queryer, canonical string) ([]string, string, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT c.canonical, COALESCE(en.type, c.entity_type)
		FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		LEFT JOIN entity_names en ON en.name = c.canonical
		WHERE c.kind = 'entity' AND COALESCE(en.canonical, c.canonical) = ? ORDER BY 1`, canonical)
	if err != nil {
		return nil, "", fmt.Errorf("read the names of %s: %w", canonical, err)
	}
	defer rows.Close()
	var names []string
	typ := ""
	for rows.Next() {
		var n, t string
		if err := rows.Scan(&n, &t); err != nil {
			return nil, "", fmt.Errorf("read the names of %s: %w", canonical, err)
		}
		names, typ = append(names, n), t
	}
	return names, typ, rows.Err()
}

// entityReviewColumns are read by scanEntityReview, from entity_reviews er.
const entityReviewColumns = "er.id, er.canonical, er.type, er.status, er.reviewer, er.decided_at, er.note"

// entityReviewStands is the condition, on entity_reviews er, that er is a
// decision nobody undid.
const entityReviewStands = "er.undoes IS NULL AND NOT EXISTS (SELECT 1 FROM entity_reviews u WHERE u.undoes = er.id)"

func scanEntityReview(row interface{ Scan(...any) error }, extra ...any) (EntityReview, error) {
	var r EntityReview
	var status, at string
	if err := row.Scan(append([]any{&r.ID, &r.Canonical, &r.Type, &status, &r.Reviewer, &at, &r.Note}, extra...)...); err != nil {
		return r, err
	}
	r.Status = claimex.Status(status)
	if status == "reset" {
		r.Status = claimex.Unreviewed
	}
	r.DecidedAt = parseTime(at)
	return r, nil
}

// EntityStatuses returns the decision each entity now has, by its
// canonical name; entities without one are absent.
func (s *Store) EntityStatuses(ctx context.Context) (map[string]EntityReview, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("read entity decisions: %w", err)
	}
	defer conn.Close()
	canonicalOf := map[string]string{}
	rows, err := conn.QueryContext(ctx, "SELECT name, canonical FROM entity_names")
	if err != nil {
		return nil, fmt.Errorf("read entity decisions: %w", err)
	}
	for rows.Next() {
		var n, c string
		if err := rows.Scan(&n, &c); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read entity decisions: %w", err)
		}
		canonicalOf[n] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read entity decisions: %w", err)
	}
	rows, err = conn.QueryContext(ctx, "SELECT "+entityReviewColumns+", rn.name FROM entity_reviews er "+
		"JOIN entity_review_names rn ON rn.review_id = er.id WHERE "+entityReviewStands+" ORDER BY er.id")
	if err != nil {
		return nil, fmt.Errorf("read entity decisions: %w", err)
	}
	defer rows.Close()
	out := map[string]EntityReview{}
	for rows.Next() {
		var name string
		r, err := scanEntityReview(rows, &name)
		if err != nil {
			return nil, fmt.Errorf("read entity decisions: %w", err)
		}
		c, ok := canonicalOf[name]
		if !ok {
			c = name
		}
		out[c] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read entity decisions: %w", err)
	}
	for c, r := range out {
		if r.Status == claimex.Unreviewed {
			delete(out, c)
		}
	}
	return out, nil
}

// UndoEntityReview takes back a decision on an entity; the one before it
// on the same names, if any, holds again.
func (s *Store) UndoEntityReview(ctx context.Context, id int64, reviewer string) (EntityReview, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return EntityReview{}, fmt.Errorf("undo entity decision %d: %w", id, err)
	}
	defer tx.Rollback()
	r, err := scanEntityReview(tx.QueryRowContext(ctx, "SELECT "+entityReviewColumns+" FROM entity_reviews er WHERE er.id = ? AND "+
		entityReviewStands, id))
	if errors.Is(err, sql.ErrNoRows) {
		return EntityReview{}, fmt.Errorf("entity decision %d: %w (undone already, or never made)", id, ErrNothingToUndo)
	}
	if err != nil {
		return EntityReview{}, fmt.Errorf("undo entity decision %d: %w", id, err)
	}
	if err := s.undoEntityReview(ctx, tx, id, reviewer); err != nil {
		return EntityReview{}, err
	}
	return r, tx.Commit()
}

// undoEntityReview records in tx that reviewer undid entity decision id.
func (s *Store) undoEntityReview(ctx context.Context, tx *sql.Tx, id int64, reviewer string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO entity_reviews (canonical, type, status, reviewer, decided_at, note, undoes)
		SELECT canonical, type, 'reset', ?, ?, '', id FROM entity_reviews WHERE id = ?`, reviewer, timeText(s.now()), id)
	if err != nil {
		return fmt.Errorf("undo entity decision %d: %w", id, err)
	}
	return nil
}

// latestEntityReview is the reviewer's latest decision on an entity that
// nobody undid.
func latestEntityReview(ctx context.Context, q queryer, reviewer string) (EntityReview, bool, error) {
	r, err := scanEntityReview(q.QueryRowContext(ctx, "SELECT "+entityReviewColumns+" FROM entity_reviews er WHERE er.reviewer = ? AND "+
		entityReviewStands+" ORDER BY er.id DESC LIMIT 1", reviewer))
	if errors.Is(err, sql.ErrNoRows) {
		return EntityReview{}, false, nil
	}
	return r, err == nil, err
}

// EntityDocument is a document that names an entity.
type EntityDocument struct {
	ID            int64
	Title, Source string
	Mentions      int
}

// EntityDocuments lists up to limit documents that name the entity
// called canonical, those that name it most first.
func (s *Store) EntityDocuments(ctx context.Context, canonical string, limit int) ([]EntityDocument, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.title, d.source, COUNT(*)
		FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		LEFT JOIN entity_names en ON en.name = c.canonical
		WHERE c.kind = 'entity' AND COALESCE(en.canonical, c.canonical) = ?
		GROUP BY d.id, d.title, d.source ORDER BY COUNT(*) DESC, d.id LIMIT ?`, canonical, limit)
	if err != nil {
		return nil, fmt.Errorf("read the documents of %s: %w", canonical, err)
	}
	defer rows.Close()
	var out []EntityDocument
	for rows.Next() {
		var d EntityDocument
		if err := rows.Scan(&d.ID, &d.Title, &d.Source, &d.Mentions); err != nil {
			return nil, fmt.Errorf("read the documents of %s: %w", canonical, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// EntityChange is a decision on an entity (or its undoing), with the
// entity's decision now.
type EntityChange struct {
	Event     int64
	Canonical string
	Reviewer  string
	// Status is the entity's decision now (Unreviewed: none).
	Status claimex.Status
}

// EntityChanges returns up to limit entity decisions and undos after
// entry after, oldest first.
func (s *Store) EntityChanges(ctx context.Context, after int64, limit int) ([]EntityChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, canonical, reviewer FROM entity_reviews WHERE id > ? ORDER BY id LIMIT ?`,
		after, limit)
	if err != nil {
		return nil, fmt.Errorf("read entity changes: %w", err)
	}
	var out []EntityChange
	for rows.Next() {
		var c EntityChange
		if err := rows.Scan(&c.Event, &c.Canonical, &c.Reviewer); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read entity changes: %w", err)
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	statuses, err := s.EntityStatuses(ctx)
	if err != nil {
		return nil, err
	}
	for i, c := range out {
		out[i].Status = claimex.Unreviewed
		if r, ok := statuses[c.Canonical]; ok {
			out[i].Status = r.Status
		}
	}
	return out, nil
}
