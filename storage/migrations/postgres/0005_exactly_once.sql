-- Yuanzi schema, version 5 (PostgreSQL): exactly once for commands and button presses.
CREATE TABLE acted (
    origin  TEXT PRIMARY KEY,
    at      TEXT NOT NULL,
    outcome TEXT
);

ALTER TABLE outbox ADD COLUMN origin TEXT;
ALTER TABLE outbox ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN for_user BIGINT;
CREATE UNIQUE INDEX outbox_origin ON outbox (origin) WHERE origin IS NOT NULL;

ALTER TABLE inbox ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE inbox ADD COLUMN set_aside TEXT;

ALTER TABLE reports ADD COLUMN edited_text TEXT;
