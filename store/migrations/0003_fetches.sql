-- The Content-Type a fetched page came with: it may name the charset, so
-- cleaning the raw bytes again needs it.
ALTER TABLE documents ADD COLUMN content_type TEXT NOT NULL DEFAULT '';

-- Where the article's own text starts in text, after a headline that
-- cleaning put first (code points).
ALTER TABLE documents ADD COLUMN body_start INTEGER NOT NULL DEFAULT 0;

-- Fetches: what was last retrieved from each URL, with the validators that
-- let the next ingest ask "has it changed?" (If-None-Match,
-- If-Modified-Since). A row is written with or after its document, never
-- before: a 304 must always point at a stored document.
CREATE TABLE fetches (
    url           TEXT PRIMARY KEY,
    final_url     TEXT NOT NULL,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    hash          TEXT NOT NULL,
    fetched_at    TEXT NOT NULL
);
