-- Yuanzi schema, version 1: groups, people, tickets, reports, history, the update inbox.
-- All times are UTC ISO-8601 text (they sort in time order).

CREATE TABLE chats (
    chat_id       INTEGER PRIMARY KEY,
    title         TEXT,
    kind          TEXT,
    active        INTEGER NOT NULL DEFAULT 1,
    first_seen_at TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- People seen in the groups, so that /assign @username and mentions can find them.
CREATE TABLE members (
    user_id      INTEGER PRIMARY KEY,
    username     TEXT,
    display_name TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX members_username ON members (username COLLATE NOCASE);

CREATE TABLE tickets (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id          INTEGER NOT NULL,
    category         TEXT NOT NULL,
    status           TEXT NOT NULL
                     CHECK (status IN ('open', 'assigned', 'done', 'closed', 'cancelled')),
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
    team             TEXT
);
CREATE INDEX tickets_chat_status ON tickets (chat_id, status);

-- Every group message that raised or joined a ticket; one message is in at most one ticket.
CREATE TABLE reports (
    id             INTEGER PRIMARY KEY,
    ticket_id      INTEGER NOT NULL REFERENCES tickets (id),
    chat_id        INTEGER NOT NULL,
    message_id     INTEGER NOT NULL,
    user_id        INTEGER,
    display_name   TEXT NOT NULL,
    text           TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    edited_at      TEXT,
    ack_state      TEXT NOT NULL DEFAULT 'pending' CHECK (ack_state IN ('pending', 'sent', 'none')),
    ack_message_id INTEGER,
    UNIQUE (chat_id, message_id)
);
CREATE INDEX reports_ticket ON reports (ticket_id);
CREATE INDEX reports_pending_ack ON reports (chat_id) WHERE ack_state = 'pending';

-- The audit trail: one line for every change of a ticket.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
    actor_id   INTEGER,
    actor_name TEXT,
    action     TEXT NOT NULL,
    at         TEXT NOT NULL,
    detail     TEXT
);
CREATE INDEX events_ticket ON events (ticket_id);

-- Updates from Telegram, written before their offset is confirmed, so none is lost on a crash.
CREATE TABLE inbox (
    update_id    INTEGER PRIMARY KEY,
    payload      TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    processed_at TEXT
);
CREATE INDEX inbox_pending ON inbox (update_id) WHERE processed_at IS NULL;
