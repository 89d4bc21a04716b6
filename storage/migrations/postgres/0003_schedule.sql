-- Yuanzi schema, version 3 (PostgreSQL): what was posted on a schedule, reminders, and indexes
-- shaped for the digest and the statistics.

CREATE TABLE scheduled_posts (
    kind        TEXT NOT NULL,
    chat_id     BIGINT NOT NULL,
    occurrence  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('posted', 'skipped', 'empty')),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (kind, chat_id, occurrence)
);

ALTER TABLE tickets ADD COLUMN reminded_at TEXT;

CREATE INDEX tickets_chat_created ON tickets (chat_id, created_at);
CREATE INDEX tickets_chat_done ON tickets (chat_id, done_at);
CREATE INDEX tickets_created ON tickets (created_at);
