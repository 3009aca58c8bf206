package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// copyTables are the tables CopyTo moves, parents before children. Leases
// and skips are left behind: they hold for minutes, and a moved desk
// starts with none.
var copyTables = []string{"runs", "documents", "claims", "staged_documents", "reviews", "review_events", "entity_names",
	"entity_corrections", "fetches", "failures", "state", "reviewers", "flags", "opinions", "entity_reviews",
	"entity_review_names", "events", "event_documents", "event_corrections"}

// identityTables are the tables whose ids PostgreSQL gives.
var identityTables = []string{"runs", "documents", "claims", "reviews", "review_events", "entity_corrections", "reviewers",
	"entity_reviews", "event_corrections"}

// ErrNotEmpty refuses to copy into a database that holds data.
var ErrNotEmpty = errors.New("the database to copy into is not empty")

// CopyTo copies the whole of s into to, a PostgreSQL database that holds
// no documents or runs yet, in one transaction of to's: every row with
// its id, so that reviews, corrections and the audit trail keep pointing
// where they did. The fingerprints of reviews and opinions are written
// again in to's form, so that what was carried stays carried. It returns
// how many rows of each table it copied.
func (s *Store) CopyTo(ctx context.Context, to *Store) (map[string]int64, error) {
	if !to.d.postgres || s.d.postgres {
		return nil, fmt.Errorf("copy: from SQLite to PostgreSQL only")
	}
	// One connection of to's, in one transaction, which COPY joins.
	conn, err := to.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	tx := conn
	if err := lockWriters(ctx, tx); err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM runs)").Scan(&n); err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	if n > 0 {
		return nil, fmt.Errorf("copy to %s: %w (it has documents or runs)", to.path, ErrNotEmpty)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM state"); err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	counts := map[string]int64{}
	for _, table := range copyTables {
		k, err := s.copyTable(ctx, tx, table)
		if err != nil {
			return nil, fmt.Errorf("copy %s: %w", table, err)
		}
		counts[table] = k
	}
	for _, table := range []string{"reviews", "opinions"} {
		if err := refingerprint(ctx, tx, table); err != nil {
			return nil, fmt.Errorf("copy %s: %w", table, err)
		}
	}
	for _, table := range identityTables {
		// Ids given from here on follow the largest copied.
		if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'), MAX(id))
			FROM `+table+` HAVING MAX(id) IS NOT NULL`); err != nil {
			return nil, fmt.Errorf("copy %s: %w", table, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "COMMIT"); err != nil {
		return nil, fmt.Errorf("copy: %w", err)
	}
	committed = true
	return counts, nil
}

// copyTable copies table from s into tx's database with COPY: the
// columns the target writes (its generated ones it computes).
func (s *Store) copyTable(ctx context.Context, tx *sql.Conn, table string) (int64, error) {
	cols, err := writableColumns(ctx, tx, table)
	if err != nil {
		return 0, err
	}
	src, err := s.db.QueryContext(ctx, "SELECT * FROM "+table+" LIMIT 0")
	if err != nil {
		return 0, err
	}
	have, err := src.Columns()
	src.Close()
	if err != nil {
		return 0, err
	}
	cols = slices.DeleteFunc(cols, func(c string) bool { return !slices.Contains(have, c) })
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = `"` + c + `"`
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+joinComma(quoted)+" FROM "+table+" ORDER BY rowid")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var copied int64
	err = rawPgx(tx, func(c *pgx.Conn) error {
		copied, err = c.CopyFrom(ctx, pgx.Identifier{table}, cols, &rowsSource{rows: rows, n: len(cols)})
		return err
	})
	return copied, err
}

// writableColumns lists the columns of a PostgreSQL table that are not
// generated.
func writableColumns(ctx context.Context, tx queryer, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// rawPgx runs fn on conn's pgx connection.
func rawPgx(conn *sql.Conn, fn func(*pgx.Conn) error) error {
	return conn.Raw(func(dc any) error {
		pc, ok := dc.(*pgConn)
		if !ok {
			return errors.New("not a PostgreSQL connection")
		}
		return fn(pc.pgx())
	})
}

// rowsSource feeds sql.Rows to CopyFrom.
type rowsSource struct {
	rows *sql.Rows
	n    int
	vals []any
	err  error
}

func (r *rowsSource) Next() bool {
	if !r.rows.Next() {
		return false
	}
	r.vals = make([]any, r.n)
	ptrs := make([]any, r.n)
	for i := range r.vals {
		ptrs[i] = &r.vals[i]
	}
	r.err = r.rows.Scan(ptrs...)
	return r.err == nil
}

func (r *rowsSource) Values() ([]any, error) { return r.vals, r.err }

func (r *rowsSource) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.rows.Err()
}

// refingerprint writes the fingerprints of a table's rows (reviews,
// opinions), copied in SQLite's form, in PostgreSQL's: the same fields,
// as claimex_fingerprint writes them. One that is not a fingerprint
// (empty: a review older than fingerprints) stays as it is.
func refingerprint(ctx context.Context, tx *sql.Conn, table string) error {
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT fingerprint FROM "+table+" WHERE fingerprint <> ''")
	if err != nil {
		return err
	}
	var fps []string
	for rows.Next() {
		var fp string
		if err := rows.Scan(&fp); err != nil {
			rows.Close()
			return err
		}
		fps = append(fps, fp)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, fp := range fps {
		var f []any
		if json.Unmarshal([]byte(fp), &f) != nil || len(f) != 11 {
			continue
		}
		args := append([]any{}, f...)
		args = append(args, fp)
		if _, err := tx.ExecContext(ctx, "UPDATE "+table+` SET fingerprint = claimex_fingerprint(?::text, ?::text,
			?::float8, ?::float8, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text) WHERE fingerprint = ?`,
			args...); err != nil {
			return err
		}
	}
	return nil
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}
