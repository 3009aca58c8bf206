package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/claimex/claimex"
)

// The audit trail is a history that can be undone anywhere: a claim's
// review is always what its latest decision (or agreement) that nobody
// undid says, and nothing when there is none. Undoing an entry appends an
// undo entry naming it; nothing is ever deleted from the trail. Each undo
// reads the history and writes what it leads to in one transaction, so
// it never acts on a history another decision has since moved on.

// event is an entry of the audit trail.
type event struct {
	ID       int64
	Key      string
	Kind     string
	Reviewer string
	At       time.Time
	Decision Decision
	// With is the entry this one was made with (a twin's, twins.go), or 0.
	With int64
}

// ownEntry is the condition, on review_events e, that e is a person's own
// decision, or their opinion while it stands.
const ownEntry = `(e.kind = 'decision' OR ` + standingOpinion + `)`

// standingOpinion is the condition, on review_events e, that e is an
// opinion that still stands.
const standingOpinion = `(e.kind = 'opinion' AND EXISTS (SELECT 1 FROM opinions o WHERE o.event_id = e.id))`

// notUndone is the condition, on review_events e, that nobody undid e.
const notUndone = "NOT EXISTS (SELECT 1 FROM review_events u WHERE u.undoes = e.id)"

// eventColumns are read by scanEvent, from review_events e.
const eventColumns = "e.id, e.key, e.kind, e.action, e.reviewer, e.decided_at, e.note, e.value, e.category, COALESCE(e.with_event, 0)"

func scanEvent(row interface{ Scan(...any) error }) (event, error) {
	var e event
	var action, at string
	if err := row.Scan(&e.ID, &e.Key, &e.Kind, &action, &e.Reviewer, &at, &e.Decision.Note, &e.Decision.Value,
		&e.Decision.Category, &e.With); err != nil {
		return e, err
	}
	e.At = parseTime(at)
	e.Decision.Action = claimex.Status(action)
	if action == "reset" {
		e.Decision.Action = claimex.Unreviewed
	}
	e.Decision.Reviewer = e.Reviewer
	return e, nil
}

// Undo takes back the latest decision on a current claim that nobody
// undid: the one before it holds again, or none. On a desk of second
// opinions, a claim not yet decided has the reviewer's own opinion taken
// back. The undo is itself recorded.
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
	e, ok, err := latestEvent(ctx, tx, `e.key = ? AND (e.kind IN ('decision', 'agreed') OR
		(e.reviewer = ? AND `+standingOpinion+`))`, v.Key, reviewer)
	if err != nil {
		return ClaimView{}, fmt.Errorf("undo claim %d: %w", claimID, err)
	}
	if s.undoRead != nil {
		s.undoRead()
	}
	if !ok {
		return ClaimView{}, fmt.Errorf("claim %d: %w", claimID, ErrNothingToUndo)
	}
	if e.Kind == eventAgreed {
		// The reviewer's own opinion goes, and the agreement with it.
		if mine, ok, err := latestEvent(ctx, tx, `e.key = ? AND e.reviewer = ? AND `+standingOpinion,
			v.Key, reviewer); err != nil {
			return ClaimView{}, fmt.Errorf("undo claim %d: %w", claimID, err)
		} else if ok {
			e = mine
		}
	}
	if err := s.undoEvent(ctx, tx, v, e, reviewer); err != nil {
		return ClaimView{}, err
	}
	return commitDecision(ctx, tx, v.ID)
}

// UndoEvent takes back one entry of the audit trail, a decision or an
// opinion, whenever it was made. When it is what the claim's review says,
// the decision before it that nobody undid holds again; when a later
// decision stands, the review stays, and the entry no longer counts if
// that later one is undone. The claim must be current.
func (s *Store) UndoEvent(ctx context.Context, eventID int64, reviewer string) (ClaimView, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return ClaimView{}, fmt.Errorf("undo decision %d: %w", eventID, err)
	}
	defer tx.Rollback()
	var kind string
	if err := tx.QueryRowContext(ctx, "SELECT kind FROM review_events WHERE id = ?", eventID).Scan(&kind); err == nil &&
		(kind == eventUndo || kind == eventAgreed) {
		return ClaimView{}, invalidf("entry %d is an %s: undo the decision or opinion it followed instead", eventID, kind)
	}
	e, ok, err := latestEvent(ctx, tx, "e.id = ?", eventID)
	if err != nil {
		return ClaimView{}, fmt.Errorf("undo decision %d: %w", eventID, err)
	}
	if s.undoRead != nil {
		s.undoRead()
	}
	if !ok {
		return ClaimView{}, fmt.Errorf("decision %d: %w (undone already, or never made)", eventID, ErrNothingToUndo)
	}
	v, err := currentClaimByKey(ctx, tx, e.Key)
	if err != nil {
		return ClaimView{}, err
	}
	if err := s.undoEvent(ctx, tx, v, e, reviewer); err != nil {
		return ClaimView{}, err
	}
	return commitDecision(ctx, tx, v.ID)
}

