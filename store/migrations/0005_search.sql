-- Full-text search over claims: their words, the text either side, and
-- whom they are attributed to, about and where. An external-content FTS5
-- index kept in step with the claims table by triggers.
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, prefix, suffix, attribution, subject, location,
    content = 'claims', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, text, prefix, suffix, attribution, subject, location)
    VALUES (new.id, new.text, new.prefix, new.suffix, new.attribution, new.subject, new.location);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, prefix, suffix, attribution, subject, location)
    VALUES ('delete', old.id, old.text, old.prefix, old.suffix, old.attribution, old.subject, old.location);
END;
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');
