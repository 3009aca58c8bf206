package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/claimex/claimex"
)

// EventClaim is what grouping reads of a current claim: what kind, what
// it counts, whom or where it names.
type EventClaim struct {
	Kind       claimex.Kind
	Category   claimex.Category
	Subject    string
	EntityType string
	// Canonical is an entity's name across the database.
	Canonical string
	Location  string
}

// EventSource is a document as grouping reads it.
type EventSource struct {
	ID                     int64
	Title, Text, Published string
	Claims                 []EventClaim
}

// EventSources calls fn for every document, in id order, with its current
// claims. It reads in pages, so no read transaction stays open while fn
// works.
func (s *Store) EventSources(ctx context.Context, fn func(EventSource) error) error {
	const page = 512
	var after int64
	for {
		docs, err := s.eventSourcesAfter(ctx, after, page)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if err := fn(d); err != nil {
				return err
			}
		}
		if len(docs) < page {
			return nil
		}
		after = docs[len(docs)-1].ID
	}
}

func (s *Store) eventSourcesAfter(ctx context.Context, after int64, limit int) ([]EventSource, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("read documents for events: %w", err)
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, `SELECT id, title, text, published FROM documents WHERE id > ? ORDER BY id LIMIT ?`,
		after, limit)
	if err != nil {
		return nil, fmt.Errorf("read documents for events: %w", err)
	}
	var out []EventSource
	at := map[int64]int{}
	for rows.Next() {
		var d EventSource
		if err := rows.Scan(&d.ID, &d.Title, &d.Text, &d.Published); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read documents for events: %w", err)
		}
		at[d.ID] = len(out)
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	rows, err = conn.QueryContext(ctx, `SELECT c.document_id, c.kind, c.category, c.subject,
		COALESCE(en.type, c.entity_type), COALESCE(en.canonical, c.canonical), c.location
		FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		LEFT JOIN entity_names en ON c.kind = 'entity' AND en.name = c.canonical
		WHERE c.document_id BETWEEN ? AND ? ORDER BY c.document_id, c.start, c.id`, out[0].ID, out[len(out)-1].ID)
	if err != nil {
		return nil, fmt.Errorf("read claims for events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c EventClaim
		if err := rows.Scan(&id, &c.Kind, &c.Category, &c.Subject, &c.EntityType, &c.Canonical, &c.Location); err != nil {
			return nil, fmt.Errorf("read claims for events: %w", err)
		}
		if i, ok := at[id]; ok {
			out[i].Claims = append(out[i].Claims, c)
		}
	}
	return out, rows.Err()
}

// EventMembership maps each document to its event as stored, and returns
// the next event id never given.
func (s *Store) EventMembership(ctx context.Context) (map[int64]int64, int64, error) {
	var next int64
	if err := s.db.QueryRowContext(ctx, "SELECT value FROM state WHERE name = 'events_next'").Scan(&next); err != nil {
		return nil, 0, fmt.Errorf("read events: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT document_id, event_id FROM event_documents")
	if err != nil {
		return nil, 0, fmt.Errorf("read events: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var d, e int64
		if err := rows.Scan(&d, &e); err != nil {
			return nil, 0, fmt.Errorf("read events: %w", err)
		}
		out[d] = e
	}
	return out, next, rows.Err()
}

// ReplaceEvents stores a new grouping in place of the old one, in one
// transaction. version is the ClaimsVersion read before the documents
// were: a grouping older than the one stored is dropped. next is the next
// event id never given.
func (s *Store) ReplaceEvents(ctx context.Context, evs []claimex.Event, version, next int64) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store events: %w", err)
	}
	defer tx.Rollback()
	var stored int64
	if err := tx.QueryRowContext(ctx, "SELECT value FROM state WHERE name = 'events_version'").Scan(&stored); err != nil {
		return fmt.Errorf("store events: %w", err)
	}
	if stored > version {
		return nil
	}
	for _, q := range []string{"DELETE FROM event_documents", "DELETE FROM events"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store events: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE state SET value = CASE name WHEN 'events_version' THEN ?1
		ELSE CASE WHEN value > ?2 THEN value ELSE ?2 END END WHERE name IN ('events_version', 'events_next')`, version, next); err != nil {
		return fmt.Errorf("store events: %w", err)
	}
	var events, members [][]any
	for _, e := range evs {
		places, _ := json.Marshal(nonNil(e.Places))
		events = append(events, []any{e.ID, e.Title, string(places), e.First, e.Last})
		for _, d := range e.Documents {
			members = append(members, []any{d, e.ID})
		}
	}
	if err := insertRows(ctx, tx, "events", []string{"id", "title", "places", "first_date", "last_date"}, events); err != nil {
		return fmt.Errorf("store events: %w", err)
	}
	if err := insertRows(ctx, tx, "event_documents", []string{"document_id", "event_id"}, members); err != nil {
		return fmt.Errorf("store events: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store events: %w", err)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// EventsStale reports whether claims were written since the events stored
// were grouped.
func (s *Store) EventsStale(ctx context.Context) (bool, error) {
	var stale bool
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT value FROM state WHERE name = 'claims_version') >
		(SELECT value FROM state WHERE name = 'events_version')`).Scan(&stale)
	if err != nil {
		return false, fmt.Errorf("read events version: %w", err)
	}
	return stale, nil
}

