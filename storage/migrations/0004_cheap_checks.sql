-- Yuanzi schema, version 4: the same rules, written so that SQLite checks them cheaply.
--
-- SQLite checks `CHECK (x IN ('a', 'b', 'c'))` by building a small temporary table for every
-- row it writes: about 6 µs a row, more than the rest of a ticket's insert. The same rules
-- written as comparisons (`x = 'a' OR x = 'b' …`) cost next to nothing. A CHECK cannot be
-- changed in place, so the four tables that had one are rebuilt the way SQLite describes
-- (https://sqlite.org/lang_altertable.html#otheralter): new table, copy, drop, rename,
-- indexes again. Columns keep their order. The migration runs with foreign keys off and
-- checks them before it commits; the ticket numbers' sequence is carried over.

CREATE TABLE tickets_v4 (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id          INTEGER NOT NULL,
    category         TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (
                         status = 'open' OR status = 'assigned' OR status = 'done'
                         OR status = 'closed' OR status = 'cancelled'),
    location         TEXT,
    urgent           INTEGER NOT NULL DEFAULT 0,
    summary          TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    assignee_id      INTEGER,
    assignee_name    TEXT,
    done_at          TEXT,
    done_note        TEXT,
    reporter_id      INTEGER,
    reporter_name    TEXT,
    households       INTEGER NOT NULL DEFAULT 1,
    due_at           TEXT,
    team             TEXT,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    rating           TEXT CHECK (
                         rating = 'satisfied' OR rating = 'basically_satisfied'
                         OR rating = 'dissatisfied'),
    closed_at        TEXT,
    reopened         INTEGER NOT NULL DEFAULT 0,
    merged_into      INTEGER REFERENCES tickets (id),
    assigned_at      TEXT,
    reminded_at      TEXT
);
INSERT INTO tickets_v4 SELECT * FROM tickets;
DELETE FROM sqlite_sequence WHERE name = 'tickets_v4';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'tickets_v4', seq FROM sqlite_sequence WHERE name = 'tickets';
DROP TABLE tickets;
ALTER TABLE tickets_v4 RENAME TO tickets;
CREATE INDEX tickets_chat_status ON tickets (chat_id, status);
CREATE INDEX tickets_assignee ON tickets (assignee_id, status);
CREATE INDEX tickets_active_due ON tickets (due_at) WHERE status IN ('open', 'assigned');
CREATE INDEX tickets_done ON tickets (done_at) WHERE status = 'done';
CREATE INDEX tickets_chat_created ON tickets (chat_id, created_at);
CREATE INDEX tickets_chat_done ON tickets (chat_id, done_at);
CREATE INDEX tickets_created ON tickets (created_at);

CREATE TABLE reports_v4 (
    id             INTEGER PRIMARY KEY,
    ticket_id      INTEGER NOT NULL REFERENCES tickets (id),
    chat_id        INTEGER NOT NULL,
    message_id     INTEGER NOT NULL,
    user_id        INTEGER,
    display_name   TEXT NOT NULL,
    text           TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    edited_at      TEXT,
    ack_state      TEXT NOT NULL DEFAULT 'pending' CHECK (
                       ack_state = 'pending' OR ack_state = 'sent' OR ack_state = 'none'),
    ack_message_id INTEGER,
    UNIQUE (chat_id, message_id)
);
INSERT INTO reports_v4 SELECT * FROM reports;
DROP TABLE reports;
ALTER TABLE reports_v4 RENAME TO reports;
CREATE INDEX reports_ticket ON reports (ticket_id);
CREATE INDEX reports_pending_ack ON reports (chat_id) WHERE ack_state = 'pending';
CREATE INDEX reports_user ON reports (user_id);
CREATE INDEX reports_ack_message ON reports (chat_id, ack_message_id);

CREATE TABLE ratings_v4 (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    user_id   INTEGER NOT NULL,
    rating    TEXT NOT NULL CHECK (
                  rating = 'satisfied' OR rating = 'basically_satisfied'
                  OR rating = 'dissatisfied'),
    reason    TEXT,
    at        TEXT NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);
INSERT INTO ratings_v4 SELECT * FROM ratings;
DROP TABLE ratings;
ALTER TABLE ratings_v4 RENAME TO ratings;

CREATE TABLE scheduled_posts_v4 (
    kind        TEXT NOT NULL,
    chat_id     INTEGER NOT NULL,
    occurrence  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status = 'posted' OR status = 'skipped' OR status = 'empty'),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (kind, chat_id, occurrence)
);
INSERT INTO scheduled_posts_v4 SELECT * FROM scheduled_posts;
DROP TABLE scheduled_posts;
ALTER TABLE scheduled_posts_v4 RENAME TO scheduled_posts;
