package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/claimex/claimex"
	"github.com/jackc/pgx/v5"
)

// bulkTx is the transaction of a bulk write (new documents, a run's
// staged claims). Its claims go in with claimSink: on SQLite row by row
// through one prepared statement; on PostgreSQL with COPY (pgx's
// CopyFrom), in the same transaction, which needs the connection itself:
// so there the transaction is begun on a connection of its own, with
// BEGIN and COMMIT.
type bulkTx struct {
	execer
	queryer
	prepareFn func(ctx context.Context, query string) (*sql.Stmt, error)
	commit    func() error
	end       func()
	conn      *sql.Conn // PostgreSQL
	claims    []claimRow
	stmt      *sql.Stmt // SQLite's claim insert
}

// claimRow is a claim to write, with its document and run.
type claimRow struct {
	doc, run int64
	c        claimex.Claim
}

// beginBulk starts a bulk write under the writers' lock: on PostgreSQL
// shared with decisions and leases, alone among bulk writes (lockBulk).
func (s *Store) beginBulk(ctx context.Context) (*bulkTx, error) {
	if !s.d.postgres {
		tx, err := s.begin(ctx)
		if err != nil {
			return nil, err
		}
		stmt, err := prepareClaimInsert(ctx, tx)
		if err != nil {
			tx.Rollback()
			return nil, err
		}
		return &bulkTx{execer: tx, queryer: tx, prepareFn: tx.PrepareContext, commit: tx.Commit, stmt: stmt,
			end: func() { stmt.Close(); tx.Rollback() }}, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	b := &bulkTx{execer: conn, queryer: conn, prepareFn: conn.PrepareContext, conn: conn}
	done := false
	b.commit = func() error {
		_, err := conn.ExecContext(ctx, "COMMIT")
		done = err == nil
		return err
	}
	b.end = func() {
		if !done {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
		conn.Close()
	}
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		b.end()
		return nil, err
	}
	stop := s.noticeLockWait()
	err = lockBulk(ctx, conn)
	stop()
	if err != nil {
		b.end()
		return nil, err
	}
	return b, nil
}

// addClaim writes claim c of document doc and run run: at once on
// SQLite, at commit on PostgreSQL.
func (b *bulkTx) addClaim(ctx context.Context, doc, run int64, c claimex.Claim) error {
	if b.stmt != nil {
		return insertClaim(ctx, b.stmt, doc, run, c)
	}
	b.claims = append(b.claims, claimRow{doc: doc, run: run, c: c})
	return nil
}

// claimColumns are the columns addClaim writes, in insertClaim's order.
var claimColumns = []string{"key", "document_id", "run_id", "kind", "category", "value", "value_max", "qualifier",
	"vague", "subject", "entity_type", "canonical", "role", "attribution", "location", "text", "start", "end",
	"sentence_start", "sentence_end", "prefix", "suffix", "rule"}

// flush writes the claims held (PostgreSQL): copied (COPY) into a
// staging table of the transaction, then inserted into claims from there,
// each unless its document and run already hold a claim of its key, so
// that a batch written again (an import of a shard read before) adds
// nothing. The staging table is dropped at once and in any case at
// commit. Claims keep the order they were given in (ord), as their ids.
func (b *bulkTx) flush(ctx context.Context) error {
	if len(b.claims) == 0 {
		return nil
	}
	rows := b.claims
	b.claims = nil
	if _, err := b.conn.ExecContext(ctx, createStagedClaims); err != nil {
		return fmt.Errorf("stage claims: %w", err)
	}
	err := rawPgx(b.conn, func(c *pgx.Conn) error {
		_, err := c.CopyFrom(ctx, pgx.Identifier{"claims_staged"}, stagedClaimColumns, pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
			r := rows[i]
			c := r.c
			return []any{int64(i), c.Key, r.doc, r.run, string(c.Kind), string(c.Category), c.Value, c.ValueMax, string(c.Qualifier),
				c.Vague, c.Subject, c.EntityType, c.Canonical, c.Role, c.Attribution, c.Location, c.Text, c.Start, c.End,
				c.SentenceStart, c.SentenceEnd, c.Prefix, c.Suffix, c.Rule}, nil
		}))
		return err
	})
	if err != nil {
		return fmt.Errorf("copy claims: %w", err)
	}
	if _, err := b.conn.ExecContext(ctx, insertStagedClaims); err != nil {
		return fmt.Errorf("insert staged claims: %w", err)
	}
	if _, err := b.conn.ExecContext(ctx, "DROP TABLE claims_staged"); err != nil {
		return fmt.Errorf("stage claims: %w", err)
	}
	return nil
}

// The staging of flush: its table (the claim columns after an ordinal),
// and the insert from it of the claims not stored already.
var (
	quotedClaimColumns = `"` + strings.Join(claimColumns, `", "`) + `"` // "end" is a keyword
	stagedClaimColumns = append([]string{"ord"}, claimColumns...)
	createStagedClaims = "CREATE TEMP TABLE claims_staged ON COMMIT DROP AS SELECT 0::bigint AS ord, " +
		quotedClaimColumns + " FROM claims WITH NO DATA"
	insertStagedClaims = "INSERT INTO claims (" + quotedClaimColumns + ") SELECT " + quotedClaimColumns +
		` FROM claims_staged s WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.document_id = s.document_id
		AND c.run_id = s.run_id AND c.key = s.key) ORDER BY s.ord`
)

// Commit writes what is held and commits.
func (b *bulkTx) Commit(ctx context.Context) error {
	if err := b.flush(ctx); err != nil {
		return err
	}
	return b.commit()
}

// PrepareContext prepares a statement in the transaction.
func (b *bulkTx) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return b.prepareFn(ctx, query)
}
