-- Search reads an entity mention's own words, not the text either side of
-- it (see ../0015_mention_search.sql): the claim's tsvector is computed
-- again without them, and its index built again.
ALTER TABLE claims DROP COLUMN search;
ALTER TABLE claims ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('claimex'::regconfig,
    text || ' ' || CASE WHEN kind = 'entity' THEN '' ELSE prefix || ' ' || suffix END || ' ' ||
    attribution || ' ' || subject || ' ' || location)) STORED;
CREATE INDEX claims_search ON claims USING gin (search);
