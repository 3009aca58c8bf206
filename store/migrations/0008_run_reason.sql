-- Why a run failed, when it did: the error that stopped it (a disk that
-- filled up mid-ingest), '' otherwise.
ALTER TABLE runs ADD COLUMN reason TEXT NOT NULL DEFAULT '';
