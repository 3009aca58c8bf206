-- When a running run's process last said it was alive, in the database's
-- own clock (see store/runlease.go): a run whose heartbeat is older than
-- the expiry is taken for dead, wherever it ran. NULL for the runs of a
-- claimex from before the heartbeat.
ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
