package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/claimex/claimex"
)

// First returns the first claim f selects, and whether there is one.
func (s *Store) First(ctx context.Context, f ClaimFilter) (ClaimView, bool, error) {
	f.Limit = 1
	var out ClaimView
	found := false
	err := s.Claims(ctx, f, func(v ClaimView) error { out, found = v, true; return nil })
	return out, found, err
}

// Claim returns one current claim by id.
func (s *Store) Claim(ctx context.Context, id int64) (ClaimView, error) { return s.claim(ctx, id) }

// StatusCounts counts the items of the review queue of a kind ("" for
// all) by review status: the current claims, less the headline's figures
// the body states again, which are reviewed with the body's claims.
func (s *Store) StatusCounts(ctx context.Context, kind claimex.Kind) (map[claimex.Status]int, error) {
	counts, _, err := s.QueueTallies(ctx, kind)
	return counts, err
}

// CountQueues counts the claims of kind waiting in the flagged and
// adjudication queues, and those with one opinion.
func (s *Store) CountQueues(ctx context.Context, kind claimex.Kind) (QueueCounts, error) {
	_, qc, err := s.QueueTallies(ctx, kind)
	return qc, err
}

// QueueTallies is StatusCounts and CountQueues at once, in one pass over
// the claims, as a page of the queue shows both.
func (s *Store) QueueTallies(ctx context.Context, kind claimex.Kind) (map[claimex.Status]int, QueueCounts, error) {
	// Flags and opinions are looked up for the claims still to review
	// only (NULL for the others).
	rows, err := s.db.QueryContext(ctx, `SELECT t.st, COUNT(*),
			SUM(CASE WHEN t.flagged THEN 1 ELSE 0 END),
			SUM(CASE WHEN t.opinions >= 2 THEN 1 ELSE 0 END),
			SUM(CASE WHEN t.opinions = 1 THEN 1 ELSE 0 END)
		FROM (SELECT p.st,
				CASE WHEN p.st IN ('unreviewed', 'changed') THEN EXISTS (SELECT 1 FROM flags f WHERE f.key = p.key) END AS flagged,
				CASE WHEN p.st IN ('unreviewed', 'changed')
					THEN (SELECT COUNT(*) FROM opinions o WHERE o.key = p.key AND o.fingerprint = p.fingerprint) END AS opinions
			FROM (SELECT `+statusExpr+` AS st, c.key, c.fingerprint`+queueFrom+`
				WHERE (?1 = '' OR c.kind = ?1) AND NOT `+echoExpr+`) p) t
		GROUP BY t.st`, kind)
	if err != nil {
		return nil, QueueCounts{}, fmt.Errorf("count claims: %w", err)
	}
	defer rows.Close()
	out := map[claimex.Status]int{}
	var qc QueueCounts
	for rows.Next() {
		var st claimex.Status
		var n, flagged, adjudicate, halfway int
		if err := rows.Scan(&st, &n, &flagged, &adjudicate, &halfway); err != nil {
			return nil, QueueCounts{}, fmt.Errorf("count claims: %w", err)
		}
		out[st] = n
		qc.Flagged, qc.Adjudicate, qc.Halfway = qc.Flagged+flagged, qc.Adjudicate+adjudicate, qc.Halfway+halfway
	}
	if err := rows.Err(); err != nil {
		return nil, QueueCounts{}, fmt.Errorf("count claims: %w", err)
	}
	return out, qc, nil
}

// ErrNoDocument reports a document id not stored.
var ErrNoDocument = errors.New("no document with that id")

// Document returns one document with its clean text, without raw bytes.
func (s *Store) Document(ctx context.Context, id int64) (claimex.Document, error) {
	docs, err := s.DocumentsAfter(ctx, id-1, 1, 0)
	if err != nil {
		return claimex.Document{}, err
	}
	if len(docs) == 0 || docs[0].ID != id {
		return claimex.Document{}, fmt.Errorf("document %d: %w", id, ErrNoDocument)
	}
	return docs[0], nil
}
