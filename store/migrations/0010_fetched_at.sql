-- When the bytes were retrieved from the web: the WARC-Date of a page read
-- from a web archive, the time of the request for a URL; '' for a file.
ALTER TABLE documents ADD COLUMN fetched_at TEXT NOT NULL DEFAULT '';
