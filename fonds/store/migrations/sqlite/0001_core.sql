-- fonds core schema: sources, their paths, documents, notes, and the change log the
-- search index catches up from. Never edit once released; add a new numbered file.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE sources (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    first_path TEXT NOT NULL,
    added_at TEXT NOT NULL
);

CREATE TABLE paths (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES sources(sha256) ON DELETE CASCADE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    meta_hash TEXT NOT NULL
);
CREATE INDEX paths_sha256 ON paths(sha256);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES sources(sha256) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    raw_text TEXT,                 -- the text as read when extractors changed it; NULL if same
    date_start TEXT,
    date_end TEXT,
    type TEXT,
    language TEXT,
    authors TEXT NOT NULL DEFAULT '[]',   -- JSON list
    collection TEXT,
    archive_citation TEXT,
    translator TEXT,
    source_url TEXT,
    rights TEXT,
    pages TEXT NOT NULL DEFAULT '[]',     -- JSON list of page start offsets
    page_count INTEGER,
    sections TEXT NOT NULL DEFAULT '[]',  -- JSON list of [title, start, end]
    removed TEXT NOT NULL DEFAULT '[]',   -- JSON list of [start, end] in raw_text
    status TEXT NOT NULL DEFAULT 'ok',
    origin TEXT NOT NULL DEFAULT '{}',    -- JSON object field -> file|sidecar|guessed|ocr
    extractors TEXT NOT NULL DEFAULT '{}',-- JSON object extractor name -> version run
    text_bytes INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_sha256 ON documents(sha256);

CREATE TABLE notes (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    marker_offset INTEGER,
    raw_start INTEGER,
    raw_end INTEGER,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

-- Every save or delete of a document gets a sequence number; the index records the last
-- one it holds and catches up from here.
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('put', 'delete'))
);
