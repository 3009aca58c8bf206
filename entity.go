package claimex

import "time"

// NameUse counts how a name is used across the database: the name that
// documents resolved entity mentions to ("Serik Shalabayev" for "Mr
// Shalabayev"), with the type they gave it.
type NameUse struct {
	Name     string
	Type     string
	Mentions int
}

// EntityName says which entity a name belongs to, by the entity's
// canonical name and type.
type EntityName struct {
	Name, Canonical, Type string
}

// Entity correction kinds.
const (
	// Merge puts B's entity into A's; A's name becomes the canonical one.
	Merge = "merge"
	// Split takes A out of its entity.
	Split = "split"
)

// EntityCorrection is a person's correction to entity resolution. It
// outlives every re-extraction.
type EntityCorrection struct {
	ID        int64
	Kind      string
	A, B      string
	Reviewer  string
	CreatedAt time.Time
}
