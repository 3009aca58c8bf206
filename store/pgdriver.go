package store

import (
	"context"
	"database/sql/driver"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgConnector opens connections of pgx's database/sql driver that take
// the store's queries as written (see rewriteParams).
type pgConnector struct{ inner driver.Connector }

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{inner: conn}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is a pgx connection whose queries are rewritten on the way in.
type pgConn struct{ inner driver.Conn }

// errUnsupported is what a connection says of a call pgx's driver lacks;
// it has them all.
var errUnsupported = errors.New("not supported by the PostgreSQL driver")

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	p, ok := c.inner.(driver.ConnPrepareContext)
	if !ok {
		return nil, errUnsupported
	}
	r := rewriteQuery(query)
	st, err := p.PrepareContext(ctx, r.sql)
	if err != nil {
		return nil, err
	}
	return &pgStmt{inner: st, r: r}, nil
}

func (c *pgConn) Close() error { return c.inner.Close() }

func (c *pgConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	b, ok := c.inner.(driver.ConnBeginTx)
	if !ok {
		return nil, errUnsupported
	}
	return b.BeginTx(ctx, opts)
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.inner.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	query, args, err := rewriteParams(query, args)
	if err != nil {
		return nil, err
	}
	return e.ExecContext(ctx, query, args)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.inner.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	query, args, err := rewriteParams(query, args)
	if err != nil {
		return nil, err
	}
	return q.QueryContext(ctx, query, args)
}

// CheckNamedValue lets every argument through to pgx, which encodes Go
// values itself; named arguments are put in place by rewriteParams.
func (c *pgConn) CheckNamedValue(*driver.NamedValue) error { return nil }

func (c *pgConn) Ping(ctx context.Context) error {
	if p, ok := c.inner.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *pgConn) ResetSession(ctx context.Context) error {
	if r, ok := c.inner.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *pgConn) IsValid() bool {
	if v, ok := c.inner.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// pgx returns the connection's pgx.Conn, for what database/sql cannot
// say: COPY, LISTEN.
func (c *pgConn) pgx() *pgx.Conn { return c.inner.(*stdlib.Conn).Conn() }

// pgStmt is a prepared statement whose arguments are put in the order of
// its rewritten parameters.
type pgStmt struct {
	inner driver.Stmt
	r     rewritten
}

func (s *pgStmt) Close() error  { return s.inner.Close() }
func (s *pgStmt) NumInput() int { return -1 }

func (s *pgStmt) Exec([]driver.Value) (driver.Result, error) { return nil, errUnsupported }
func (s *pgStmt) Query([]driver.Value) (driver.Rows, error)  { return nil, errUnsupported }

func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	args, err := s.r.args(args)
	if err != nil {
		return nil, err
	}
	return s.inner.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	args, err := s.r.args(args)
	if err != nil {
		return nil, err
	}
	return s.inner.(driver.StmtQueryContext).QueryContext(ctx, args)
}

func (s *pgStmt) CheckNamedValue(*driver.NamedValue) error { return nil }
