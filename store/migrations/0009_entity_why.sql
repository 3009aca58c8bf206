-- Why resolution put each name in its entity: the rule (folding,
-- transliteration, given names, nickname, surname, words, acronym,
-- qualifier, alias, place, correction; split for a name a reviewer took
-- out) and the other name of the entity it joined. Derived like the
-- rest of entity_names; where names were resolved already, the claims
-- version moves on so that the next ingest or extraction resolves them
-- again and fills the reasons in.
ALTER TABLE entity_names ADD COLUMN why TEXT NOT NULL DEFAULT '';
ALTER TABLE entity_names ADD COLUMN via TEXT NOT NULL DEFAULT '';
UPDATE state SET value = value + 1 WHERE name = 'claims_version' AND EXISTS (SELECT 1 FROM entity_names);
