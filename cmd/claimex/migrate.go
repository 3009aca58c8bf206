package main

import (
	"context"
	"fmt"
	"sort"

	"github.com/claimex/claimex/store"
)

// migrate moves a single user's SQLite database, reviews and all, into a
// PostgreSQL database for a team.
func (a *app) migrate(ctx context.Context, args []string) error {
	fs := a.flags("migrate")
	from := fs.String("from", "", "the SQLite database `file` to move")
	to := fs.String("to", "", "the PostgreSQL database `URL` to move it into (empty: no documents or runs yet)")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	switch {
	case *from == "" || *to == "":
		return usagef("name the database to move (--from FILE) and where to (--to postgres://...)")
	case store.IsPostgres(*from):
		return usagef("--from names a SQLite file; %s is a PostgreSQL URL", store.Redact(*from))
	case !store.IsPostgres(*to):
		return usagef("--to names a PostgreSQL database (postgres://...), not %s", *to)
	}
	src, err := a.open(ctx, *from, writeDB)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := a.open(ctx, *to, createDB)
	if err != nil {
		return err
	}
	defer dst.Close()
	counts, err := src.CopyTo(ctx, dst)
	if err != nil {
		return err
	}
	tables := make([]string, 0, len(counts))
	for t := range counts {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	fmt.Fprintf(a.stdout, "moved %s to %s:\n", *from, dst.Path())
	for _, t := range tables {
		if counts[t] > 0 {
			fmt.Fprintf(a.stdout, "  %-20s %d\n", t, counts[t])
		}
	}
	return nil
}
