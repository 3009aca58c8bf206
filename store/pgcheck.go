package store

import (
	"context"
	"fmt"
	"strings"
)

// pgCheck is PostgreSQL's counterpart of quickCheck, cheap enough for
// every write command's open: every index of claimex's tables must be
// valid and ready (a CREATE INDEX CONCURRENTLY that failed, or a damaged
// index marked so, leaves one that is not), and every constraint
// validated. A database that fails is refused with ErrCorrupt before
// anything is written to it.
func (s *Store) pgCheck(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT 'index ' || c.relname || ' is not valid' FROM pg_catalog.pg_index i
		JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
		JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)
		UNION ALL
		SELECT 'constraint ' || co.conname || ' is not validated' FROM pg_catalog.pg_constraint co
		JOIN pg_catalog.pg_namespace n ON n.oid = co.connamespace
		WHERE n.nspname = current_schema() AND NOT co.convalidated
		ORDER BY 1 LIMIT 5`)
	if err != nil {
		return fmt.Errorf("check %s: %w", s.path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return fmt.Errorf("check %s: %w", s.path, err)
		}
		problems = append(problems, p)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check %s: %w", s.path, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %w (%s); nothing was written to it: rebuild what is named (REINDEX INDEX, "+
			"ALTER TABLE ... VALIDATE CONSTRAINT) or restore it from a pg_dump backup", s.path, ErrCorrupt,
			strings.Join(problems, "; "))
	}
	return nil
}
