-- Names: mentions of persons, places and organizations in each document's text (an
-- authority entry, or a candidate known by its comparison key), and the authority entries
-- users add to the ones fonds ships (fonds/data/authority.csv, gazetteer.csv).

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,   -- in the document's text
    end_offset INTEGER NOT NULL,
    kind TEXT NOT NULL,              -- person | place | org
    entity_id TEXT,                  -- authority id; NULL for a candidate
    surface TEXT NOT NULL,           -- the name as written
    key TEXT NOT NULL,               -- comparison keys of the name, space-separated
    group_key TEXT NOT NULL,         -- the one key candidates are grouped by
    confidence REAL NOT NULL,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity_id, doc_id) WHERE entity_id IS NOT NULL;
CREATE INDEX mentions_group ON mentions(group_key, doc_id) WHERE entity_id IS NULL;

CREATE TABLE authority (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('person', 'place', 'org')),
    name TEXT NOT NULL,
    variants TEXT NOT NULL DEFAULT '',   -- "|"-separated, as in the shipped CSV
    native TEXT NOT NULL DEFAULT '',
    born TEXT NOT NULL DEFAULT '',
    died TEXT NOT NULL DEFAULT '',
    roles TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    wikidata TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);
