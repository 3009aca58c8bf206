-- Events: documents grouped by the happening they report (package
-- events). Derived after every ingest, extraction or correction, rebuilt
-- whole; an event keeps its id while it keeps most of its documents.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    places     TEXT NOT NULL DEFAULT '[]', -- JSON array, most specific first
    first_date TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD, '' when undated
    last_date  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE event_documents (
    document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE
);
CREATE INDEX event_documents_event ON event_documents (event_id);

-- Reviewers' corrections to the grouping, by document: "merge" puts the
-- event of target_id into the event of document_id, "move" takes
-- document_id into the event of target_id, or into one of its own when
-- target_id is NULL. Grouping applies them every time, oldest first;
-- extraction never touches them.
CREATE TABLE event_corrections (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('merge', 'move')),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    target_id   INTEGER REFERENCES documents (id),
    reviewer    TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);

-- 'events_version' is the claims_version the stored events were grouped
-- from; 'events_next' the next event id never given.
INSERT INTO state (name, value) VALUES ('events_version', 0), ('events_next', 1);

-- A decision on a figure is a decision on its twin across the headline
-- (twins.go): the twin's entry names the entry it was made with, so that
-- the two are one item of the history and are undone together.
ALTER TABLE review_events ADD COLUMN with_event INTEGER REFERENCES review_events (id);
CREATE INDEX review_events_with ON review_events (with_event) WHERE with_event IS NOT NULL;
