package claimex

import "time"

// Status is a claim's review state.
type Status string

// Review statuses. A claim with no review is Unreviewed; Changed marks a
// reviewed claim whose fields moved under a later run.
const (
	Unreviewed Status = "unreviewed"
	Accepted   Status = "accepted"
	Rejected   Status = "rejected"
	Edited     Status = "edited"
	Changed    Status = "changed"
)

// Review is a person's decision on a claim, attached to the claim's key so
// that it survives re-extraction.
type Review struct {
	ID         int64
	Key        string
	DocumentID int64
	Status     Status
	Reviewer   string
	DecidedAt  time.Time
	Note       string
	// Corrections made by an edit; nil or empty when not corrected.
	Value    *float64
	Category Category
}
