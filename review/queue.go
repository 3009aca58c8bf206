package review

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/store"
)

// queueOf reads which queue a request is about: the review queue unless
// it says flagged, or adjudicate on a desk of second opinions.
func (s *Server) queueOf(v string) store.Queue {
	switch store.Queue(v) {
	case store.QueueFlagged:
		return store.QueueFlagged
	case store.QueueAdjudicate:
		if s.cfg.Double {
			return store.QueueAdjudicate
		}
	}
	return store.QueueReview
}

func kindOf(v string) claimex.Kind {
	if claimex.Kind(v) == claimex.KindEntity {
		return claimex.KindEntity
	}
	return claimex.KindCount
}

// leaseRequest is what a request asks of the queue.
func (s *Server) leaseRequest(r *http.Request, kind claimex.Kind, q store.Queue) store.LeaseRequest {
	id := me(r)
	return store.LeaseRequest{Holder: id.Session, Reviewer: id.Name, Kind: kind, Queue: q,
		Double: s.cfg.Double && q == store.QueueReview, TTL: s.cfg.LeaseTTL}
}

// queueAddress is the queue's address for a kind and queue, showing claim
// id when it is not 0.
func queueAddress(kind claimex.Kind, q store.Queue, id int64) string {
	v := url.Values{"kind": {string(kind)}}
	if q != store.QueueReview {
		v.Set("queue", string(q))
	}
	if id != 0 {
		v.Set("id", strconv.FormatInt(id, 10))
	}
	return "/queue?" + v.Encode()
}

