-- Full-text search over claims (../0005_search.sql), with PostgreSQL's
-- own text search: each claim's words, the text either side, whom it is
-- attributed to, about and where, as a tsvector kept with the claim and
-- indexed. The configuration splits words as the 'simple' one does
-- (no stemming, no stop words, as FTS5's unicode61) and, where the
-- unaccent extension can be had, folds accents as remove_diacritics does.
-- Only current claims are ever read, so claims of a run not yet current
-- never match, as SQLite's index leaves them out.
CREATE TEXT SEARCH CONFIGURATION claimex (COPY = simple);
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS unaccent;
    ALTER TEXT SEARCH CONFIGURATION claimex ALTER MAPPING FOR word, hword, hword_part, asciiword,
        asciihword, hword_asciipart WITH unaccent, simple;
EXCEPTION WHEN others THEN
    RAISE NOTICE 'claimex: search folds no accents: %', SQLERRM;
END
$$;

ALTER TABLE claims ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('claimex'::regconfig,
    text || ' ' || prefix || ' ' || suffix || ' ' || attribution || ' ' || subject || ' ' || location)) STORED;
CREATE INDEX claims_search ON claims USING gin (search);
