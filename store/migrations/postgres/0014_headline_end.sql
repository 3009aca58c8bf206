-- Where a document's headline ends (see ../0014_headline_end.sql). Stored
-- here: PostgreSQL keeps a long text apart from its row, compressed
-- (TOAST), and computing this at each read would fetch and decompress the
-- whole text once per claim. Adding it rewrites the documents table once.
ALTER TABLE documents ADD COLUMN headline_end INTEGER GENERATED ALWAYS AS (CASE WHEN body_start > 0 THEN body_start
    WHEN title <> '' AND substr(text, 1, length(title)) = title THEN length(title) ELSE 0 END) STORED;
