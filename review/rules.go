package review

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// CurrentRules returns the rules the current claims were extracted with
// (pipeline.CurrentRules).
func CurrentRules(ctx context.Context, st *store.Store, log *slog.Logger) (*rules.Rules, error) {
	return pipeline.CurrentRules(ctx, st, log)
}

// storedRules keeps the current run's rules parsed while the current run
// stays the same.
type storedRules struct {
	mu   sync.Mutex
	hash string
	r    *rules.Rules
}

// currentRules returns the rules the pages use: Config.Rules when set,
// else the current run's, parsed again only when they change.
func (s *Server) currentRules(ctx context.Context) (*rules.Rules, error) {
	if s.cfg.Rules != nil {
		return s.cfg.Rules, nil
	}
	rr, ok, err := s.cfg.Store.CurrentRules(ctx)
	if err != nil {
		return nil, err
	}
	c := &s.stored
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.r == nil || c.hash != rr.Hash {
		c.r, c.hash = pipeline.StoredRules(rr, ok, s.cfg.Log), rr.Hash
	}
	return c.r, nil
}

// palette gives the CSS classes of a category's label: cat-NAME, and
// up-NAME of the category it rolls up to, whose colour a category without
// one of its own takes (style.css); neither has one, the neutral colour.
type palette struct{ r *rules.Rules }

// Class returns the classes of category c (a claimex.Category or a
// string).
func (p palette) Class(c any) string {
	name := claimex.Category(fmt.Sprint(c))
	class := "cat-" + string(name)
	if up := p.r.RollUps(name); len(up) > 0 {
		class += " up-" + string(up[0])
	}
	return class
}
