-- 责令改正通知书 as issued: numbered once from the bureau's pattern, never renumbered or
-- changed; their service (送达), append only.
CREATE TABLE notices (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  number TEXT NOT NULL UNIQUE,
  pattern TEXT NOT NULL,
  year INTEGER NOT NULL,
  serial BIGINT NOT NULL,
  org TEXT NOT NULL,
  region TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  items TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE notice_services (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  number TEXT NOT NULL REFERENCES notices (number),
  body TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX notice_services_by_number ON notice_services (number, seq);
CREATE TRIGGER notices_no_update BEFORE UPDATE ON notices
BEGIN SELECT RAISE(ABORT, 'notices are never changed'); END;
CREATE TRIGGER notices_no_delete BEFORE DELETE ON notices
BEGIN SELECT RAISE(ABORT, 'notices are never changed'); END;
CREATE TRIGGER notice_services_no_update BEFORE UPDATE ON notice_services
BEGIN SELECT RAISE(ABORT, 'notice_services is append-only'); END;
CREATE TRIGGER notice_services_no_delete BEFORE DELETE ON notice_services
BEGIN SELECT RAISE(ABORT, 'notice_services is append-only'); END;
