-- Metadata a user edited (through the web with --allow-writes, or the library): applied over
-- what the reader and sidecars give each time the document is stored again, so a re-ingest
-- keeps it. Keyed by document id (ids are stable while the file's content is).

CREATE TABLE edits (
    doc_id TEXT NOT NULL,
    field TEXT NOT NULL,             -- one of fonds.sidecar.FIELDS
    value TEXT NOT NULL,             -- as a sidecar writes it ("1957-09-13", "a; b")
    edited_at TEXT NOT NULL,
    PRIMARY KEY (doc_id, field)
) WITHOUT ROWID;
