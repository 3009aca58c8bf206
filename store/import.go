package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/claimex/claimex"
)

// StoredDocument returns the document with this hash, with its text and
// metadata but not its raw bytes; ok is false when none is stored.
func (s *Store) StoredDocument(ctx context.Context, hash string) (d claimex.Document, ok bool, err error) {
	var ingested, fetched string
	err = s.db.QueryRowContext(ctx, `SELECT id, hash, source, format, title, published, byline, site, url, lang, text,
		COALESCE(run_id, 0), ingested_at, content_type, body_start, fetched_at FROM documents WHERE hash = ?`, hash).
		Scan(&d.ID, &d.Hash, &d.Source, &d.Format, &d.Title, &d.Published, &d.Byline, &d.Site, &d.URL, &d.Lang,
			&d.Text, &d.RunID, &ingested, &d.ContentType, &d.BodyStart, &fetched)
	if errors.Is(err, sql.ErrNoRows) {
		return claimex.Document{}, false, nil
	}
	if err != nil {
		return claimex.Document{}, false, fmt.Errorf("look up document %s: %w", hash, err)
	}
	d.IngestedAt, d.FetchedAt = parseTime(ingested), parseTime(fetched)
	return d, true, nil
}

// CurrentClaims returns a document's current claims as extraction made
// them (names as the document gave them, no review), in text order.
func (s *Store) CurrentClaims(ctx context.Context, docID int64) ([]claimex.Claim, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.key, c.run_id, c.kind, c.category, c.value, c.value_max,
		c.qualifier, c.vague, c.subject, c.entity_type, c.canonical, c.role, c.attribution, c.location, c.text,
		c.start, c."end", c.sentence_start, c.sentence_end, c.prefix, c.suffix, c.rule
		FROM claims c JOIN documents d ON d.id = c.document_id AND d.run_id = c.run_id
		WHERE d.id = ? ORDER BY c.start, c.id`, docID)
	if err != nil {
		return nil, fmt.Errorf("read claims of document %d: %w", docID, err)
	}
	defer rows.Close()
	var out []claimex.Claim
	for rows.Next() {
		c := claimex.Claim{DocumentID: docID}
		if err := rows.Scan(&c.ID, &c.Key, &c.RunID, &c.Kind, &c.Category, &c.Value, &c.ValueMax, &c.Qualifier,
			&c.Vague, &c.Subject, &c.EntityType, &c.Canonical, &c.Role, &c.Attribution, &c.Location, &c.Text,
			&c.Start, &c.End, &c.SentenceStart, &c.SentenceEnd, &c.Prefix, &c.Suffix, &c.Rule); err != nil {
			return nil, fmt.Errorf("read claims of document %d: %w", docID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// RecordImportedFailures records failures that a shard reports, unless
// their source is recorded as failed already: importing a shard again
// changes nothing. It returns how many it
// recorded.
func (s *Store) RecordImportedFailures(ctx context.Context, runID int64, fs []Failure) (int, error) {
	if len(fs) == 0 {
		return 0, nil
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("record failures: %w", err)
	}
	defer tx.Rollback()
	run := sql.NullInt64{Int64: runID, Valid: runID > 0}
	now := timeText(s.now())
	n := 0
	for _, f := range fs {
		res, err := tx.ExecContext(ctx, `INSERT INTO failures (source, stage, reason, run_id, at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (source) DO NOTHING`, f.Source, f.Stage, f.Reason, run, now)
		if err != nil {
			return 0, fmt.Errorf("record failure of %s: %w", f.Source, err)
		}
		k, _ := res.RowsAffected()
		n += int(k)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("record failures: %w", err)
	}
	return n, nil
}
