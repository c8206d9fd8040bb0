-- A smaller archive: a mention's comparison keys are derived from its surface when needed
-- (the search index keeps them), and only candidates need the key they are grouped by.
-- Document texts written from now on are compressed (see pack_text in fonds/store/sqlite.py).

ALTER TABLE mentions DROP COLUMN key;
UPDATE mentions SET group_key = '' WHERE entity_id IS NOT NULL;
