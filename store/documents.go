package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/claimex/claimex"
	"github.com/klauspost/compress/gzip"
)

// HasDocument reports whether an input with this hash is stored.
func (s *Store) HasDocument(ctx context.Context, hash string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM documents WHERE hash = ?", hash).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("look up document: %w", err)
	}
	return true, nil
}

// DocumentCount returns how many documents are stored.
func (s *Store) DocumentCount(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM documents").Scan(&n); err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return n, nil
}

// DocumentSummary is a document with how many current claims it has.
type DocumentSummary struct {
	ID        int64
	Source    string
	Title     string
	Published string
	Counts    int
	Entities  int
}

// DocumentSummaries lists every document with its current claim counts,
// in ingest order.
func (s *Store) DocumentSummaries(ctx context.Context) ([]DocumentSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.source, d.title, d.published,
		COUNT(c.id) FILTER (WHERE c.kind = 'count'), COUNT(c.id) FILTER (WHERE c.kind = 'entity')
		FROM documents d LEFT JOIN claims c ON c.document_id = d.id AND c.run_id = d.run_id
		GROUP BY d.id ORDER BY d.id`)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	var out []DocumentSummary
	for rows.Next() {
		var d DocumentSummary
		if err := rows.Scan(&d.ID, &d.Source, &d.Title, &d.Published, &d.Counts, &d.Entities); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Documents calls fn for every document, in ingest order, with its clean
// text and metadata; raw bytes are loaded only when withRaw is set. It
// reads in pages, so no read transaction stays open while fn works.
func (s *Store) Documents(ctx context.Context, withRaw bool, fn func(claimex.Document) error) error {
	var after int64
	for {
		parts := Parts(0)
		if withRaw {
			parts = WithRaw
		}
		page, err := s.DocumentsAfter(ctx, after, 256, parts)
		if err != nil {
			return err
		}
		for _, d := range page {
			if err := fn(d); err != nil {
				return err
			}
		}
		if len(page) < 256 {
			return nil
		}
		after = page[len(page)-1].ID
	}
}

// Parts says which large parts of a document to read besides its text.
type Parts int

// Document parts.
const (
	WithRaw Parts = 1 << iota
	WithAnalysis
)

// DocumentsAfter returns up to limit documents whose id is greater than
// after, in id order, with the parts asked for.
func (s *Store) DocumentsAfter(ctx context.Context, after int64, limit int, parts Parts) ([]claimex.Document, error) {
	raw, analysis := "NULL", "NULL"
	if parts&WithRaw != 0 {
		raw = "raw"
	}
	if parts&WithAnalysis != 0 {
		analysis = "analysis"
	}
	withRaw := parts&WithRaw != 0
	rows, err := s.db.QueryContext(ctx, `SELECT id, hash, source, format, title, published, byline, site, url,
		lang, text, COALESCE(run_id, 0), ingested_at, content_type, body_start, fetched_at, `+raw+`, `+analysis+`
		FROM documents WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	defer rows.Close()
	var out []claimex.Document
	for rows.Next() {
		var d claimex.Document
		var ingested, fetched string
		var packed []byte
		if err := rows.Scan(&d.ID, &d.Hash, &d.Source, &d.Format, &d.Title, &d.Published, &d.Byline, &d.Site,
			&d.URL, &d.Lang, &d.Text, &d.RunID, &ingested, &d.ContentType, &d.BodyStart, &fetched, &packed, &d.Analysis); err != nil {
			return nil, fmt.Errorf("read documents: %w", err)
		}
		d.IngestedAt = parseTime(ingested)
		d.FetchedAt = parseTime(fetched)
		if withRaw {
			if d.Raw, err = unpack(packed); err != nil {
				return nil, fmt.Errorf("read document %d: raw bytes: %w", d.ID, err)
			}
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// gzipWriters keeps compressors between documents: making one costs
// more than compressing a page.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	return zw
}}

// pack compresses raw input bytes for storage.
func pack(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b)/4 + 64)
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func unpack(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
