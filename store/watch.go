package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
)

// ErrNoWatch reports a database that does not announce changes: SQLite,
// whose readers poll the audit trail (Changes).
var ErrNoWatch = errors.New("this database does not announce changes; poll them")

// pgChangesChannel is the channel the PostgreSQL schema's triggers
// announce decisions on (migrations/postgres/0011_desk.sql).
const pgChangesChannel = "claimex_changes"

// WatchChanges listens for new entries of the audit trail and new entity
// decisions, as PostgreSQL announces them at commit (LISTEN/NOTIFY), on a
// connection of its own, outside the pool. It calls ready once it listens, then fn with
// each announced id (claims for an entry of the trail, entities for an
// entity decision, the other 0), until ctx ends or the connection fails;
// it returns why. On SQLite it returns ErrNoWatch at once.
func (s *Store) WatchChanges(ctx context.Context, ready func(), fn func(claims, entities int64)) error {
	if !s.d.postgres {
		return ErrNoWatch
	}
	c, err := s.dedicated(ctx)
	if err != nil {
		return fmt.Errorf("watch changes: %w", err)
	}
	defer c.Close(context.WithoutCancel(ctx))
	if _, err := c.Exec(ctx, "LISTEN "+pgChangesChannel); err != nil {
		return fmt.Errorf("watch changes: %w", err)
	}
	ready()
	for {
		n, err := c.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("watch changes: %w", err)
		}
		if len(n.Payload) < 2 {
			continue
		}
		id, err := strconv.ParseInt(n.Payload[1:], 10, 64)
		if err != nil {
			continue
		}
		switch n.Payload[0] {
		case 'c':
			fn(id, 0)
		case 'e':
			fn(0, id)
		}
	}
}
