-- A review desk shared by a team (issue 18): reviewers with links of their
-- own, claims leased to the reviewer they are shown to, second opinions,
-- flags, entity decisions, and an audit trail whose every entry can be
-- undone.
--
-- Plain SQL throughout, for a port to PostgreSQL: times are written by the
-- program (never by the database) as fixed-width UTC text, so that
-- comparing two of them as text compares the times; no SQLite function is
-- used in a query the desk makes.

-- The people who review through their own link. Only a hash of each
-- person's token is kept; a revoked reviewer's link stops working at once.
CREATE TABLE reviewers (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- A claim (or an entity, as 'entity:' and its name) leased to the browser
-- it is shown to, until expires_at. In a single-review desk every lease
-- has slot 1, so the primary key alone keeps a claim from two reviewers;
-- with second opinions a claim has slots 1 and 2, never twice one holder.
-- Expired leases mean nothing and are deleted by the next lease taken.
CREATE TABLE leases (
    item       TEXT    NOT NULL,
    slot       INTEGER NOT NULL,
    holder     TEXT    NOT NULL,
    reviewer   TEXT    NOT NULL,
    nonce      TEXT    NOT NULL,
    leased_at  TEXT    NOT NULL,
    expires_at TEXT    NOT NULL,
    PRIMARY KEY (item, slot),
    UNIQUE (item, holder)
);
CREATE INDEX leases_holder ON leases (holder);
CREATE INDEX leases_expires ON leases (expires_at);

-- Claims a browser skipped: offered to it again only when nothing else is
-- left.
CREATE TABLE skips (
    holder     TEXT NOT NULL,
    item       TEXT NOT NULL,
    skipped_at TEXT NOT NULL,
    PRIMARY KEY (holder, item)
);

-- Claims flagged for discussion: out of the queue, in the flagged queue,
-- until someone decides on them or takes the flag off.
CREATE TABLE flags (
    key         TEXT    PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id),
    reviewer    TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    flagged_at  TEXT    NOT NULL
);

-- The audit trail learns what each entry was: a decision; an opinion (a
-- first or second opinion, which decides nothing alone); the decision two
-- agreeing opinions made; or the undoing of the entry named by undoes.
-- action stays what the claim's review became.
ALTER TABLE review_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'decision'
    CHECK (kind IN ('decision', 'opinion', 'agreed', 'undo'));
ALTER TABLE review_events ADD COLUMN undoes INTEGER REFERENCES review_events (id);
CREATE INDEX review_events_undoes ON review_events (undoes);
CREATE INDEX review_events_reviewer ON review_events (reviewer, id);

-- Each reviewer's standing opinion on a claim, with a second opinion on:
-- two agreeing opinions decide, two that differ go to adjudication.
-- fingerprint is the claim's as it was judged: an opinion on fields a
-- later run moved counts no more.
CREATE TABLE opinions (
    key            TEXT    NOT NULL,
    reviewer       TEXT    NOT NULL,
    event_id       INTEGER NOT NULL REFERENCES review_events (id),
    action         TEXT    NOT NULL CHECK (action IN ('accepted', 'rejected', 'edited')),
    value          REAL,
    category       TEXT    NOT NULL DEFAULT '',
    claim_category TEXT    NOT NULL DEFAULT '',
    fingerprint    TEXT    NOT NULL,
    decided_at     TEXT    NOT NULL,
    PRIMARY KEY (key, reviewer)
);

-- Decisions on whole entities (is this a person, an organisation, a
-- place, under this name?), made once rather than on every mention. Each
-- attaches to every name the entity had, so that it holds for whichever
-- entity those names belong to after names are resolved again.
CREATE TABLE entity_reviews (
    id         INTEGER PRIMARY KEY,
    canonical  TEXT NOT NULL,
    type       TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'reset')),
    reviewer   TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    undoes     INTEGER REFERENCES entity_reviews (id)
);
CREATE INDEX entity_reviews_reviewer ON entity_reviews (reviewer, id);
CREATE INDEX entity_reviews_undoes ON entity_reviews (undoes);
CREATE TABLE entity_review_names (
    review_id INTEGER NOT NULL REFERENCES entity_reviews (id),
    name      TEXT    NOT NULL,
    PRIMARY KEY (review_id, name)
);
CREATE INDEX entity_review_names_name ON entity_review_names (name);
