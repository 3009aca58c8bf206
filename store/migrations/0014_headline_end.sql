-- Where a document's headline ends, in code points (see store/twins.go):
-- the body's start when cleaning recorded one, else the title's length
-- when the text begins with the title, else 0. Computed by the database
-- from the row, so that the queue's queries, which ask it of every claim,
-- read it rather than the document's whole text.
ALTER TABLE documents ADD COLUMN headline_end INTEGER GENERATED ALWAYS AS (CASE WHEN body_start > 0 THEN body_start
    WHEN title <> '' AND substr(text, 1, length(title)) = title THEN length(title) ELSE 0 END) VIRTUAL;
