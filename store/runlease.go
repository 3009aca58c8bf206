package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// A running run holds a lease, so that a process can tell the runs of
// the living from those left by the dead (AbandonDeadRuns), wherever
// they ran:
//
//   - Its heartbeat: the process writes the database's own time into the
//     run's heartbeat_at every runHeartbeat, on both databases. A run
//     whose heartbeat is older than runExpiry is dead, whatever machine
//     it ran on and whatever its process id says: its process was killed
//     on another machine, hangs, or lost the database.
//   - On PostgreSQL, also a session advisory lock, on a connection of the
//     run's own, for as long as the run goes. The server ends the session
//     of a process that dies (at once when it exits or is killed; when
//     its machine goes away, once TCP keepalives go unanswered, about a
//     minute: see openPostgres), and the lock with it, so a killed run is
//     known at once, before its heartbeat expires.
//   - On SQLite, a run of this host whose process id no longer exists is
//     dead (alive), again before its heartbeat expires.
//
// A run taken for dead is abandoned; should its process still be there
// after all (it hung for longer than the expiry), its next write finds
// the run no longer running and stops with ErrRunLost, rather than
// writing beside whoever took over.

// runHeartbeat is how often a running run's process says it is alive;
// runExpiry how old its last heartbeat may be before the run is dead.
// The expiry is generous: a SQLite writer may wait minutes for another
// process's write lock (DefaultBusyTimeout) before its heartbeat lands.
const (
	runHeartbeat = 30 * time.Second
	runExpiry    = 10 * time.Minute
)

// ErrRunLost is returned by the writes of a run that another process took
// for dead and abandoned (its heartbeat had expired).
var ErrRunLost = errors.New("the run was taken for dead by another process (no heartbeat within " +
	runExpiry.String() + ") and abandoned; what it wrote before stays, run the command again for the rest")

// pgRunLockClass is the first key of a run's advisory lock; the run's id
// is the second.
const pgRunLockClass = 0x636c6d78 // "clmx"

// runLeases holds the leases of the runs this Store runs.
type runLeases struct {
	mu   sync.Mutex
	held map[int64]*runLease
}

// runLease is one run's lease: the heartbeat going, and on PostgreSQL the
// connection holding the run's advisory lock, of its own, outside the
// pool, which it would otherwise take from.
type runLease struct {
	conn *pgx.Conn
	stop chan struct{}
	done chan struct{}
}

// holdRun takes run id's lease and starts its heartbeat.
func (s *Store) holdRun(ctx context.Context, id int64) error {
	l := &runLease{stop: make(chan struct{}), done: make(chan struct{})}
	if s.d.postgres {
		conn, err := s.dedicated(ctx)
		if err != nil {
			return fmt.Errorf("lease run %d: %w", id, err)
		}
		if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1, $2)", pgRunLockClass, id); err != nil {
			conn.Close(context.WithoutCancel(ctx))
			return fmt.Errorf("lease run %d: %w", id, err)
		}
		l.conn = conn
	}
	s.runs.mu.Lock()
	if s.runs.held == nil {
		s.runs.held = map[int64]*runLease{}
	}
	s.runs.held[id] = l
	s.runs.mu.Unlock()
	go s.beat(id, l)
	return nil
}

// beat writes run id's heartbeat every runHeartbeat until its lease is
// given up, or the run is no longer running.
func (s *Store) beat(id int64, l *runLease) {
	defer close(l.done)
	t := time.NewTicker(runHeartbeat)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
		}
		going, err := s.heartbeat(context.Background(), id)
		if err != nil {
			slog.Debug("run heartbeat", "run", id, "err", err)
			continue
		}
		if !going {
			return
		}
	}
}

// heartbeat writes run id's heartbeat now, and reports whether the run
// is still running.
func (s *Store) heartbeat(ctx context.Context, id int64) (going bool, err error) {
	res, err := s.db.ExecContext(ctx, "UPDATE runs SET heartbeat_at = "+s.d.now+" WHERE id = ? AND status = 'running'", id)
	if err != nil {
		return false, fmt.Errorf("heartbeat of run %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// runGoing returns ErrRunLost unless run id is still running, read in q
// (a write's transaction).
func runGoing(ctx context.Context, q queryer, id int64) error {
	var status string
	if err := q.QueryRowContext(ctx, "SELECT status FROM runs WHERE id = ?", id).Scan(&status); err != nil {
		return fmt.Errorf("run %d: %w", id, err)
	}
	if status != "running" {
		return fmt.Errorf("run %d: %w", id, ErrRunLost)
	}
	return nil
}

// releaseRun gives run id's lease up, if this Store holds it, and stops
// its heartbeat.
func (s *Store) releaseRun(id int64) {
	s.runs.mu.Lock()
	l := s.runs.held[id]
	delete(s.runs.held, id)
	s.runs.mu.Unlock()
	if l == nil {
		return
	}
	close(l.stop)
	<-l.done
	if l.conn == nil {
		return
	}
	// Unlocked first, so that the lease is free when this returns (the
	// session's end, which also frees it, comes a moment later).
	l.conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1, $2)", pgRunLockClass, id)
	l.conn.Close(context.Background())
}

// releaseRuns gives up every run lease this Store holds.
func (s *Store) releaseRuns() {
	s.runs.mu.Lock()
	var ids []int64
	for id := range s.runs.held {
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
