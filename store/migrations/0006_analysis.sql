-- What the language models said of a document's text (tags, entity
-- labels), kept so that re-extraction need not run them again. A cache:
-- extraction ignores one that does not match the text or the models.
ALTER TABLE documents ADD COLUMN analysis BLOB;
ALTER TABLE staged_documents ADD COLUMN analysis BLOB;
