CREATE TABLE failures (
    source   TEXT    PRIMARY KEY,
    stage    TEXT    NOT NULL,
    reason   TEXT    NOT NULL,
    run_id   BIGINT  REFERENCES runs (id),
    attempts INTEGER NOT NULL DEFAULT 1,
    at       TEXT    NOT NULL
);

CREATE TABLE state (
    name  TEXT   PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO state (name, value) VALUES ('claims_version', 0), ('entities_version', 0);
-- (SQLite's search triggers have no counterpart: see 0005_search.sql.)
