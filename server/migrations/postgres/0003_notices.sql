-- 责令改正通知书 as issued: numbered once from the bureau's pattern, never renumbered or
-- changed; their service (送达), append only.
CREATE TABLE notices (
  seq BIGSERIAL PRIMARY KEY,
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
  seq BIGSERIAL PRIMARY KEY,
  number TEXT NOT NULL REFERENCES notices (number),
  body TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX notice_services_by_number ON notice_services (number, seq);
CREATE FUNCTION append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER notices_no_change BEFORE UPDATE OR DELETE ON notices
FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER notice_services_no_change BEFORE UPDATE OR DELETE ON notice_services
FOR EACH ROW EXECUTE FUNCTION append_only();