// queue shows one claim in its article with the keys to decide on it:
// the claim asked for by id, else the next the queue leases to this
// browser, which no other reviewer is shown meanwhile.
func (s *Server) queue(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	kind, queue := kindOf(q.Get("kind")), s.queueOf(q.Get("queue"))
	req := s.leaseRequest(r, kind, queue)
	data := map[string]any{"Kind": kind, "Queue": string(queue)}
	var cur store.ClaimView
	var lease store.Lease
	var ok bool
	var err error
	if id, _ := strconv.ParseInt(q.Get("id"), 10, 64); id > 0 {
		cur, err = s.cfg.Store.Claim(ctx, id)
		ok = err == nil
		if errors.Is(err, store.ErrNoClaim) {
			err, data["Notice"] = nil, "That claim is no longer current (a new run replaced it); here is the next."
		}
		if ok && pending(cur.Status) {
			var by string
			if lease, by, err = s.cfg.Store.LeaseItem(ctx, req, cur.Key); err == nil && by != "" {
				data["HeldBy"] = by
			}
			if errors.Is(err, store.ErrLeaseBusy) {
				err = nil // shown unleased: the page takes the lease when it can
			}
		}
	}
	if err == nil && !ok {
		cur, lease, ok, err = s.cfg.Store.NextLease(ctx, req)
		if errors.Is(err, store.ErrLeaseBusy) {
			err, data["Busy"] = nil, true
		}
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.queueCounts(ctx, data, kind); err != nil {
		s.error(w, r, err)
		return
	}
	rs, err := s.currentRules(ctx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	data["Categories"], data["Palette"] = rs.CategoryNames(), palette{rs}
	if ok {
		doc, err := s.cfg.Store.Document(ctx, cur.DocumentID)
		if err != nil {
			s.error(w, r, err)
			return
		}
		next, prev, err := s.neighbours(ctx, store.ClaimFilter{Kind: kind}, cur.ID)
		if err != nil {
			s.error(w, r, err)
			return
		}
		flag, flagged, err := s.cfg.Store.FlagOf(ctx, cur.Key)
		if err != nil {
			s.error(w, r, err)
			return
		}
		// The two opinions are shown to whoever settles them, not to the
		// second reviewer, who judges on their own.
		if s.cfg.Double && queue == store.QueueAdjudicate {
			ops, err := s.cfg.Store.ClaimOpinions(ctx, cur.Key)
			if err != nil {
				s.error(w, r, err)
				return
			}
			data["Opinions"] = ops
		}
		twins, err := s.cfg.Store.Twins(ctx, cur.ID)
		if err != nil {
			s.error(w, r, err)
			return
		}
		tc := make([]claimex.Claim, len(twins))
		for i, t := range twins {
			tc[i] = t.Claim
		}
		data["Claim"], data["Doc"], data["Twins"] = cur, doc, twins
		data["Segments"] = focus(doc.Text, cur.Claim, tc...)
		data["Next"], data["Prev"], data["Lease"] = next, prev, lease
		if flagged {
			data["Flag"] = flag
		}
	}
	s.render(w, r, "queue", data)
}

// pending reports whether a claim of that status is still to review.
func pending(st claimex.Status) bool { return st == claimex.Unreviewed || st == claimex.Changed }

// queueCounts puts the queue's counters in a page's data.
func (s *Server) queueCounts(ctx context.Context, data map[string]any, kind claimex.Kind) error {
	counts, qc, err := s.cfg.Store.QueueTallies(ctx, kind)
	if err != nil {
		return err
	}
	data["Counts"], data["QueueCounts"] = progress(counts), qc
	return nil
}

// neighbours finds the claims around id, of any status: the next and
// previous (j and k).
func (s *Server) neighbours(ctx context.Context, base store.ClaimFilter, id int64) (next, prev int64, err error) {
	f := base
	f.After = id
	if v, ok, err := s.cfg.Store.First(ctx, f); err != nil {
		return 0, 0, err
	} else if ok {
		next = v.ID
	}
	f = base
	f.Before = id
	if v, ok, err := s.cfg.Store.First(ctx, f); err != nil {
		return 0, 0, err
	} else if ok {
		prev = v.ID
	}
	return next, prev, nil
}

// Progress is the queue's counters.
type Progress struct {
	Reviewed, Remaining, Accepted, Rejected, Edited, Changed, Total int
}

func progress(c map[claimex.Status]int) Progress {
	p := Progress{Accepted: c[claimex.Accepted], Rejected: c[claimex.Rejected], Edited: c[claimex.Edited],
		Changed: c[claimex.Changed]}
	p.Reviewed = p.Accepted + p.Rejected + p.Edited
	p.Remaining = c[claimex.Unreviewed] + p.Changed
	p.Total = p.Reviewed + p.Remaining
	return p
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequestf("%q is not an id", r.PathValue("id"))
	}
	return id, nil
}

// decisionOf reads a decision from a form: the action, and an edit's
// value, category and note.
func (s *Server) decisionOf(r *http.Request, id int64) (store.Decision, error) {
	d := store.Decision{ClaimID: id, Reviewer: me(r).Name, Note: strings.TrimSpace(r.PostFormValue("note"))}
	switch r.PostFormValue("action") {
	case "accept":
		d.Action = claimex.Accepted
	case "reject":
		d.Action = claimex.Rejected
	case "reset":
		d.Action = claimex.Unreviewed
	case "edit":
		d.Action = claimex.Edited
		if v := strings.TrimSpace(r.PostFormValue("value")); v != "" {
			f, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", ""), 64)
			if err != nil {
				return d, badRequestf("%q is not a number", v)
			}
			d.Value = &f
		}
		if c := claimex.Category(r.PostFormValue("category")); c != "" {
			rs, err := s.currentRules(r.Context())
			if err != nil {
				return d, err
			}
			if !rs.HasCategory(c) {
				return d, badRequestf("unknown category %q (the current rules have %s)", c, joinCategories(rs.CategoryNames()))
			}
			d.Category = c
		}
	default:
		return d, badRequestf("unknown action %q", r.PostFormValue("action"))
	}
	return d, nil
}

// decide records a decision from the queue or a document, then moves on:
// back where the form says, or to the next claim of the queue. On a desk
// of second opinions, a decision in the review queue is an opinion.
func (s *Server) decide(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	d, err := s.decisionOf(r, id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	queue := s.queueOf(r.PostFormValue("queue"))
	d.Holder = me(r).Session
	d.Opinion = s.cfg.Double && queue == store.QueueReview && d.Action != claimex.Unreviewed
	if _, err := s.cfg.Store.Decide(r.Context(), d); err != nil {
		s.error(w, r, err)
		return
	}
	s.moveOn(w, r, queue)
}

// moveOn sends a browser that acted on a claim back where its form says,
// or to the queue's next claim.
func (s *Server) moveOn(w http.ResponseWriter, r *http.Request, queue store.Queue) {
	if back := localPath(r.PostFormValue("back"), ""); back != "" {
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, queueAddress(kindOf(r.PostFormValue("kind")), queue, 0), http.StatusSeeOther)
}

// skip puts a claim aside for this browser and moves on.
func (s *Server) skip(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.cfg.Store.Skip(r.Context(), me(r).Session, id); err != nil {
		s.error(w, r, err)
		return
	}
	s.moveOn(w, r, s.queueOf(r.PostFormValue("queue")))
}

// flag flags a claim for discussion (on=1), or takes its flag off, and
// moves on.
func (s *Server) flag(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	on := r.PostFormValue("on") != "0"
	if err := s.cfg.Store.SetFlag(r.Context(), id, on, me(r).Name, strings.TrimSpace(r.PostFormValue("note")), me(r).Session); err != nil {
		s.error(w, r, err)
		return
	}
	s.moveOn(w, r, s.queueOf(r.PostFormValue("queue")))
}

// undo takes the latest decision on a claim back and shows the claim.
func (s *Server) undo(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	v, err := s.cfg.Store.Undo(r.Context(), id, me(r).Name)
	if err != nil {
		s.error(w, r, err)
		return
	}
	http.Redirect(w, r, queueAddress(v.Kind, s.queueOf(r.PostFormValue("queue")), id), http.StatusSeeOther)
}

// undoLast takes back this reviewer's latest decision, wherever it was
// made, and shows what it was about.
func (s *Server) undoLast(w http.ResponseWriter, r *http.Request) {
	u, err := s.cfg.Store.UndoLast(r.Context(), me(r).Name)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.showUndone(w, r, u)
}

// showUndone sends the browser to what an undo was about.
func (s *Server) showUndone(w http.ResponseWriter, r *http.Request, u store.Undone) {
	if back := localPath(r.PostFormValue("back"), ""); back != "" {
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	if u.Claim != nil {
		http.Redirect(w, r, queueAddress(u.Claim.Kind, store.QueueReview, u.Claim.ID), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/names?"+url.Values{"entity": {u.Entity}}.Encode(), http.StatusSeeOther)
}
