package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/claimex/claimex"
)

// Decision is a person's decision on one current claim.
type Decision struct {
	ClaimID int64
	// Action is Accepted, Rejected or Edited; Unreviewed resets the claim,
	// taking its review away (the audit trail keeps it).
	Action   claimex.Status
	Reviewer string
	Note     string
	// Value and Category are an edit's corrections; an edit that leaves
	// one out keeps the correction an earlier edit made, if any.
	Value    *float64
	Category claimex.Category
}

// ErrNoClaim reports a claim id that is not among the current claims.
var ErrNoClaim = errors.New("no current claim with that id")

// Snapshot is what a review keeps of the claim as it was decided on: the
// fields reviewed, and where the claim stood.
type Snapshot struct {
	Kind        claimex.Kind     `json:"kind"`
	Category    claimex.Category `json:"category,omitempty"`
	Value       *float64         `json:"value,omitempty"`
	ValueMax    *float64         `json:"value_max,omitempty"`
	Qualifier   string           `json:"qualifier,omitempty"`
	Vague       string           `json:"vague,omitempty"`
	Subject     string           `json:"subject,omitempty"`
	EntityType  string           `json:"entity_type,omitempty"`
	Canonical   string           `json:"canonical,omitempty"`
	Attribution string           `json:"attribution,omitempty"`
	Location    string           `json:"location,omitempty"`
	Text        string           `json:"text"`
	Sentence    string           `json:"sentence"`
	Start       int              `json:"start"`
	End         int              `json:"end"`
	Run         int64            `json:"run"`
}

func snapshotOf(c claimex.Claim) Snapshot {
	return Snapshot{Kind: c.Kind, Category: c.Category, Value: c.Value, ValueMax: c.ValueMax, Qualifier: string(c.Qualifier),
		Vague: c.Vague, Subject: c.Subject, EntityType: c.EntityType, Canonical: c.Canonical, Attribution: c.Attribution,
		Location: c.Location, Text: c.Text, Sentence: c.Sentence, Start: c.Start, End: c.End, Run: c.RunID}
}

// Decide records a decision on a current claim, and returns the claim as
// it now reads. The claim is read, and the decision written, in one
// transaction under the write lock.
func (s *Store) Decide(ctx context.Context, d Decision) (ClaimView, error) {
	if err := d.check(); err != nil {
		return ClaimView{}, err
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return ClaimView{}, fmt.Errorf("review: %w", err)
	}
	defer tx.Rollback()
	v, err := readClaim(ctx, tx, d.ClaimID)
	if err != nil {
		return ClaimView{}, err
	}
	if err := s.decide(ctx, tx, v, d); err != nil {
		return ClaimView{}, err
	}
	// The same figure across the headline is decided with it.
	ids, err := twins(ctx, tx, v.ID)
	if err != nil {
		return ClaimView{}, err
	}
	for _, id := range ids {
		t, err := readClaim(ctx, tx, id)
		if err != nil {
			return ClaimView{}, err
		}
		if err := s.decide(ctx, tx, t, d); err != nil {
			return ClaimView{}, err
		}
	}
	return commitDecision(ctx, tx, v.ID)
}

// check refuses a decision that cannot be recorded whatever the claim.
func (d Decision) check() error {
	switch d.Action {
	case claimex.Accepted, claimex.Rejected, claimex.Edited, claimex.Unreviewed:
	default:
		return invalidf("review: unknown action %q", d.Action)
	}
	if d.Action == claimex.Edited && d.Value == nil && d.Category == "" && d.Note == "" {
		return invalidf("review: an edit needs a value, a category or a note")
	}
	return nil
}