// EventSummary is an event with what its documents hold.
type EventSummary struct {
	claimex.Event
	// Sources are its documents' sources, in document order.
	Sources []string
	// Figures is how many current count claims its documents hold.
	Figures int
}

// ErrNoEvent is the error for an event id that is not stored.
var ErrNoEvent = errors.New("no such event")

// Events lists the stored events in id order; with id, only that one
// (ErrNoEvent when there is none).
func (s *Store) Events(ctx context.Context, id int64) ([]EventSummary, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, `SELECT e.id, e.title, e.places, e.first_date, e.last_date, ed.document_id, d.source,
		(SELECT COUNT(*) FROM claims c WHERE c.document_id = d.id AND c.run_id = d.run_id AND c.kind = 'count')
		FROM events e JOIN event_documents ed ON ed.event_id = e.id JOIN documents d ON d.id = ed.document_id
		WHERE ?1 = 0 OR e.id = ?1 ORDER BY e.id, ed.document_id`, id)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	defer rows.Close()
	var out []EventSummary
	for rows.Next() {
		var e EventSummary
		var places, source string
		var doc int64
		var figures int
		if err := rows.Scan(&e.ID, &e.Title, &places, &e.First, &e.Last, &doc, &source, &figures); err != nil {
			return nil, fmt.Errorf("list events: %w", err)
		}
		if n := len(out); n > 0 && out[n-1].ID == e.ID {
			out[n-1].Documents = append(out[n-1].Documents, doc)
			out[n-1].Sources = append(out[n-1].Sources, source)
			out[n-1].Figures += figures
			continue
		}
		if err := json.Unmarshal([]byte(places), &e.Places); err != nil {
			return nil, fmt.Errorf("list events: event %d: places: %w", e.ID, err)
		}
		e.Documents, e.Sources, e.Figures = []int64{doc}, []string{source}, figures
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	if id != 0 && len(out) == 0 {
		return nil, fmt.Errorf("event %d: %w", id, ErrNoEvent)
	}
	return out, nil
}

// AddEventCorrection records a reviewer's correction to the grouping. Its
// documents must be stored.
func (s *Store) AddEventCorrection(ctx context.Context, c claimex.EventCorrection) (int64, error) {
	var target any
	if c.Target != 0 {
		target = c.Target
	}
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO event_corrections (kind, document_id, target_id, reviewer, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, c.Kind, c.Document, target, c.Reviewer, timeText(time.Now())).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("record event correction: %w", err)
	}
	return id, nil
}

// EventCorrections returns every correction to the grouping, oldest first.
func (s *Store) EventCorrections(ctx context.Context) ([]claimex.EventCorrection, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, document_id, COALESCE(target_id, 0), reviewer, created_at
		FROM event_corrections ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read event corrections: %w", err)
	}
	defer rows.Close()
	var out []claimex.EventCorrection
	for rows.Next() {
		var c claimex.EventCorrection
		var at string
		if err := rows.Scan(&c.ID, &c.Kind, &c.Document, &c.Target, &c.Reviewer, &at); err != nil {
			return nil, fmt.Errorf("read event corrections: %w", err)
		}
		c.CreatedAt = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// EventOfDocument returns the event a document is in; ok is false when
// it is in none (or is not stored).
func (s *Store) EventOfDocument(ctx context.Context, doc int64) (int64, bool, error) {
	var e int64
	err := s.db.QueryRowContext(ctx, "SELECT event_id FROM event_documents WHERE document_id = ?", doc).Scan(&e)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("look up event of document %d: %w", doc, err)
	}
	return e, true, nil
}
