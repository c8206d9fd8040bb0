-- Facts: dates, money, quantities, percentages and stated exchange rates found in each
-- document, with offsets in its text (or in one of its notes), the parsed value as JSON,
-- and the columns facts are filtered and grouped by.

CREATE TABLE facts (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    note TEXT,                       -- the note's label; NULL: the body text
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    kind TEXT NOT NULL,              -- date | money | quantity | percent | rate
    subject TEXT,
    surface TEXT NOT NULL,           -- the figure as written
    value TEXT NOT NULL,             -- JSON
    currency TEXT,
    year INTEGER,                    -- the year it refers to (a date: its first year)
    amount REAL,                     -- money: the amount; quantity, percent: the value
    usd REAL,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX facts_kind ON facts(kind, year);
