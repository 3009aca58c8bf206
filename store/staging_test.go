package store

import (
	"context"
	"slices"
	"testing"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/internal/pgtest"
)

// TestStagedClaimsIdempotent: on PostgreSQL claims go through a staging
// table and are inserted only where their document and run hold no claim
// of their key: a batch written a second time (a shard imported again)
// adds nothing, a batch that overlaps adds only what is new, and claims
// keep the order they were given in.
func TestStagedClaimsIdempotent(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("PostgreSQL only: SQLite writes claims row by row")
	}
	ctx := context.Background()
	st, doc, _ := rerunFixture(t)
	var run int64
	if err := st.db.QueryRowContext(ctx, "SELECT run_id FROM documents WHERE id = ?", doc).Scan(&run); err != nil {
		t.Fatal(err)
	}
	write := func(cs ...claimex.Claim) {
		t.Helper()
		b, err := st.beginBulk(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer b.end()
		for _, c := range cs {
			if err := b.addClaim(ctx, doc, run, c); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	keys := func() []string {
		t.Helper()
		rows, err := st.db.QueryContext(ctx, "SELECT key FROM claims WHERE document_id = ? AND run_id = ? ORDER BY id", doc, run)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				t.Fatal(err)
			}
			out = append(out, k)
		}
		return out
	}
	dead := count("k-dead", claimex.Killed, 225, 0, 15, 0, 34, "225 people dead")
	hurt := count("k-hurt", claimex.Injured, 4500, 20, 33, 0, 34, "4,500 injured")
	later := count("k-later", claimex.Injured, 4500, 20, 33, 0, 34, "4,500 injured")
	first := count("k-first", claimex.Killed, 225, 0, 15, 0, 34, "225 people dead")
	for _, tt := range []struct {
		name  string
		batch []claimex.Claim
		want  []string
	}{
		{"the same batch again", []claimex.Claim{dead, hurt}, []string{"k-dead", "k-hurt"}},
		{"an overlapping batch adds what is new, in its order", []claimex.Claim{later, dead, first},
			[]string{"k-dead", "k-hurt", "k-later", "k-first"}},
	} {
		write(tt.batch...)
		if got := keys(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: claims %v, want %v", tt.name, got, tt.want)
		}
	}
}
