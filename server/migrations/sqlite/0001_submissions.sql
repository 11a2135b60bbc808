-- Templates as published: a version never changes once stored.
CREATE TABLE templates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  version TEXT NOT NULL,
  body TEXT NOT NULL,
  digest TEXT NOT NULL,
  published_at TEXT NOT NULL,
  UNIQUE (id, version)
);

-- Submissions as received: re-validated, with the owner taken from the token.
CREATE TABLE submissions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT NOT NULL UNIQUE,
  template_id TEXT NOT NULL,
  template_version TEXT NOT NULL,
  owner_sub TEXT NOT NULL,
  owner_role TEXT NOT NULL,
  owner_org TEXT NOT NULL,
  owner_region TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  received_at TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (owner_sub, idempotency_key)
);
CREATE INDEX submissions_by_template ON submissions (template_id, template_version, seq);
CREATE INDEX submissions_by_org ON submissions (owner_org, seq);
CREATE INDEX submissions_by_region ON submissions (owner_region, seq);
