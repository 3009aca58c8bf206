package store

import (
	"context"
	"testing"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/internal/pgtest"
)

// TestDecideBesideBulkWrite: on PostgreSQL a decision commits while an
// ingest's bulk write holds its transaction open; it does not wait
// behind it for a lock. Whether it waits is read from PostgreSQL
// (pg_stat_activity), not from a clock.
func TestDecideBesideBulkWrite(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("PostgreSQL only: SQLite has one writer")
	}
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		d    func(st *Store, ids map[string]int64) error
	}{
		{"decide", func(st *Store, ids map[string]int64) error {
			_, err := st.Decide(ctx, Decision{ClaimID: ids["k-dead"], Action: claimex.Accepted, Reviewer: "ana"})
			return err
		}},
		{"flag", func(st *Store, ids map[string]int64) error {
			return st.SetFlag(ctx, ids["k-hurt"], true, "ben", "check", "")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st, _, ids := rerunFixture(t)
			b, err := st.beginBulk(ctx)
			if err != nil {
				t.Fatal(err)
			}
			ended := false
			end := func() {
				if !ended {
					ended = true
					b.end()
				}
			}
			defer end()
			done := make(chan error, 1)
			go func() { done <- tt.d(st, ids) }()
			for {
				select {
				case err := <-done:
					if err != nil {
						t.Fatal(err)
					}
					return
				default:
				}
				if waiting(t, st) {
					t.Error("the decision waits for a lock behind the open bulk write")
					end()
					if err := <-done; err != nil {
						t.Fatal(err)
					}
					return
				}
				time.Sleep(time.Millisecond)
			}
		})
	}
}

// waiting reports whether a session on st's database waits for a lock.
func waiting(t *testing.T, st *Store) bool {
	t.Helper()
	var n int
	err := st.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM pg_stat_activity
		WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n > 0
}
