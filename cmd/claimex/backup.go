package main

import (
	"context"
	"fmt"

	"github.com/claimex/claimex/corpus"
)

// backup writes a consistent copy of the database, safe while other
// processes use it.
func (a *app) backup(ctx context.Context, args []string) error {
	fs := a.flags("backup")
	db := a.dbFlag(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("name one file to write the backup to")
	}
	st, err := a.open(ctx, *db, readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	size, err := st.Backup(ctx, rest[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "backed up %s to %s (%s)\n", *db, rest[0], corpus.Size(size))
	return nil
}
