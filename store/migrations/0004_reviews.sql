-- A claim's reviewed fields as one comparable value: a review made when
-- they were X carries over to a later run's claim with the same key only
-- while they are still X; otherwise the claim is "changed".
ALTER TABLE claims ADD COLUMN fingerprint TEXT GENERATED ALWAYS AS (json_array(kind, category, value, value_max,
    qualifier, vague, subject, entity_type, canonical, attribution, location)) VIRTUAL;

-- The fingerprint of the claim a review decided on.
ALTER TABLE reviews ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
-- What an edit corrected the category to is in reviews.category, the value
-- in reviews.value; the original stays in the snapshot.
CREATE INDEX reviews_document ON reviews (document_id);

-- Every decision ever made, in order: the audit trail behind reviews
-- (which keeps only the latest decision per claim key).
CREATE TABLE review_events (
    id          INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    action      TEXT    NOT NULL CHECK (action IN ('accepted', 'rejected', 'edited', 'reset')),
    reviewer    TEXT    NOT NULL,
    decided_at  TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    value       REAL,
    category    TEXT    NOT NULL DEFAULT '',
    snapshot    TEXT    NOT NULL
);
CREATE INDEX review_events_key ON review_events (key);

-- Which process runs a run, so that a run left 'running' by a process
-- that died can be told from one still going.
ALTER TABLE runs ADD COLUMN pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN host TEXT NOT NULL DEFAULT '';

-- Documents a re-extraction has done, with what it will make current when
-- the run completes: the run switches all of them in one transaction.
-- Text and metadata are set only when the run re-cleaned the raw bytes.
CREATE TABLE staged_documents (
    run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    text        TEXT,
    body_start  INTEGER,
    title       TEXT,
    published   TEXT,
    byline      TEXT,
    site        TEXT,
    url         TEXT,
    lang        TEXT,
    PRIMARY KEY (run_id, document_id)
);
CREATE INDEX claims_run ON claims (run_id);