// Undone is what UndoLast took back: a decision on a claim, or on an
// entity.
type Undone struct {
	// Claim is the claim as the undo left it, when a claim's.
	Claim *ClaimView
	// Entity is the entity's canonical name, when an entity's.
	Entity string
}

// UndoLast takes back the reviewer's latest decision or opinion, on a
// claim still current or on an entity, that nobody undid.
func (s *Store) UndoLast(ctx context.Context, reviewer string) (Undone, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return Undone{}, fmt.Errorf("undo: %w", err)
	}
	defer tx.Rollback()
	e, claimOK, err := latestEvent(ctx, tx, `e.reviewer = ? AND `+ownEntry+` AND e.with_event IS NULL AND EXISTS (SELECT 1
		FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id WHERE c.key = e.key)`, reviewer)
	if err != nil {
		return Undone{}, fmt.Errorf("undo: %w", err)
	}
	er, entityOK, err := latestEntityReview(ctx, tx, reviewer)
	if err != nil {
		return Undone{}, fmt.Errorf("undo: %w", err)
	}
	if s.undoRead != nil {
		s.undoRead()
	}
	switch {
	case entityOK && (!claimOK || er.DecidedAt.After(e.At)):
		if err := s.undoEntityReview(ctx, tx, er.ID, reviewer); err != nil {
			return Undone{}, err
		}
		if err := tx.Commit(); err != nil {
			return Undone{}, fmt.Errorf("undo: %w", err)
		}
		return Undone{Entity: er.Canonical}, nil
	case claimOK:
		v, err := currentClaimByKey(ctx, tx, e.Key)
		if err != nil {
			return Undone{}, err
		}
		if err := s.undoEvent(ctx, tx, v, e, reviewer); err != nil {
			return Undone{}, err
		}
		after, err := commitDecision(ctx, tx, v.ID)
		if err != nil {
			return Undone{}, err
		}
		return Undone{Claim: &after}, nil
	}
	return Undone{}, fmt.Errorf("%s: %w", reviewer, ErrNothingToUndo)
}

