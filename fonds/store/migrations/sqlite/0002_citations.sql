-- Citations found in notes: one row per citation, with its parsed archival fields and the
-- canonical form (archival file or work) under which the same source cited differently meets.

CREATE TABLE citations (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    note TEXT NOT NULL,
    start_offset INTEGER NOT NULL,   -- in the note's text
    end_offset INTEGER NOT NULL,
    kind TEXT NOT NULL,
    raw TEXT NOT NULL,
    archive TEXT,
    fields TEXT NOT NULL DEFAULT '{}',
    canonical TEXT,
    pages TEXT,
    refers_to INTEGER,               -- seq of the citation a back-reference resolves to
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX citations_canonical ON citations(canonical);
CREATE INDEX citations_archive ON citations(archive, kind);
