package main

import (
	"context"
	"fmt"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

func (a *app) version(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(a.stdout, "claimex %s (schema %d)\n", claimex.Version, store.SchemaVersion())
	return nil
}
