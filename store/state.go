package store

import (
	"context"
	"fmt"
)

// bumpClaimsVersion records, inside a transaction that changed claims,
// that the entity resolution stored may no longer match them.
func bumpClaimsVersion(ctx context.Context, db execer) error {
	if _, err := db.ExecContext(ctx, "UPDATE state SET value = value + 1 WHERE name = 'claims_version'"); err != nil {
		return fmt.Errorf("record claims version: %w", err)
	}
	return nil
}

// ClaimsVersion is a number that grows with every write of claims. Read
// it before reading what a derived table is computed from, and hand it to
// the writer of that table.
func (s *Store) ClaimsVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.db.QueryRowContext(ctx, "SELECT value FROM state WHERE name = 'claims_version'").Scan(&v); err != nil {
		return 0, fmt.Errorf("read claims version: %w", err)
	}
	return v, nil
}

// EntitiesStale reports whether claims were written since the entity
// resolution stored was computed: by a process killed before it could
// resolve, or by another process still at work.
func (s *Store) EntitiesStale(ctx context.Context) (bool, error) {
	var stale bool
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT value FROM state WHERE name = 'claims_version') >
		(SELECT value FROM state WHERE name = 'entities_version')`).Scan(&stale)
	if err != nil {
		return false, fmt.Errorf("read entities version: %w", err)
	}
	return stale, nil
}
