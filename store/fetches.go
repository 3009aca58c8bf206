package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/claimex/claimex"
)

// execer is what both a database and a transaction can run.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// LastFetch returns what was last retrieved from url, if its document is
// still stored; ok is false when the URL is new or its document is gone,
// and the page must then be fetched whole.
func (s *Store) LastFetch(ctx context.Context, url string) (f claimex.Fetch, ok bool, err error) {
	var at string
	err = s.db.QueryRowContext(ctx, `SELECT f.url, f.final_url, f.etag, f.last_modified, f.hash, f.fetched_at
		FROM fetches f JOIN documents d ON d.hash = f.hash WHERE f.url = ?`, url).
		Scan(&f.URL, &f.FinalURL, &f.ETag, &f.LastModified, &f.Hash, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return claimex.Fetch{}, false, nil
	}
	if err != nil {
		return claimex.Fetch{}, false, fmt.Errorf("look up fetch of %s: %w", url, err)
	}
	f.FetchedAt = parseTime(at)
	return f, true, nil
}

// RecordFetches notes retrievals whose documents are already stored (the
// server said "not modified", or sent bytes stored before).
func (s *Store) RecordFetches(ctx context.Context, fs []claimex.Fetch) error {
	if len(fs) == 0 {
		return nil
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("record fetches: %w", err)
	}
	defer tx.Rollback()
	for _, f := range fs {
		if err := recordFetch(ctx, tx, f); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record fetches: commit: %w", err)
	}
	return nil
}

func recordFetch(ctx context.Context, db execer, f claimex.Fetch) error {
	if f.FetchedAt.IsZero() {
		f.FetchedAt = time.Now()
	}
	_, err := db.ExecContext(ctx, `INSERT INTO fetches (url, final_url, etag, last_modified, hash, fetched_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url,
		etag = excluded.etag, last_modified = excluded.last_modified, hash = excluded.hash,
		fetched_at = excluded.fetched_at`, f.URL, f.FinalURL, f.ETag, f.LastModified, f.Hash, timeText(f.FetchedAt))
	if err != nil {
		return fmt.Errorf("record fetch of %s: %w", f.URL, err)
	}
	return nil
}
