package review

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

// Feed tells pages what changed since they were drawn, so that another
// reviewer's decision shows within seconds without a reload. Pages poll
// it every few seconds. The store's feed reads the audit trail; a
// database that can push changes (PostgreSQL's LISTEN/NOTIFY) can stand
// behind the same interface.
type Feed interface {
	// Since returns what changed after cursor c, oldest first, and the
	// cursor to ask from next.
	Since(ctx context.Context, c Cursor) (Update, error)
}

// Cursor is where a page's view of the changes stands: the last entry of
// the audit trail and the last entity decision it has seen.
type Cursor struct {
	Claims   int64 `json:"claims"`
	Entities int64 `json:"entities"`
}

// Update is what changed after a cursor.
type Update struct {
	Cursor   Cursor
	Claims   []store.Change
	Entities []store.EntityChange
}

// feedLimit bounds one answer of the feed; a page that is further behind
// asks again.
const feedLimit = 500

// storeFeed is the Feed of a store's audit trail.
type storeFeed struct{ st *store.Store }

func (f storeFeed) Since(ctx context.Context, c Cursor) (Update, error) {
	u := Update{Cursor: c}
	var err error
	if u.Claims, err = f.st.Changes(ctx, c.Claims, feedLimit); err != nil {
		return u, err
	}
	if u.Entities, err = f.st.EntityChanges(ctx, c.Entities, feedLimit); err != nil {
		return u, err
	}
	if n := len(u.Claims); n > 0 {
		u.Cursor.Claims = u.Claims[n-1].Event
	}
	if n := len(u.Entities); n > 0 {
		u.Cursor.Entities = u.Entities[n-1].Event
	}
	return u, nil
}

// feedAnswer is what /feed sends a page.
type feedAnswer struct {
	Cursor   Cursor         `json:"cursor"`
	Counts   *feedCounts    `json:"counts,omitempty"`
	Claims   []claimChange  `json:"claims"`
	Entities []entityChange `json:"entities"`
	// Lease says whether the page still holds the claim it shows; Nonce
	// is the lease a page that had none was given.
	Lease *leaseState `json:"lease,omitempty"`
	Nonce string      `json:"nonce,omitempty"`
}

type feedCounts struct {
	Progress
	store.QueueCounts
}

type claimChange struct {
	Claim    int64          `json:"claim"`
	Status   claimex.Status `json:"status"`
	Action   string         `json:"action"`
	Reviewer string         `json:"reviewer"`
}

type entityChange struct {
	Name     string         `json:"name"`
	Status   claimex.Status `json:"status"`
	Reviewer string         `json:"reviewer"`
}

type leaseState struct {
	Held bool   `json:"held"`
	By   string `json:"by,omitempty"`
}

// feed answers a page's poll: the changes after its cursor, the queue's
// counters when it names a kind, and, when it names the item it shows,
// whether its lease on it holds (renewing it).
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	var c Cursor
	c.Claims, _ = strconv.ParseInt(q.Get("after"), 10, 64)
	c.Entities, _ = strconv.ParseInt(q.Get("eafter"), 10, 64)
	u, err := s.cfg.Feed.Since(ctx, c)
	if err != nil {
		s.error(w, r, err)
		return
	}
	a := feedAnswer{Cursor: u.Cursor, Claims: []claimChange{}, Entities: []entityChange{}}
	for _, ch := range u.Claims {
		if ch.ClaimID != 0 {
			a.Claims = append(a.Claims, claimChange{Claim: ch.ClaimID, Status: ch.Status, Action: ch.Action, Reviewer: ch.Reviewer})
		}
	}
	for _, ch := range u.Entities {
		a.Entities = append(a.Entities, entityChange{Name: ch.Canonical, Status: ch.Status, Reviewer: ch.Reviewer})
	}
	if k := claimex.Kind(q.Get("kind")); k == claimex.KindCount || k == claimex.KindEntity {
		counts, qc, err := s.cfg.Store.QueueTallies(ctx, k)
		if err != nil {
			s.error(w, r, err)
			return
		}
		a.Counts = &feedCounts{Progress: progress(counts), QueueCounts: qc}
	}
	if item := q.Get("item"); item != "" {
		var held bool
		var by string
		if q.Get("take") == "1" {
			// The page was shown its claim unleased (the write lock was
			// held): it leases it now, unless someone else has.
			req := s.leaseRequest(r, kindOf(q.Get("kind")), s.queueOf(q.Get("queue")))
			var l store.Lease
			l, by, err = s.cfg.Store.LeaseItem(ctx, req, item)
			held, a.Nonce = l.Nonce != "", l.Nonce
		} else {
			held, by, err = s.cfg.Store.RenewLease(ctx, me(r).Session, item, s.cfg.LeaseTTL)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		a.Lease = &leaseState{Held: held, By: by}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(a)
}

// release ends a lease a page was given, when the page is closed.
func (s *Server) release(w http.ResponseWriter, r *http.Request) {
	if n := r.PostFormValue("nonce"); n != "" {
		if err := s.cfg.Store.ReleaseLease(r.Context(), me(r).Session, n); err != nil {
			s.error(w, r, err)
			return
		}
	}
	w.WriteHeader(http.StatusNoContent)
}