// undoEvent takes back entry e of current claim v's trail, read in tx,
// for reviewer, with the entries made with it: a decision and the one on
// its twin across the headline (twins.go) are undone together, whichever
// of the two is named.
func (s *Store) undoEvent(ctx context.Context, tx *sql.Tx, v ClaimView, e event, reviewer string) error {
	if e.With != 0 {
		root, ok, err := latestEvent(ctx, tx, "e.id = ?", e.With)
		if err != nil {
			return fmt.Errorf("undo claim %d: %w", v.ID, err)
		}
		if ok {
			switch rv, err := currentClaimByKey(ctx, tx, root.Key); {
			case err == nil:
				v, e = rv, root
			case !errors.Is(err, ErrNoClaim):
				return err
			}
		}
	}
	if err := s.undoOne(ctx, tx, v, e, reviewer); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.id FROM review_events e WHERE e.with_event = ?
		AND e.kind IN ('decision', 'opinion') AND `+notUndone+` ORDER BY e.id`, e.ID)
	if err != nil {
		return fmt.Errorf("undo claim %d: %w", v.ID, err)
	}
	var joined []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("undo claim %d: %w", v.ID, err)
		}
		joined = append(joined, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("undo claim %d: %w", v.ID, err)
	}
	for _, id := range joined {
		j, ok, err := latestEvent(ctx, tx, "e.id = ?", id)
		if err != nil {
			return fmt.Errorf("undo claim %d: %w", v.ID, err)
		}
		if !ok {
			continue
		}
		jv, err := currentClaimByKey(ctx, tx, j.Key)
		if errors.Is(err, ErrNoClaim) {
			continue // its run is gone: nothing there to take back
		}
		if err != nil {
			return err
		}
		if err := s.undoOne(ctx, tx, jv, j, reviewer); err != nil {
			return err
		}
	}
	return nil
}

// undoOne takes back entry e of current claim v's trail, read in tx, for
// reviewer.
func (s *Store) undoOne(ctx context.Context, tx *sql.Tx, v ClaimView, e event, reviewer string) error {
	if e.Kind == eventOpinion {
		if _, err := tx.ExecContext(ctx, "DELETE FROM opinions WHERE key = ? AND event_id = ?", e.Key, e.ID); err != nil {
			return fmt.Errorf("undo claim %d: %w", v.ID, err)
		}
		// An agreement the opinion made goes with it.
		if eff, ok, err := effectiveEvent(ctx, tx, v.Key, 0); err != nil {
			return fmt.Errorf("undo claim %d: %w", v.ID, err)
		} else if ok && eff.Kind == eventAgreed {
			if err := s.undoDecision(ctx, tx, v, eff, reviewer); err != nil {
				return err
			}
			if v, err = readClaim(ctx, tx, v.ID); err != nil {
				return err
			}
		}
		_, err := writeEvent(ctx, tx, v, eventUndo, Decision{Action: reviewStatus(v), Reviewer: reviewer}, s.now(), e.ID)
		return err
	}
	return s.undoDecision(ctx, tx, v, e, reviewer)
}

// undoDecision takes back decision (or agreement) e on claim v. The
// review changes only when e is what it says.
func (s *Store) undoDecision(ctx context.Context, tx *sql.Tx, v ClaimView, e event, reviewer string) error {
	eff, ok, err := effectiveEvent(ctx, tx, v.Key, 0)
	if err != nil {
		return fmt.Errorf("undo claim %d: %w", v.ID, err)
	}
	result := Decision{Action: reviewStatus(v), Reviewer: reviewer}
	if ok && eff.ID == e.ID {
		prev, ok, err := effectiveEvent(ctx, tx, v.Key, e.ID)
		if err != nil {
			return fmt.Errorf("undo claim %d: %w", v.ID, err)
		}
		restored := review{Decision: Decision{Action: claimex.Unreviewed}}
		if ok {
			restored = review{Decision: prev.Decision, at: prev.At}
		}
		if err := writeReview(ctx, tx, v, restored); err != nil {
			return err
		}
		result.Action = restored.Action
	}
	_, err = writeEvent(ctx, tx, v, eventUndo, result, s.now(), e.ID)
	return err
}

// reviewStatus is what claim v's review says: its decision, or
// Unreviewed with none.
func reviewStatus(v ClaimView) claimex.Status {
	if v.Decision == "" {
		return claimex.Unreviewed
	}
	return v.Decision
}

// effectiveEvent is the decision or agreement on key that the review
// follows: the latest that nobody undid, leaving out entry except.
func effectiveEvent(ctx context.Context, q queryer, key string, except int64) (event, bool, error) {
	return latestEvent(ctx, q, "e.key = ? AND e.kind IN ('decision', 'agreed') AND e.id <> ?", key, except)
}

// latestEvent is the latest entry of the trail that nobody undid and
// that where (on review_events e) selects.
func latestEvent(ctx context.Context, q queryer, where string, args ...any) (event, bool, error) {
	row := q.QueryRowContext(ctx, "SELECT "+eventColumns+" FROM review_events e WHERE "+where+
		" AND e.kind <> 'undo' AND "+notUndone+" ORDER BY e.id DESC LIMIT 1", args...)
	e, err := scanEvent(row)
	if errors.Is(err, sql.ErrNoRows) {
		return event{}, false, nil
	}
	return e, err == nil, err
}

// currentClaimByKey reads the current claim with key.
func currentClaimByKey(ctx context.Context, q queryer, key string) (ClaimView, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		WHERE c.key = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return ClaimView{}, fmt.Errorf("claim %s: %w", key, ErrNoClaim)
	}
	if err != nil {
		return ClaimView{}, fmt.Errorf("read claim %s: %w", key, err)
	}
	return readClaim(ctx, q, id)
}
