ALTER TABLE documents ADD COLUMN analysis BYTEA;
ALTER TABLE staged_documents ADD COLUMN analysis BYTEA;
