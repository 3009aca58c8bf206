package pipeline

import (
	"context"
	"fmt"

	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/store"
)

// ResolveEntities resolves the entity names of the whole database anew,
// with every correction people made, and stores the result. It runs after
// each ingest or extraction and after each correction.
func ResolveEntities(ctx context.Context, st *store.Store) (int, error) {
	uses, err := st.EntityNameUses(ctx)
	if err != nil {
		return 0, err
	}
	corrections, err := st.EntityCorrections(ctx)
	if err != nil {
		return 0, err
	}
	names := extract.Resolve(uses, corrections)
	if err := st.ReplaceEntityNames(ctx, names); err != nil {
		return 0, err
	}
	entities := map[string]bool{}
	for _, n := range names {
		entities[n.Canonical] = true
	}
	return len(entities), nil
}

// resolveAfter runs ResolveEntities when an ingest stored something, and
// reports a failure as the ingest's.
func resolveAfter(ctx context.Context, st *store.Store, rep *Report) error {
	if rep.New == 0 {
		return nil
	}
	n, err := ResolveEntities(context.WithoutCancel(ctx), st)
	if err != nil {
		return fmt.Errorf("resolve entities: %w", err)
	}
	rep.Entities = n
	return nil
}