// decide writes decision d on the current claim v, read in tx, and its
// entry in the audit trail.
func (s *Store) decide(ctx context.Context, tx *sql.Tx, v ClaimView, d Decision) error {
	c := v.Claim
	if c.Kind == claimex.KindEntity && (d.Value != nil || d.Category != "") {
		return invalidf("claim %d is a mention of %s: it has no value or category to correct", c.ID, c.Canonical)
	}
	snap, err := json.Marshal(snapshotOf(c))
	if err != nil {
		return err
	}
	if d.Action == claimex.Edited && v.Decision == claimex.Edited {
		if d.Value == nil {
			d.Value = v.ReviewedValue
		}
		if d.Category == "" {
			d.Category = v.ReviewedCategory
		}
	}
	if d.Action != claimex.Edited {
		d.Value, d.Category = nil, ""
	}
	now := timeText(s.now())
	action := d.Action
	if action == claimex.Unreviewed {
		action = "reset"
		_, err = tx.ExecContext(ctx, "DELETE FROM reviews WHERE key = ?", c.Key)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO reviews (key, document_id, status, reviewer, decided_at, note, value,
			category, snapshot, fingerprint)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT fingerprint FROM claims WHERE id = ?))
			ON CONFLICT (key) DO UPDATE SET document_id = excluded.document_id, status = excluded.status,
			reviewer = excluded.reviewer, decided_at = excluded.decided_at, note = excluded.note, value = excluded.value,
			category = excluded.category, snapshot = excluded.snapshot, fingerprint = excluded.fingerprint`,
			c.Key, c.DocumentID, d.Action, d.Reviewer, now, d.Note, d.Value, d.Category, string(snap), c.ID)
	}
	if err != nil {
		return fmt.Errorf("review claim %d: %w", c.ID, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO review_events (key, document_id, action, reviewer, decided_at, note, value,
		category, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Key, c.DocumentID, action, d.Reviewer, now, d.Note, d.Value, d.Category, string(snap))
	if err != nil {
		return fmt.Errorf("review claim %d: %w", c.ID, err)
	}
	return nil
}

// commitDecision reads claim id as the decision left it and commits tx.
func commitDecision(ctx context.Context, tx *sql.Tx, id int64) (ClaimView, error) {
	v, err := readClaim(ctx, tx, id)
	if err != nil {
		return ClaimView{}, err
	}
	if err := tx.Commit(); err != nil {
		return ClaimView{}, fmt.Errorf("review claim %d: %w", id, err)
	}
	return v, nil
}

// claim returns one current claim by id.
func (s *Store) claim(ctx context.Context, id int64) (ClaimView, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return ClaimView{}, fmt.Errorf("read claim %d: %w", id, err)
	}
	defer conn.Close()
	return readClaim(ctx, conn, id)
}

// readClaim reads one current claim by id through q.
func readClaim(ctx context.Context, q queryer, id int64) (ClaimView, error) {
	var out ClaimView
	found := false
	err := readClaims(ctx, q, ClaimFilter{ID: id}, func(v ClaimView) error {
		out, found = v, true
		return nil
	})
	if err != nil {
		return ClaimView{}, err
	}
	if !found {
		return ClaimView{}, fmt.Errorf("claim %d: %w", id, ErrNoClaim)
	}
	return out, nil
}

// ReviewState is where a review stands against the current claims.
type ReviewState string

// Review states: carried (its claim is current with the fields reviewed),
// changed (current, with other fields), orphaned (no current claim has
// its key).
const (
	ReviewCarried  ReviewState = "carried"
	ReviewChanged  ReviewState = "changed"
	ReviewOrphaned ReviewState = "orphaned"
)

// ReviewView is a review with the snapshot of the claim it decided on and
// where it stands now.
type ReviewView struct {
	claimex.Review
	Snapshot Snapshot
	State    ReviewState
	// ClaimID is the current claim with the review's key, 0 when orphaned;
	// Current holds that claim's reviewed fields.
	ClaimID int64
	Current Snapshot
	Source  string
}

// Reviews returns every review with its state, in document and text
// order.
func (s *Store) Reviews(ctx context.Context) ([]ReviewView, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.key, r.document_id, r.status, r.reviewer, r.decided_at,
		r.note, r.value, r.category, r.snapshot, d.source, COALESCE(c.id, 0), COALESCE(c.kind, ''),
		COALESCE(c.category, ''), c.value, c.value_max, COALESCE(c.entity_type, ''), COALESCE(c.text, ''),
		CASE WHEN c.id IS NULL THEN 'orphaned' WHEN c.fingerprint = r.fingerprint THEN 'carried' ELSE 'changed' END
		FROM reviews r JOIN documents d ON d.id = r.document_id
		LEFT JOIN claims c ON c.key = r.key AND c.document_id = r.document_id AND c.run_id = d.run_id
		ORDER BY r.document_id, json_extract(r.snapshot, '$.start'), r.id`)
	if err != nil {
		return nil, fmt.Errorf("read reviews: %w", err)
	}
	defer rows.Close()
	var out []ReviewView
	for rows.Next() {
		var v ReviewView
		var at, snap string
		if err := rows.Scan(&v.ID, &v.Key, &v.DocumentID, &v.Status, &v.Reviewer, &at, &v.Note, &v.Value, &v.Category,
			&snap, &v.Source, &v.ClaimID, &v.Current.Kind, &v.Current.Category, &v.Current.Value, &v.Current.ValueMax,
			&v.Current.EntityType, &v.Current.Text, &v.State); err != nil {
			return nil, fmt.Errorf("read reviews: %w", err)
		}
		v.DecidedAt = parseTime(at)
		if err := json.Unmarshal([]byte(snap), &v.Snapshot); err != nil {
			return nil, fmt.Errorf("review %d: snapshot: %w", v.ID, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ReviewCounts counts reviews by state.
func (s *Store) ReviewCounts(ctx context.Context) (map[ReviewState]int, error) {
	rs, err := s.Reviews(ctx)
	if err != nil {
		return nil, err
	}
	out := map[ReviewState]int{}
	for _, r := range rs {
		out[r.State]++
	}
	return out, nil
}

// ErrNothingToUndo reports a claim no decision was ever recorded for.
var ErrNothingToUndo = errors.New("no decision to undo")

// Undo takes back the latest decision on a current claim: the decision
// before it holds again, or none. The undo is itself recorded. The
// history is read and the decision it leads to written in one
// transaction, so an undo never acts on a history another decision has
// since moved on.
func (s *Store) Undo(ctx context.Context, claimID int64, reviewer string) (ClaimView, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return ClaimView{}, fmt.Errorf("undo claim %d: %w", claimID, err)
	}
	defer tx.Rollback()
	v, err := readClaim(ctx, tx, claimID)
	if err != nil {
		return ClaimView{}, err
	}
	events, err := lastDecisions(ctx, tx, v.Key, 2)
	if err != nil {
		return ClaimView{}, fmt.Errorf("undo claim %d: %w", claimID, err)
	}
	if s.undoRead != nil {
		s.undoRead()
	}
	if len(events) == 0 {
		return ClaimView{}, fmt.Errorf("claim %d: %w", claimID, ErrNothingToUndo)
	}
	prev := Decision{Action: claimex.Unreviewed}
	if len(events) == 2 {
		prev = events[1]
	}
	prev.ClaimID, prev.Reviewer = claimID, reviewer
	if err := s.decide(ctx, tx, v, prev); err != nil {
		return ClaimView{}, err
	}
	return commitDecision(ctx, tx, v.ID)
}

// lastDecisions reads the latest n decisions of the audit trail on key,
// newest first.
func lastDecisions(ctx context.Context, q queryer, key string, n int) ([]Decision, error) {
	rows, err := q.QueryContext(ctx, `SELECT action, note, value, category FROM review_events
		WHERE key = ? ORDER BY id DESC LIMIT ?`, key, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var events []Decision
	for rows.Next() {
		var d Decision
		var action string
		if err := rows.Scan(&action, &d.Note, &d.Value, &d.Category); err != nil {
			return nil, err
		}
		d.Action = claimex.Status(action)
		if action == "reset" {
			d.Action = claimex.Unreviewed
		}
		events = append(events, d)
	}
	return events, rows.Err()
}
