package review

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/pipeline"
	"github.com/claimex/claimex/store"
)

// The names queue reviews each entity once, the most mentioned first:
// its canonical name, type, spellings and the documents that name it. A
// decision attaches to the entity's names (store.DecideEntity), so it
// holds after names are resolved again.

// nameDocuments is how many of an entity's documents the names queue
// lists.
const nameDocuments = 12

// names shows one entity to decide on: the one asked for, else the next
// that no one has decided on and no other reviewer is shown.
func (s *Server) names(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := me(r)
	list, err := s.cfg.Store.Entities(ctx, store.EntityFilter{})
	if err != nil {
		s.error(w, r, err)
		return
	}
	statuses, err := s.cfg.Store.EntityStatuses(ctx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	data := map[string]any{"Total": len(list), "Reviewed": len(statuses)}
	req := store.LeaseRequest{Holder: id.Session, Reviewer: id.Name, TTL: s.cfg.LeaseTTL}
	var cur *store.Entity
	var lease store.Lease
	if want := r.URL.Query().Get("entity"); want != "" {
		for i := range list {
			if list[i].Canonical == want {
				cur = &list[i]
				break
			}
		}
		if cur == nil {
			data["Notice"] = "No entity is called that now (names were resolved again); here is the next."
		} else if _, decided := statuses[cur.Canonical]; !decided {
			var by string
			lease, by, err = s.cfg.Store.LeaseItem(ctx, req, store.EntityItem(cur.Canonical))
			if err != nil && !errors.Is(err, store.ErrLeaseBusy) {
				s.error(w, r, err)
				return
			}
			data["HeldBy"] = by
		}
	}
	if cur == nil {
		cur, lease, err = s.nextName(ctx, req, list, statuses)
		if errors.Is(err, store.ErrLeaseBusy) {
			err, data["Busy"] = nil, true
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
	}
	if cur != nil {
		docs, err := s.cfg.Store.EntityDocuments(ctx, cur.Canonical, nameDocuments)
		if err != nil {
			s.error(w, r, err)
			return
		}
		data["Entity"], data["Documents"], data["Lease"] = cur, docs, lease
		if st, ok := statuses[cur.Canonical]; ok {
			data["Status"] = st
		}
	}
	s.render(w, r, "names", data)
}

// nextName leases the request's holder the next entity to decide on:
// the one it holds, else the most mentioned that nobody decided on,
// nobody else holds and it did not skip, else one it skipped.
func (s *Server) nextName(ctx context.Context, req store.LeaseRequest, list []store.Entity,
	statuses map[string]store.EntityReview) (*store.Entity, store.Lease, error) {
	held, _, err := s.cfg.Store.HeldEntity(ctx, req.Holder)
	if err != nil {
		return nil, store.Lease{}, err
	}
	leased, err := s.cfg.Store.LeasedItems(ctx, req.Holder)
	if err != nil {
		return nil, store.Lease{}, err
	}
	skipped, err := s.cfg.Store.Skipped(ctx, req.Holder)
	if err != nil {
		return nil, store.Lease{}, err
	}
	var order []int
	for _, pass := range []func(item string) bool{
		func(item string) bool { return item == held },
		func(item string) bool { return !skipped[item] },
		func(item string) bool { return skipped[item] },
	} {
		for i, e := range list {
			item := store.EntityItem(e.Canonical)
			if _, decided := statuses[e.Canonical]; !decided && leased[item] == "" && pass(item) {
				order = append(order, i)
			}
		}
	}
	for _, i := range order {
		l, by, err := s.cfg.Store.LeaseItem(ctx, req, store.EntityItem(list[i].Canonical))
		if err != nil {
			return nil, store.Lease{}, err
		}
		if by == "" {
			return &list[i], l, nil
		}
	}
	return nil, store.Lease{}, nil
}

// entityStatus reads an entity decision's action from a form.
func entityStatus(action string) (claimex.Status, error) {
	switch action {
	case "accept":
		return claimex.Accepted, nil
	case "reject":
		return claimex.Rejected, nil
	case "reset":
		return claimex.Unreviewed, nil
	}
	return "", badRequestf("an entity is accepted or rejected, not %q", action)
}

// decideNames records a decision on each entity the form names, then
// goes back where the form says, or to the next entity.
func (s *Server) decideNames(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.error(w, r, badRequest(err))
		return
	}
	status, err := entityStatus(r.PostFormValue("action"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	names := r.PostForm["name"]
	if len(names) == 0 {
		s.error(w, r, badRequestf("select at least one entity"))
		return
	}
	if len(names) > bulkLimit {
		s.error(w, r, badRequestf("at most %d entities at once", bulkLimit))
		return
	}
	id := me(r)
	for _, n := range names {
		if _, err := s.cfg.Store.DecideEntity(r.Context(), store.EntityDecision{Canonical: n, Status: status,
			Reviewer: id.Name, Note: strings.TrimSpace(r.PostFormValue("note"))}); err != nil {
			s.error(w, r, err)
			return
		}
	}
	http.Redirect(w, r, localPath(r.PostFormValue("back"), "/names"), http.StatusSeeOther)
}

// skipName puts an entity aside for this browser and moves on.
func (s *Server) skipName(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.Store.SkipItem(r.Context(), me(r).Session, store.EntityItem(r.PostFormValue("name"))); err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, "/names", http.StatusSeeOther)
}

// mergeNames merges the entities selected on the entities page into the
// one chosen to keep (the first selected, unless the form says).
func (s *Server) mergeNames(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.error(w, r, badRequest(err))
		return
	}
	names := r.PostForm["name"]
	if len(names) < 2 {
		s.error(w, r, badRequestf("select two entities or more to merge"))
		return
	}
	if len(names) > bulkLimit {
		s.error(w, r, badRequestf("at most %d entities at once", bulkLimit))
		return
	}
	into := r.PostFormValue("into")
	if into == "" {
		into = names[0]
	}
	var done []string
	for _, n := range names {
		if n == into {
			continue
		}
		c := claimex.EntityCorrection{Kind: claimex.Merge, A: into, B: n, Reviewer: me(r).Name}
		if _, _, err := pipeline.CorrectEntities(r.Context(), s.cfg.Store, c); err != nil {
			s.error(w, r, err)
			return
		}
		done = append(done, fmt.Sprintf("%q", n))
	}
	msg := fmt.Sprintf("merged %s into %q", strings.Join(done, ", "), into)
	http.Redirect(w, r, "/entities?msg="+url.QueryEscape(msg), http.StatusSeeOther)
}
