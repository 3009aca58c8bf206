-- Inputs that could not be stored, with why: one row per source, the
-- latest attempt. A later ingest that stores the source deletes its row.
CREATE TABLE failures (
    source   TEXT    PRIMARY KEY,
    stage    TEXT    NOT NULL,
    reason   TEXT    NOT NULL,
    run_id   INTEGER REFERENCES runs (id),
    attempts INTEGER NOT NULL DEFAULT 1,
    at       TEXT    NOT NULL
);

-- Small counters the store keeps about itself. 'claims_version' grows with
-- every write of claims; 'entities_version' is the claims_version the
-- stored entity resolution was computed from, so a resolution cut short
-- (a killed process) is noticed and redone.
CREATE TABLE state (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO state (name, value) VALUES ('claims_version', 0), ('entities_version', 0);

-- The search index holds the current claims only. A re-extraction's claims
-- are staged unindexed and indexed in bulk when the run is made current
-- (CommitRun), in one transaction, rather than row by row into an index
-- that must then merge a segment per batch.
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_delete;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
WHEN new.run_id = (SELECT run_id FROM documents WHERE id = new.document_id) BEGIN
    INSERT INTO claims_fts (rowid, text, prefix, suffix, attribution, subject, location)
    VALUES (new.id, new.text, new.prefix, new.suffix, new.attribution, new.subject, new.location);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
WHEN old.run_id = (SELECT run_id FROM documents WHERE id = old.document_id) BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, prefix, suffix, attribution, subject, location)
    VALUES ('delete', old.id, old.text, old.prefix, old.suffix, old.attribution, old.subject, old.location);
END;
