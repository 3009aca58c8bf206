package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// The migrations are numbered SQL files, the same numbers on both
// databases. migrations/NNNN_*.sql is SQLite's; where PostgreSQL needs
// other SQL for a step, migrations/postgres/NNNN_*.sql holds it, with the
// same name, and PostgreSQL takes the common file for the others.
//
//go:embed migrations/*.sql migrations/postgres/*.sql
var migrations embed.FS

// migration is one schema step; its version is the number its file name
// starts with.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the migrations of dialect d, in order.
func loadMigrations(d *dialect) ([]migration, error) {
	out, err := readMigrations("migrations")
	if err != nil {
		return nil, err
	}
	if d == nil || !d.postgres {
		return out, nil
	}
	own, err := readMigrations("migrations/postgres")
	if err != nil {
		return nil, err
	}
	for _, m := range own {
		if m.version > len(out) || out[m.version-1].name != m.name {
			return nil, fmt.Errorf("migration postgres/%s: no common migration has its name", m.name)
		}
		out[m.version-1] = m
	}
	return out, nil
}

func readMigrations(dir string) ([]migration, error) {
	names, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, name := range names {
		base := path.Base(name)
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", base)
		}
		b, err := migrations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	if dir != "migrations" {
		return out, nil
	}
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int {
	ms, err := loadMigrations(nil)
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate applies, in order and each in its own transaction, the
// migrations newer than the database's schema version.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations(s.d)
	if err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	current, err := s.schemaVersion(ctx, conn)
	if err != nil {
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("database schema version %d is newer than this claimex (%d); upgrade claimex", current, len(ms))
	}
	for _, m := range ms[current:] {
		if err := s.applyMigration(ctx, conn, m); err != nil {
			return err
		}
	}
	return nil
}

// applyMigration applies m in a transaction of its own, unless another
// process applied it meanwhile.
func (s *Store) applyMigration(ctx context.Context, conn *sql.Conn, m migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.d.postgres {
		// Processes opening one database migrate it one at a time.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", int64(pgMigrateLock)); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	// The version is re-read under the lock: another process may have
	// migrated since.
	now, err := s.schemaVersion(ctx, tx)
	if err != nil {
		return err
	}
	if now >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	set := fmt.Sprintf("PRAGMA user_version = %d", m.version)
	if s.d.postgres {
		set = fmt.Sprintf(`CREATE TABLE IF NOT EXISTS claimex_schema (version INTEGER NOT NULL);
			DELETE FROM claimex_schema; INSERT INTO claimex_schema (version) VALUES (%d)`, m.version)
	}
	if _, err := tx.ExecContext(ctx, set); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	return nil
}
