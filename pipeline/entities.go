package pipeline

import (
	"context"
	"fmt"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/extract"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// ResolveEntities resolves the entity names of the whole database anew,
// with the known bodies of rules r (nil: the current run's,
// CurrentRules), the aliases documents define and every correction
// people made, and stores the result with why each name joined its
// entity. It runs after each ingest or extraction, with the run's rules,
// and after each correction.
func ResolveEntities(ctx context.Context, st *store.Store, r *rules.Rules) (int, error) {
	if r == nil {
		var err error
		if r, err = CurrentRules(ctx, st, nil); err != nil {
			return 0, err
		}
	}
	version, err := st.ClaimsVersion(ctx)
	if err != nil {
		return 0, err
	}
	uses, err := st.EntityNameUses(ctx)
	if err != nil {
		return 0, err
	}
	aliases, err := st.EntityAliases(ctx)
	if err != nil {
		return 0, err
	}
	corrections, err := st.EntityCorrections(ctx)
	if err != nil {
		return 0, err
	}
	names := extract.ResolveWith(r, uses, aliases, corrections)
	if err := st.ReplaceEntityNames(ctx, names, version); err != nil {
		return 0, err
	}
	entities := map[string]bool{}
	for _, n := range names {
		entities[n.Canonical] = true
	}
	return len(entities), nil
}

// resolveAfter runs ResolveEntities when an ingest stored something, or
// when claims stored earlier were never resolved (their process was
// killed first), and reports a failure as the ingest's.
func resolveAfter(ctx context.Context, st *store.Store, r *rules.Rules, rep *Report) error {
	if rep.New == 0 {
		stale, err := st.EntitiesStale(context.WithoutCancel(ctx))
		if err != nil || !stale {
			return err
		}
	}
	n, err := ResolveEntities(context.WithoutCancel(ctx), st, r)
	if err != nil {
		return fmt.Errorf("resolve entities: %w", err)
	}
	rep.Entities = n
	return nil
}

// CorrectEntities records a merge or split under the names resolution
// knows (any spelling a document used names its entity), and resolves
// again so that it shows at once. It returns the correction as recorded
// and the number of entities after it.
func CorrectEntities(ctx context.Context, st *store.Store, c claimex.EntityCorrection) (claimex.EntityCorrection, int, error) {
	for _, n := range []*string{&c.A, &c.B} {
		if *n == "" {
			continue
		}
		known, ok, err := st.EntityName(ctx, *n)
		if err != nil {
			return c, 0, err
		}
		if !ok {
			return c, 0, store.Invalidf("no entity is named %q", *n)
		}
		*n = known
	}
	if c.Kind == claimex.Merge && c.A == c.B {
		return c, 0, store.Invalidf("%q and %q are one name already", c.A, c.B)
	}
	if _, err := st.AddEntityCorrection(ctx, c); err != nil {
		return c, 0, err
	}
	n, err := ResolveEntities(ctx, st, nil)
	if err != nil {
		return c, n, err
	}
	// Events read the names as resolved.
	if _, err := GroupEvents(ctx, st); err != nil {
		return c, n, fmt.Errorf("group events: %w", err)
	}
	return c, n, nil
}
