-- Rectification items that the bureau and the enterprise share: one row per item with
-- the fields lists filter on and reports count (and the number of measures), so neither
-- reads the document, and a revision that every change moves on.
CREATE TABLE items (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  org TEXT NOT NULL,
  region TEXT NOT NULL,
  list TEXT NOT NULL,
  source TEXT NOT NULL,
  status TEXT NOT NULL,
  unit TEXT NOT NULL,
  person TEXT NOT NULL,
  deadline TEXT,
  rule TEXT,
  problem TEXT NOT NULL,
  provision TEXT NOT NULL,
  measures BIGINT NOT NULL,
  revision BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- The documents, apart: a list or a report reads the small rows above only.
CREATE TABLE item_bodies (
  item_id TEXT PRIMARY KEY REFERENCES items (id),
  body TEXT NOT NULL
);
CREATE INDEX items_by_org ON items (org, seq);
CREATE INDEX items_by_region ON items (region, seq);
CREATE INDEX items_by_status ON items (status, seq);
CREATE INDEX items_by_region_status ON items (region, status);
CREATE INDEX items_by_org_status ON items (org, status);

-- Every creation, transition and edit, with who did it. Append only.
CREATE TABLE item_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT NOT NULL REFERENCES items (id),
  action TEXT NOT NULL,
  actor_sub TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  actor_org TEXT NOT NULL,
  actor_region TEXT NOT NULL,
  at TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  fields TEXT NOT NULL,
  note TEXT NOT NULL,
  revision BIGINT NOT NULL
);
CREATE INDEX item_history_by_item ON item_history (item_id, seq);
CREATE TRIGGER item_history_no_update BEFORE UPDATE ON item_history
BEGIN SELECT RAISE(ABORT, 'item_history is append-only'); END;
CREATE TRIGGER item_history_no_delete BEFORE DELETE ON item_history
BEGIN SELECT RAISE(ABORT, 'item_history is append-only'); END;

-- Numbers handed out one at a time (item ids per year, notice numbers per pattern and year).
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
