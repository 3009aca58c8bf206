package export

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/claimex/claimex/store"
)

// EventRecord is one event as exported: its id, title, places, the days
// its documents are dated, and its documents with their sources.
type EventRecord struct {
	ID     int64    `json:"id"`
	Title  string   `json:"title"`
	Places []string `json:"places"`
	// First and Last are YYYY-MM-DD, null when no document is dated.
	First       *string  `json:"first_date"`
	Last        *string  `json:"last_date"`
	Documents   int      `json:"documents"`
	DocumentIDs []int64  `json:"document_ids"`
	Sources     []string `json:"sources"`
	Figures     int      `json:"figures"`
}

var eventColumns = columns{
	names:   []string{"id", "title", "places", "first_date", "last_date", "documents", "document_ids", "sources", "figures"},
	numbers: []string{"id", "documents", "figures"},
}

// NewEventRecord makes the exported form of an event.
func NewEventRecord(e store.EventSummary) EventRecord {
	r := EventRecord{ID: e.ID, Title: e.Title, Places: e.Places, First: opt(e.First), Last: opt(e.Last),
		Documents: len(e.Documents), DocumentIDs: e.Documents, Sources: e.Sources, Figures: e.Figures}
	if r.Places == nil {
		r.Places = []string{}
	}
	return r
}

func (r EventRecord) row() []string {
	ids := make([]string, len(r.DocumentIDs))
	for i, id := range r.DocumentIDs {
		ids[i] = itoa(id)
	}
	return []string{itoa(r.ID), r.Title, strings.Join(r.Places, "; "), str(r.First), str(r.Last),
		strconv.Itoa(r.Documents), strings.Join(ids, "; "), strings.Join(r.Sources, "; "), strconv.Itoa(r.Figures)}
}

// EventFormats are the formats Events writes.
var EventFormats = []Format{JSONL, JSON, CSV}

// Events writes every event with the sources of its documents to w, in id
// order, returning how many it wrote. JSON-LD has no form for events.
func Events(ctx context.Context, st *store.Store, f Format, w io.Writer, opts ...Option) (int, error) {
	return write(f, w, opts, eventColumns, EventRecord.row, func(emit func(EventRecord) error) error {
		list, err := st.Events(ctx, 0)
		if err != nil {
			return err
		}
		for _, e := range list {
			if err := emit(NewEventRecord(e)); err != nil {
				return err
			}
		}
		return nil
	})
}
