package main

import (
	"context"
	"fmt"
	"os/user"
	"strings"
	"text/tabwriter"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/store"
)

func (a *app) entities(ctx context.Context, args []string) error {
	fs := a.flags("entities")
	db := a.dbFlag(fs)
	typ := fs.String("type", "", "only entities of this `type`: PERSON, ORG, GPE or LOC")
	name := fs.String("name", "", "only entities whose name or a variant contains `text`")
	reviewer := fs.String("reviewer", defaultReviewer(), "who makes a correction")
	why := fs.String("why", "", "say why the names of the entity named `NAME` were merged")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *typ != "" {
		*typ = strings.ToUpper(*typ)
		switch *typ {
		case claimex.Person, claimex.Org, claimex.GPE, claimex.Loc:
		default:
			return usagef("--type must be PERSON, ORG, GPE or LOC")
		}
	}
	var correction *claimex.EntityCorrection
	if *why != "" && len(rest) > 0 {
		return usagef("--why takes no merge or split")
	}
	if len(rest) > 0 {
		switch {
		case rest[0] == "merge" && len(rest) == 3:
			correction = &claimex.EntityCorrection{Kind: claimex.Merge, A: rest[1], B: rest[2]}
		case rest[0] == "split" && len(rest) == 2:
			correction = &claimex.EntityCorrection{Kind: claimex.Split, A: rest[1]}
		default:
			return usagef("say merge NAME OTHER, or split NAME")
		}
		correction.Reviewer = *reviewer
	}
	use := readDB
	if correction != nil {
		use = writeDB
	}
	st, err := a.open(ctx, *db, use)
	if err != nil {
		return err
	}
	defer st.Close()
	if correction != nil {
		return a.correctEntities(ctx, st, *correction)
	}
	if *why != "" {
		return a.entityWhy(ctx, st, *why)
	}
	list, err := st.Entities(ctx, store.EntityFilter{Type: *typ, Name: *name})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ENTITY\tTYPE\tDOCS\tMENTIONS\tVARIANTS\tROLES")
	for _, e := range list {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", clip(e.Canonical, 60), e.Type, e.Documents, e.Mentions,
			clip(strings.Join(e.Variants, "; "), 70), dash(clip(strings.Join(e.Roles, "; "), 50)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%d %s\n", len(list), plural(len(list), "entity", "entities"))
	return nil
}

// entityWhy prints the names of one entity and why each was merged into
// it: the rule, and the name of the entity it joined.
func (a *app) entityWhy(ctx context.Context, st *store.Store, name string) error {
	names, ok, err := st.EntityWhy(ctx, name)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("no entity is named %q; 'claimex entities --name TEXT' finds names", name)
	}
	fmt.Fprintf(a.stdout, "%s (%s): %d %s\n", names[0].Canonical, names[0].Type, len(names), plural(len(names), "name", "names"))
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tRULE\tWHY")
	for _, n := range names {
		rule, text := n.Why, claimex.WhyText(n.Why, n.Via)
		switch {
		case n.Name == n.Canonical && rule == "":
			rule, text = "-", "the canonical name"
		case rule == "":
			rule, text = "-", "resolved to this entity by its documents"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", clip(n.Name, 60), rule, text)
	}
	return tw.Flush()
}

// correctEntities records a merge or split and resolves names again.
func (a *app) correctEntities(ctx context.Context, st *store.Store, c claimex.EntityCorrection) error {
	c, n, err := pipeline.CorrectEntities(ctx, st, c)
	if err != nil {
		if strings.HasPrefix(err.Error(), "no entity is named") {
			return fmt.Errorf("%w; 'claimex entities --name TEXT' finds names", err)
		}
		return err
	}
	switch c.Kind {
	case claimex.Merge:
		fmt.Fprintf(a.stdout, "merged %q into %q; %d entities in all\n", c.B, c.A, n)
	default:
		fmt.Fprintf(a.stdout, "split %q from its entity; %d entities in all\n", c.A, n)
	}
	return nil
}

// defaultReviewer is the name of the user running claimex.
func defaultReviewer() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
}
