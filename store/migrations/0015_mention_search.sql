-- Search reads an entity mention's own words, not the text either side of
-- it: a name's neighbours are other claims' words or none, and indexing
-- them made every search for a word ("killed") return each name written
-- near it. Mentions are most of the claims, so this is most of the index
-- and most of the time writing claims. A figure keeps its words, the text
-- either side, attribution, subject and place. The triggers and the bulk
-- indexing of a run made current (store/rerun.go) index the same columns,
-- so a deletion removes what was indexed; the index is built again here.
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_delete;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
WHEN new.run_id = (SELECT run_id FROM documents WHERE id = new.document_id) BEGIN
    INSERT INTO claims_fts (rowid, text, prefix, suffix, attribution, subject, location)
    VALUES (new.id, new.text, CASE new.kind WHEN 'entity' THEN '' ELSE new.prefix END,
        CASE new.kind WHEN 'entity' THEN '' ELSE new.suffix END, new.attribution, new.subject, new.location);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
WHEN old.run_id = (SELECT run_id FROM documents WHERE id = old.document_id) BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, prefix, suffix, attribution, subject, location)
    VALUES ('delete', old.id, old.text, CASE old.kind WHEN 'entity' THEN '' ELSE old.prefix END,
        CASE old.kind WHEN 'entity' THEN '' ELSE old.suffix END, old.attribution, old.subject, old.location);
END;
INSERT INTO claims_fts (claims_fts) VALUES ('delete-all');
INSERT INTO claims_fts (rowid, text, prefix, suffix, attribution, subject, location)
SELECT c.id, c.text, CASE c.kind WHEN 'entity' THEN '' ELSE c.prefix END,
    CASE c.kind WHEN 'entity' THEN '' ELSE c.suffix END, c.attribution, c.subject, c.location
FROM claims c WHERE c.run_id = (SELECT d.run_id FROM documents d WHERE d.id = c.document_id);
