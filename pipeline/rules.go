package pipeline

import (
	"context"
	"log/slog"

	"github.com/claimex/claimex/rules"
	"github.com/claimex/claimex/store"
)

// CurrentRules returns the rules the current claims were extracted with:
// those of the current run (store.CurrentRules), parsed; the built-in
// rules when no document is stored. Stored rules that this claimex can no
// longer parse give the built-in rules too, with a warning in log (nil:
// none).
func CurrentRules(ctx context.Context, st *store.Store, log *slog.Logger) (*rules.Rules, error) {
	rr, ok, err := st.CurrentRules(ctx)
	if err != nil {
		return nil, err
	}
	return StoredRules(rr, ok, log), nil
}

// StoredRules parses the rules a run recorded (ok false: none, the
// built-in rules), as CurrentRules does.
func StoredRules(rr store.RunRules, ok bool, log *slog.Logger) *rules.Rules {
	def := rules.Default()
	if !ok || rr.Hash == def.Hash {
		return def
	}
	r, err := rules.Parse(rr.Name, rr.Text)
	if err != nil {
		if log != nil {
			log.Warn("the current run's rules do not parse; using the built-in rules", "rules", rr.Name, "error", err)
		}
		return def
	}
	return r
}
