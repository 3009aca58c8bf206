package review

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/claimex/claimex/store"
)

// notifyFeed is the Feed of a database that announces its changes
// (PostgreSQL's LISTEN/NOTIFY, Store.WatchChanges): it knows the latest
// entry of the audit trail and entity decision as they are committed, so
// a page's poll reads the trail only when something new is there. While
// it is not listening (starting, or the connection was lost and is being
// made again) every poll reads the trail, as storeFeed does.
type notifyFeed struct {
	st  *store.Store
	log *slog.Logger

	mu        sync.Mutex
	listening bool
	latest    Cursor
}

// NotifyFeed returns the feed of st's announcements, listening until ctx
// ends. On a database that announces nothing (SQLite) it is storeFeed.
func NotifyFeed(ctx context.Context, st *store.Store, log *slog.Logger) Feed {
	if !st.Postgres() {
		return storeFeed{st}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	f := &notifyFeed{st: st, log: log}
	go f.listen(ctx)
	return f
}

// listen keeps a LISTEN going until ctx ends, making it again a second
// after it fails.
func (f *notifyFeed) listen(ctx context.Context) {
	for ctx.Err() == nil {
		err := f.st.WatchChanges(ctx, func() {
			// Listening first, then reading where the trail stands: no
			// entry committed in between goes unseen.
			c, e, err := f.st.LastChange(ctx)
			if err != nil {
				return
			}
			f.mu.Lock()
			f.latest = Cursor{Claims: max(f.latest.Claims, c), Entities: max(f.latest.Entities, e)}
			f.listening = true
			f.mu.Unlock()
		}, func(c, e int64) {
			f.mu.Lock()
			f.latest = Cursor{Claims: max(f.latest.Claims, c), Entities: max(f.latest.Entities, e)}
			f.mu.Unlock()
		})
		f.mu.Lock()
		f.listening = false
		f.mu.Unlock()
		if ctx.Err() != nil {
			return
		}
		f.log.Warn("live updates: listening failed; pages poll the audit trail until it is back", "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

func (f *notifyFeed) Since(ctx context.Context, c Cursor) (Update, error) {
	f.mu.Lock()
	quiet := f.listening && c.Claims >= f.latest.Claims && c.Entities >= f.latest.Entities
	f.mu.Unlock()
	if quiet {
		return Update{Cursor: c}, nil
	}
	return storeFeed{f.st}.Since(ctx, c)
}
