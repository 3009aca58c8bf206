package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/claimex/claimex"
	"github.com/claimex/claimex/events"
	"github.com/claimex/claimex/store"
)

// GroupEvents groups every stored document into events anew, with the
// reviewers' corrections, and stores the grouping: events keep their ids
// while they keep most of their documents, so the documents of an ingest
// join the events stored before. It runs after each ingest, extraction and
// correction, after entity resolution (the names it reads are resolved
// ones). It returns the number of events.
func GroupEvents(ctx context.Context, st *store.Store) (int, error) {
	start := time.Now()
	version, err := st.ClaimsVersion(ctx)
	if err != nil {
		return 0, err
	}
	// Each document is read into the grouper as it comes, so no text
	// stays in memory.
	g, docs := events.NewGrouper(), 0
	err = st.EventSources(ctx, func(s store.EventSource) error {
		g.Add(eventDoc(s))
		docs++
		return nil
	})
	if err != nil {
		return 0, err
	}
	corrections, err := st.EventCorrections(ctx)
	if err != nil {
		return 0, err
	}
	read := time.Since(start)
	evs := g.Group(corrections, events.Options{})
	old, next, err := st.EventMembership(ctx)
	if err != nil {
		return 0, err
	}
	next = events.AssignIDs(evs, old, next)
	if err := st.ReplaceEvents(ctx, evs, version, next); err != nil {
		return 0, err
	}
	slog.Debug("events grouped", "documents", docs, "events", len(evs), "read", read, "took", time.Since(start))
	return len(evs), nil
}

// eventDoc is what grouping needs of a document: its places, people and
// organisations, and what its figures count.
func eventDoc(s store.EventSource) events.Doc {
	d := events.Doc{ID: s.ID, Title: s.Title, Text: s.Text, Published: s.Published}
	for _, c := range s.Claims {
		switch {
		case c.Kind == claimex.KindEntity && (c.EntityType == claimex.GPE || c.EntityType == claimex.Loc):
			d.Places = append(d.Places, c.Canonical)
		case c.Kind == claimex.KindEntity && (c.EntityType == claimex.Person || c.EntityType == claimex.Org):
			d.Names = append(d.Names, c.Canonical)
		case c.Kind == claimex.KindCount:
			if c.Location != "" {
				d.Places = append(d.Places, c.Location)
			}
			d.Subjects = append(d.Subjects, string(c.Category)+"/"+c.Subject)
		}
	}
	return d
}

// groupAfter regroups events when an ingest stored something, or when
// the stored grouping is older than the claims.
func groupAfter(ctx context.Context, st *store.Store, rep *Report) error {
	if rep.New == 0 {
		stale, err := st.EventsStale(context.WithoutCancel(ctx))
		if err != nil || !stale {
			return err
		}
	}
	n, err := GroupEvents(context.WithoutCancel(ctx), st)
	if err != nil {
		return fmt.Errorf("group events: %w", err)
	}
	rep.Events = n
	return nil
}

// CorrectEvents records a reviewer's correction in terms of documents and
// groups again, so that it shows at once. Merge takes two event ids
// (a, b: b's documents join a); move a document id and an event id, or 0
// for an event of its own. It returns the event the corrected document
// is in after it (an event keeps its id while it keeps most of its
// documents, so a merge may go by either id) and the number of events.
func CorrectEvents(ctx context.Context, st *store.Store, kind string, a, b int64, reviewer string) (event int64, events int, err error) {
	first := func(id int64) (int64, error) {
		evs, err := st.Events(ctx, id)
		if err != nil {
			return 0, store.Invalidf("no event %d; 'claimex events' lists them", id)
		}
		return evs[0].Documents[0], nil
	}
	c := claimex.EventCorrection{Kind: kind, Reviewer: reviewer}
	switch kind {
	case claimex.EventMerge:
		if a == b {
			return 0, 0, store.Invalidf("event %d and event %d are one event already", a, b)
		}
		if c.Document, err = first(a); err != nil {
			return 0, 0, err
		}
		if c.Target, err = first(b); err != nil {
			return 0, 0, err
		}
	case claimex.EventMove:
		in, ok, err := st.EventOfDocument(ctx, a)
		if err != nil {
			return 0, 0, err
		}
		if !ok {
			return 0, 0, store.Invalidf("no document %d; 'claimex documents' lists them", a)
		}
		c.Document = a
		if b != 0 {
			if in == b {
				return 0, 0, store.Invalidf("document %d is in event %d already", a, b)
			}
			if c.Target, err = first(b); err != nil {
				return 0, 0, err
			}
		}
	default:
		return 0, 0, fmt.Errorf("unknown event correction %q", kind)
	}
	if _, err := st.AddEventCorrection(ctx, c); err != nil {
		return 0, 0, err
	}
	if events, err = GroupEvents(ctx, st); err != nil {
		return 0, 0, err
	}
	event, _, err = st.EventOfDocument(ctx, c.Document)
	return event, events, err
}
