package store

import (
	"context"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
)

// On a shared server a run may be started on another machine, where its
// process id says nothing. On PostgreSQL a running run therefore holds a
// lease the server itself keeps: a session advisory lock, on a connection
// of the run's own, for as long as the run goes. The server ends the
// session of a process that dies (at once when it exits or is killed; when
// its machine goes away, once TCP keepalives go unanswered, about a
// minute: see openPostgres), and the lock with it; AbandonDeadRuns takes
// a run whose lock is free for a dead one. On SQLite, a run's process id
// and host tell (alive).

// pgRunLockClass is the first key of a run's advisory lock; the run's id
// is the second.
const pgRunLockClass = 0x636c6d78 // "clmx"

// runLeases holds the connections of the runs this Store runs: of their
// own, outside the pool, which they would otherwise take from.
type runLeases struct {
	mu    sync.Mutex
	conns map[int64]*pgx.Conn
}

// holdRun takes run id's lease, on PostgreSQL.
func (s *Store) holdRun(ctx context.Context, id int64) error {
	if !s.d.postgres {
		return nil
	}
	conn, err := s.dedicated(ctx)
	if err != nil {
		return fmt.Errorf("lease run %d: %w", id, err)
	}
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1, $2)", pgRunLockClass, id); err != nil {
		conn.Close(context.WithoutCancel(ctx))
		return fmt.Errorf("lease run %d: %w", id, err)
	}
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	if s.runs.conns == nil {
		s.runs.conns = map[int64]*pgx.Conn{}
	}
	s.runs.conns[id] = conn
	return nil
}

// releaseRun gives run id's lease up, if this Store holds it.
func (s *Store) releaseRun(id int64) {
	s.runs.mu.Lock()
	conn := s.runs.conns[id]
	delete(s.runs.conns, id)
	s.runs.mu.Unlock()
	if conn == nil {
		return
	}
	// Unlocked first, so that the lease is free when this returns (the
	// session's end, which also frees it, comes a moment later).
	conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1, $2)", pgRunLockClass, id)
	conn.Close(context.Background())
}

// releaseRuns gives up every run lease this Store holds.
func (s *Store) releaseRuns() {
	s.runs.mu.Lock()
	var ids []int64
	for id := range s.runs.conns {
		ids = append(ids, id)
	}
	s.runs.mu.Unlock()
	for _, id := range ids {
		s.releaseRun(id)
	}
}

// runLeaseFree reports whether no session holds run id's lease: on
// PostgreSQL, that its process is gone, wherever it ran.
func (s *Store) runLeaseFree(ctx context.Context, id int64) (bool, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	var free bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(?, ?)", pgRunLockClass, id).Scan(&free); err != nil {
		return false, err
	}
	if free {
		_, err = conn.ExecContext(ctx, "SELECT pg_advisory_unlock(?, ?)", pgRunLockClass, id)
	}
	return free, err
}

// dedicated opens a PostgreSQL connection of its own, outside the pool.
func (s *Store) dedicated(ctx context.Context) (*pgx.Conn, error) {
	return pgx.ConnectConfig(ctx, s.pgConfig.Copy())
}
