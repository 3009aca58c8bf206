-- Runs: every extraction pass, with the rules it used.
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('ingest', 'extract')),
    status      TEXT    NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
    version     TEXT    NOT NULL,
    rules_name  TEXT    NOT NULL,
    rules_hash  TEXT    NOT NULL,
    rules_text  TEXT    NOT NULL,
    started_at  TEXT    NOT NULL,
    finished_at TEXT,
    documents   INTEGER NOT NULL DEFAULT 0,
    claims      INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0
);

-- Documents: one per distinct input (by the SHA-256 of its bytes).
-- run_id names the run whose claims are current for the document; a new
-- run becomes current by moving run_id, so readers never see a half-made run.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    hash        TEXT    NOT NULL UNIQUE,
    source      TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    raw         BLOB    NOT NULL, -- gzip of the input bytes
    raw_size    INTEGER NOT NULL,
    title       TEXT    NOT NULL DEFAULT '',
    published   TEXT    NOT NULL DEFAULT '',
    byline      TEXT    NOT NULL DEFAULT '',
    site        TEXT    NOT NULL DEFAULT '',
    url         TEXT    NOT NULL DEFAULT '',
    lang        TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL,
    run_id      INTEGER REFERENCES runs (id),
    ingested_at TEXT    NOT NULL
);

-- Claims: count and entity claims of every run. Offsets count Unicode code
-- points in documents.text; the sentence is cut from it on reading.
CREATE TABLE claims (
    id             INTEGER PRIMARY KEY,
    key            TEXT    NOT NULL,
    document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    run_id         INTEGER NOT NULL REFERENCES runs (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('count', 'entity')),
    category       TEXT    NOT NULL DEFAULT '',
    value          REAL,
    value_max      REAL,
    qualifier      TEXT    NOT NULL DEFAULT '',
    vague          TEXT    NOT NULL DEFAULT '',
    subject        TEXT    NOT NULL DEFAULT '',
    entity_type    TEXT    NOT NULL DEFAULT '',
    canonical      TEXT    NOT NULL DEFAULT '',
    attribution    TEXT    NOT NULL DEFAULT '',
    location       TEXT    NOT NULL DEFAULT '',
    text           TEXT    NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    prefix         TEXT    NOT NULL,
    suffix         TEXT    NOT NULL,
    rule           TEXT    NOT NULL
);
CREATE INDEX claims_document_run ON claims (document_id, run_id, start);
CREATE INDEX claims_key ON claims (key);

-- Reviews: a person's decision on a claim, attached to the claim's key so
-- it outlives any run. Extraction never deletes a review.
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    status      TEXT    NOT NULL CHECK (status IN ('accepted', 'rejected', 'edited')),
    reviewer    TEXT    NOT NULL,
    decided_at  TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    value       REAL,
    category    TEXT    NOT NULL DEFAULT '',
    snapshot    TEXT    NOT NULL -- JSON of the claim fields as reviewed
);
