package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/claimex/claimex"
)

// Entry is a cleaned document with its claims, ready to store. NewEntry
// compresses the raw bytes, so that work happens on the caller's
// goroutine rather than in the single writer.
type Entry struct {
	Doc    claimex.Document
	Claims []claimex.Claim
	// Fetch, when the document came from a URL, is recorded in the same
	// transaction as the document.
	Fetch *claimex.Fetch
	// packed is the raw bytes compressed, rawSize their length: the
	// entry does not keep the raw bytes themselves, which are most of a
	// page's size, while it waits in a batch.
	packed  []byte
	rawSize int
}

// NewEntry prepares doc and its claims for WriteEntries. The entry's Doc
// keeps no raw bytes (Raw is nil): they are held compressed.
func NewEntry(doc claimex.Document, claims []claimex.Claim) (Entry, error) {
	packed, err := pack(doc.Raw)
	if err != nil {
		return Entry{}, fmt.Errorf("compress %s: %w", doc.Source, err)
	}
	size := len(doc.Raw)
	doc.Raw = nil
	return Entry{Doc: doc, Claims: claims, packed: packed, rawSize: size}, nil
}

// Written says what became of one entry.
type Written struct {
	Source string
	ID     int64
	// Duplicate is set when a document with the same hash was already
	// stored (by another input of the same batch or another process); the
	// entry was then not written.
	Duplicate bool
	Claims    int
}

// WriteEntries stores a batch of new documents and their claims as claims
// of run runID, in one transaction: all of the batch is stored or none.
func (s *Store) WriteEntries(ctx context.Context, runID int64, batch []Entry) ([]Written, error) {
	tx, err := s.beginBulk(ctx)
	if err != nil {
		return nil, fmt.Errorf("write documents: %w", err)
	}
	defer tx.end()
	if err := runGoing(ctx, tx.queryer, runID); err != nil {
		return nil, fmt.Errorf("write documents: %w", err)
	}
	docStmt, err := tx.PrepareContext(ctx, `INSERT INTO documents (hash, source, format, raw, raw_size, title,
		published, byline, site, url, lang, text, run_id, ingested_at, content_type, body_start, analysis, fetched_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING RETURNING id`)
	if err != nil {
		return nil, fmt.Errorf("write documents: %w", err)
	}
	defer docStmt.Close()

	now := timeText(time.Now())
	out := make([]Written, 0, len(batch))
	for _, e := range batch {
		d := e.Doc
		w := Written{Source: d.Source}
		err := docStmt.QueryRowContext(ctx, d.Hash, d.Source, d.Format, e.packed, e.rawSize, d.Title, d.Published,
			d.Byline, d.Site, d.URL, d.Lang, d.Text, runID, now, d.ContentType, d.BodyStart, d.Analysis,
			fetchedText(d.FetchedAt)).Scan(&w.ID)
		if e.Fetch != nil && (err == nil || errors.Is(err, sql.ErrNoRows)) {
			if ferr := recordFetch(ctx, tx, *e.Fetch); ferr != nil {
				return nil, fmt.Errorf("write %s: %w", d.Source, ferr)
			}
		}
		if errors.Is(err, sql.ErrNoRows) {
			w.Duplicate = true
			out = append(out, w)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", d.Source, err)
		}
		for _, c := range e.Claims {
			if err := tx.addClaim(ctx, w.ID, runID, c); err != nil {
				return nil, fmt.Errorf("write %s: claim: %w", d.Source, err)
			}
		}
		w.Claims = len(e.Claims)
		out = append(out, w)
	}
	sources := make([]string, len(batch))
	for i, e := range batch {
		sources[i] = e.Doc.Source
	}
	if err := clearFailures(ctx, tx, sources); err != nil {
		return nil, fmt.Errorf("write documents: %w", err)
	}
	if err := bumpClaimsVersion(ctx, tx); err != nil {
		return nil, fmt.Errorf("write documents: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("write documents: commit: %w", err)
	}
	return out, nil
}

func prepareClaimInsert(ctx context.Context, tx *sql.Tx) (*sql.Stmt, error) {
	return tx.PrepareContext(ctx, `INSERT INTO claims (key, document_id, run_id, kind, category, value, value_max,
		qualifier, vague, subject, entity_type, canonical, role, attribution, location, text, start, "end",
		sentence_start, sentence_end, prefix, suffix, rule)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
}

func insertClaim(ctx context.Context, stmt *sql.Stmt, docID, runID int64, c claimex.Claim) error {
	_, err := stmt.ExecContext(ctx, c.Key, docID, runID, c.Kind, c.Category, c.Value, c.ValueMax, c.Qualifier,
		c.Vague, c.Subject, c.EntityType, c.Canonical, c.Role, c.Attribution, c.Location, c.Text, c.Start, c.End,
		c.SentenceStart, c.SentenceEnd, c.Prefix, c.Suffix, c.Rule)
	return err
}
