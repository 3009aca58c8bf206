package store

import (
	"context"
	"fmt"
	"testing"
)

// TestInsertRows: rows are written in statements of rowsPerInsert, all
// of them, in order, whether they fill the last statement or not; a row
// of the wrong width is refused.
func TestInsertRows(t *testing.T) {
	ctx := context.Background()
	st := openTemp(t)
	for _, n := range []int{0, 1, rowsPerInsert - 1, rowsPerInsert, rowsPerInsert + 1, 2*rowsPerInsert + 50} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			table := fmt.Sprintf("rows_%d", n)
			if _, err := st.db.Exec("CREATE TABLE " + table + " (a INTEGER, b TEXT)"); err != nil {
				t.Fatal(err)
			}
			rows := make([][]any, n)
			for i := range rows {
				rows[i] = []any{i, fmt.Sprintf("row %d", i)}
			}
			if err := insertRows(ctx, st.db, table, []string{"a", "b"}, rows); err != nil {
				t.Fatal(err)
			}
			var count, sum int
			if err := st.db.QueryRow("SELECT COUNT(*), COALESCE(SUM(a), 0) FROM "+table).Scan(&count, &sum); err != nil {
				t.Fatal(err)
			}
			if count != n || sum != n*(n-1)/2 {
				t.Errorf("%d rows summing to %d, want %d summing to %d", count, sum, n, n*(n-1)/2)
			}
		})
	}
	if err := insertRows(ctx, st.db, "rows_1", []string{"a", "b"}, [][]any{{1}}); err == nil {
		t.Error("a row of one value for two columns was taken")
	}
}
