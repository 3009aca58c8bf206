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
	// Opinion makes the decision one reviewer's opinion, on a desk where
	// each claim gets two (serve --double): two agreeing opinions decide,
	// two that differ wait for adjudication.
	Opinion bool
	// Holder, when set, is the browser whose lease on the claim the
	// decision ends.
	Holder string
	// with is the entry of the audit trail this decision was made with:
	// the decision on a twin (twins.go).
	with int64
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
// transaction holding the claim's row (beginDecision). A decision ends the lease its
// browser (Decision.Holder) had on the claim; one on a flagged claim
// takes the flag off.
func (s *Store) Decide(ctx context.Context, d Decision) (ClaimView, error) {
	if err := d.check(); err != nil {
		return ClaimView{}, err
	}
	return retryDecision(ctx, func() (ClaimView, error) { return s.decideOnce(ctx, d) })
}

// decideOnce is one try of Decide.
func (s *Store) decideOnce(ctx context.Context, d Decision) (ClaimView, error) {
	tx, err := s.beginDecision(ctx, d.ClaimID)
	if err != nil {
		return ClaimView{}, fmt.Errorf("review: %w", err)
	}
	defer tx.Rollback()
	v, err := readClaim(ctx, tx, d.ClaimID)
	if err != nil {
		return ClaimView{}, err
	}
	id, err := s.record(ctx, tx, v, d)
	if err != nil {
		return ClaimView{}, err
	}
	// The same figure across the headline is decided with it, in an
	// entry joined to this one.
	joined := d
	joined.with = id
	ids, err := twins(ctx, tx, v.ID)
	if err != nil {
		return ClaimView{}, err
	}
	if err := s.lockClaims(ctx, tx, ids); err != nil {
		return ClaimView{}, err
	}
	for _, id := range ids {
		t, err := readClaim(ctx, tx, id)
		if err != nil {
			return ClaimView{}, err
		}
		if _, err := s.record(ctx, tx, t, joined); err != nil {
			return ClaimView{}, err
		}
	}
	if d.Holder != "" {
		if _, err := tx.ExecContext(ctx, "DELETE FROM leases WHERE holder = ? AND item = ?", d.Holder, v.Key); err != nil {
			return ClaimView{}, fmt.Errorf("review claim %d: %w", v.ID, err)
		}
	}
	return commitDecision(ctx, tx, v.ID)
}

// record writes decision d on current claim v, read in tx: as its
// reviewer's opinion on a desk of second opinions, else as the decision.
// It returns the decision's entry in the audit trail.
func (s *Store) record(ctx context.Context, tx *sql.Tx, v ClaimView, d Decision) (int64, error) {
	if d.Opinion {
		return s.opine(ctx, tx, v, d)
	}
	return s.decide(ctx, tx, v, d, eventDecision, 0)
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
	if d.Opinion && d.Action == claimex.Unreviewed {
		return invalidf("review: an opinion accepts, rejects or edits; undo takes one back")
	}
	return nil
}

// The kinds of entry in the audit trail (review_events.kind).
const (
	// eventDecision is a person's decision on a claim.
	eventDecision = "decision"
	// eventOpinion is one reviewer's opinion, where each claim gets two:
	// it decides nothing alone.
	eventOpinion = "opinion"
	// eventAgreed is the decision two agreeing opinions made.
	eventAgreed = "agreed"
	// eventUndo takes back the entry its undoes column names.
	eventUndo = "undo"
)

// decide writes decision d on the current claim v, read in tx, and its
// entry of the given kind in the audit trail, returning the entry's id.
// An edit that leaves a correction out keeps the one the claim's review
// made, if any.
func (s *Store) decide(ctx context.Context, tx *sql.Tx, v ClaimView, d Decision, kind string, undoes int64) (int64, error) {
	c := v.Claim
	if c.Kind == claimex.KindEntity && (d.Value != nil || d.Category != "") {
		return 0, invalidf("claim %d is a mention of %s: it has no value or category to correct", c.ID, c.Canonical)
	}
	if d.Action == claimex.Edited && v.Decision == claimex.Edited {
		if d.Value == nil {
			d.Value = v.ReviewedValue
		}
		if d.Category == "" {
			d.Category = v.ReviewedCategory
		}
	}
	now := s.now()
	if err := writeReview(ctx, tx, v, review{Decision: d, at: now}); err != nil {
		return 0, err
	}
	return writeEvent(ctx, tx, v, kind, d, now, undoes)
}

// review is the row of reviews a decision makes: the decision, and when
// it was made.
type review struct {
	Decision
	at time.Time
}

// writeReview makes r the review of claim v: the row of reviews with its
// key, or none when r resets the claim. A decision takes any flag off.
func writeReview(ctx context.Context, tx *sql.Tx, v ClaimView, r review) error {
	c := v.Claim
	d := r.Decision
	if d.Action != claimex.Edited {
		d.Value, d.Category = nil, ""
	}
	snap, err := json.Marshal(snapshotOf(c))
	if err != nil {
		return err
	}
	if d.Action == claimex.Unreviewed {
		_, err = tx.ExecContext(ctx, "DELETE FROM reviews WHERE key = ?", c.Key)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO reviews (key, document_id, status, reviewer, decided_at, note, value,
			category, snapshot, fingerprint)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT fingerprint FROM claims WHERE id = ?))
			ON CONFLICT (key) DO UPDATE SET document_id = excluded.document_id, status = excluded.status,
			reviewer = excluded.reviewer, decided_at = excluded.decided_at, note = excluded.note, value = excluded.value,
			category = excluded.category, snapshot = excluded.snapshot, fingerprint = excluded.fingerprint`,
			c.Key, c.DocumentID, d.Action, d.Reviewer, timeText(r.at), d.Note, d.Value, d.Category, string(snap), c.ID)
		if err == nil {
			_, err = tx.ExecContext(ctx, "DELETE FROM flags WHERE key = ?", c.Key)
		}
	}
	if err != nil {
		return fmt.Errorf("review claim %d: %w", c.ID, err)
	}
	return nil
}

// writeEvent appends an entry of kind to the audit trail of claim v: what
// d did, by d.Reviewer at time at, taking back entry undoes when that is
// not 0. Its action is what the claim's review became ("reset": none).
func writeEvent(ctx context.Context, tx *sql.Tx, v ClaimView, kind string, d Decision, at time.Time, undoes int64) (int64, error) {
	c := v.Claim
	if d.Action != claimex.Edited {
		d.Value, d.Category = nil, ""
	}
	snap, err := json.Marshal(snapshotOf(c))
	if err != nil {
		return 0, err
	}
	action := string(d.Action)
	if d.Action == claimex.Unreviewed {
		action = "reset"
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO review_events (key, document_id, action, reviewer, decided_at, note, value,
		category, snapshot, kind, undoes, with_event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.Key, c.DocumentID, action, d.Reviewer, timeText(at), d.Note, d.Value, d.Category, string(snap), kind,
		nullID(undoes), nullID(d.with)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("review claim %d: %w", c.ID, err)
	}
	return id, nil
}

// nullID is an id column's value: NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
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
	// Reading by id needs no full-text search, hence no dialect.
	err := readClaims(ctx, q, nil, ClaimFilter{ID: id}, func(v ClaimView) error {
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
		ORDER BY r.document_id, `+s.d.snapStart+`, r.id`)
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

// ErrNothingToUndo reports a claim no decision was ever recorded for, or
// an entry of the audit trail already undone.
var ErrNothingToUndo = errors.New("no decision to undo")
