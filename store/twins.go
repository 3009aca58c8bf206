package store

import (
	"context"
	"fmt"
)

// A figure a document's headline states is stated again in its body
// ("225 Dead" / "225 dead"): the two claims are one item to review. The
// headline's claim is an echo of the first claim after the headline with
// the same category and figure (value, upper value, qualifier, vague
// amount); a decision on either is a decision on both, each under its
// own key, and the review queue shows the body's claim only.

// headlineEnd is the SQL for where the headline of document d ends, in
// code points: the body's start when cleaning recorded one, else the
// title's length when the text begins with the title, else 0 (no
// headline). The database computes it from the row (migration 0014).
const headlineEnd = `d.headline_end`

// sameFigure is the SQL condition that claim b states the figure of claim
// c in the same document and run.
const sameFigure = `b.document_id = c.document_id AND b.run_id = c.run_id AND b.kind = 'count' AND b.id <> c.id
	AND b.category = c.category AND b.value IS NOT DISTINCT FROM c.value AND b.value_max IS NOT DISTINCT FROM c.value_max AND b.qualifier = c.qualifier
	AND b.vague IS NOT DISTINCT FROM c.vague`

// echoExpr is the SQL condition that current claim c (of document d) is
// a headline's echo of a claim of the body.
const echoExpr = `(c.kind = 'count' AND c.start < ` + headlineEnd + ` AND EXISTS (SELECT 1 FROM claims b
	WHERE ` + sameFigure + ` AND b.start >= ` + headlineEnd + `))`

// twins returns the claims of the same figure as current claim id on the
// other side of its document's headline: for a headline's claim, the
// body's claim it echoes; for a body's claim, the headline's claims that
// echo it. Most claims have none.
func twins(ctx context.Context, q queryer, id int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT b.id FROM claims c
		JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		JOIN claims b ON `+sameFigure+`
		WHERE c.id = ?1 AND c.kind = 'count' AND (
			-- c in the headline, b the first of the figure in the body
			c.start < `+headlineEnd+` AND b.id = (SELECT b2.id FROM claims b2 WHERE b2.document_id = c.document_id
				AND b2.run_id = c.run_id AND b2.kind = 'count' AND b2.category = c.category AND b2.value IS NOT DISTINCT FROM c.value
				AND b2.value_max IS NOT DISTINCT FROM c.value_max AND b2.qualifier = c.qualifier AND b2.vague IS NOT DISTINCT FROM c.vague
				AND b2.start >= `+headlineEnd+` ORDER BY b2.start, b2.id LIMIT 1)
			-- c the first of the figure in the body, b in the headline
			OR b.start < `+headlineEnd+` AND c.start >= `+headlineEnd+` AND NOT EXISTS (SELECT 1 FROM claims b3
				WHERE b3.document_id = c.document_id AND b3.run_id = c.run_id AND b3.kind = 'count'
				AND b3.category = c.category AND b3.value IS NOT DISTINCT FROM c.value AND b3.value_max IS NOT DISTINCT FROM c.value_max
				AND b3.qualifier = c.qualifier AND b3.vague IS NOT DISTINCT FROM c.vague AND b3.start >= `+headlineEnd+`
				AND (b3.start < c.start OR b3.start = c.start AND b3.id < c.id)))
		ORDER BY b.start, b.id`, id)
	if err != nil {
		return nil, fmt.Errorf("read claim %d's twins: %w", id, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var t int64
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("read claim %d's twins: %w", id, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Twins returns the claims of the same figure as claim id across its
// document's headline (see twins): they are reviewed with it.
func (s *Store) Twins(ctx context.Context, id int64) ([]ClaimView, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("read claim %d's twins: %w", id, err)
	}
	defer conn.Close()
	ids, err := twins(ctx, conn, id)
	if err != nil {
		return nil, err
	}
	var out []ClaimView
	for _, t := range ids {
		v, err := readClaim(ctx, conn, t)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
