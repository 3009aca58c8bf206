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
	rows, err := s.db.QueryContext(ctx, `SELECT `+statusExpr+` AS st, COUNT(*) FROM claims c
		JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		LEFT JOIN reviews r ON r.key = c.key
		WHERE (? = '' OR c.kind = ?) AND NOT `+echoExpr+` GROUP BY st`, kind, kind)
	if err != nil {
		return nil, fmt.Errorf("count claims: %w", err)
	}
	defer rows.Close()
	out := map[claimex.Status]int{}
	for rows.Next() {
		var st claimex.Status
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
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
