package claimex

import "time"

// Event is one happening as the documents report it: the same riot, crash
// or flood told by several sources, maybe over days. Events are derived
// from the documents and their claims (package events) and corrected by
// reviewers.
type Event struct {
	ID    int64
	Title string
	// Places are the places its documents name most, the most specific
	// first ("Almaty", "Kazakhstan").
	Places []string
	// First and Last are the first and last day its documents are dated,
	// as YYYY-MM-DD; "" when none is dated.
	First, Last string
	// Documents are its documents' ids, ascending.
	Documents []int64
}

// Kinds of event correction.
const (
	// EventMerge puts the event of Target into the event of Document.
	EventMerge = "merge"
	// EventMove takes Document out of its event into the event of
	// Target, or into a new event of its own when Target is 0.
	EventMove = "move"
)

// EventCorrection is a reviewer's correction to the grouping of documents
// into events. It names documents, not events, since event ids are
// assigned anew by every grouping; it is applied every time documents are
// grouped, in the order corrections were made.
type EventCorrection struct {
	ID        int64
	Kind      string
	Document  int64
	Target    int64
	Reviewer  string
	CreatedAt time.Time
}
