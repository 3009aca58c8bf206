package store

import (
	"context"
	"fmt"
	"strings"
)

// rowsPerInsert is how many rows insertRows writes with one statement:
// few enough for SQLite's parameter limit at any width the store writes,
// many enough that a table of thousands of rows is a few dozen round
// trips to a server, not thousands, while its writer holds the lock.
const rowsPerInsert = 200

// insertRows writes rows (each with a value per column) into table, in
// statements of up to rowsPerInsert rows each, through e (a write's
// transaction).
func insertRows(ctx context.Context, e execer, table string, columns []string, rows [][]any) error {
	one := "(" + repeated("?", len(columns)) + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES "
	for len(rows) > 0 {
		n := min(len(rows), rowsPerInsert)
		args := make([]any, 0, n*len(columns))
		for _, r := range rows[:n] {
			if len(r) != len(columns) {
				return fmt.Errorf("insert into %s: a row of %d values for %d columns", table, len(r), len(columns))
			}
			args = append(args, r...)
		}
		query := head + repeated(one, n)
		if _, err := e.ExecContext(ctx, query, args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
		rows = rows[n:]
	}
	return nil
}

// repeated is item n times, separated by commas: "?, ?, ?".
func repeated(item string, n int) string {
	return strings.TrimSuffix(strings.Repeat(item+", ", n), ", ")
}
