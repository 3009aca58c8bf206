-- The role a text gives a person ("Deputy Defense Minister").
ALTER TABLE claims ADD COLUMN role TEXT NOT NULL DEFAULT '';

-- Canonical names across the database. Each name a document resolved a
-- mention to maps to the name of its entity. Derived by entity
-- resolution after every ingest, extraction or correction; rebuilt whole.
CREATE TABLE entity_names (
    name      TEXT PRIMARY KEY,
    type      TEXT NOT NULL,
    canonical TEXT NOT NULL
);
CREATE INDEX entity_names_canonical ON entity_names (canonical);

-- People's corrections to entity resolution: "merge A B" puts B's entity
-- into A's, "split A" takes A out of its entity. Resolution applies them
-- every time; extraction never touches them.
CREATE TABLE entity_corrections (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    a          TEXT NOT NULL,
    b          TEXT NOT NULL DEFAULT '',
    reviewer   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
