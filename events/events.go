// Package events groups documents into events: the same happening reported
// by several sources, maybe over days. It reads what extraction found in
// each document — the places named (with the region and country that hold
// them), its date (the published date, or the dates its text gives), the
// people and organisations named, what its figures count — and how alike
// the texts are (TF-IDF over content words and entity names), and it
// applies reviewers' corrections over the result.
//
// Documents are taken in id order, each joining the most similar event so
// far or starting one, so documents ingested later join the events of
// those before. A document joins an event only when it shares a place or a
// named person or organisation with every document of it, when its date
// lies within MaxGap of the event's dates, and when its texts are alike
// enough: two events of one category and subject stay apart unless their
// reports are about the same happening.
//
// Group is pure: no I/O; the same documents and corrections give the same
// events.
package events
