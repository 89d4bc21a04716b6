-- Yuanzi schema, version 2: deadlines and escalation, merging, the reporter's verdict,
-- corrections for learning, and an outbox for notices that must survive a restart.

ALTER TABLE tickets ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN rating TEXT
    CHECK (rating IN ('satisfied', 'basically_satisfied', 'dissatisfied'));
ALTER TABLE tickets ADD COLUMN closed_at TEXT;
ALTER TABLE tickets ADD COLUMN reopened INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN merged_into INTEGER REFERENCES tickets (id);
ALTER TABLE tickets ADD COLUMN assigned_at TEXT;

CREATE INDEX tickets_assignee ON tickets (assignee_id, status);
CREATE INDEX tickets_active_due ON tickets (due_at) WHERE status IN ('open', 'assigned');
CREATE INDEX tickets_done ON tickets (done_at) WHERE status = 'done';
CREATE INDEX reports_user ON reports (user_id);
CREATE INDEX reports_ack_message ON reports (chat_id, ack_message_id);

-- One verdict per reporter and ticket; a reporter may change it until the ticket closes.
CREATE TABLE ratings (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    user_id   INTEGER NOT NULL,
    rating    TEXT NOT NULL CHECK (rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
    reason    TEXT,
    at        TEXT NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);

-- What workers corrected (category changed, not a complaint), to learn from.
CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
    text        TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    actor_id    INTEGER,
    at          TEXT NOT NULL
);

-- Bot messages that expect an answer: the rating prompt, the request for a reason.
CREATE TABLE prompts (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
    kind       TEXT NOT NULL,
    user_id    INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);

-- Notices to post (escalations, progress, reminders …): written in the same transaction as the
-- change they announce, sent by the dispatcher, never twice, never lost.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    ticket_id   INTEGER,
    body        TEXT NOT NULL,
    markup      TEXT,
    reply_to    INTEGER,
    created_at  TEXT NOT NULL,
    not_before  TEXT NOT NULL,
    sent_at     TEXT,
    message_id  INTEGER,
    dropped     TEXT
);
CREATE INDEX outbox_pending ON outbox (chat_id, id) WHERE sent_at IS NULL AND dropped IS NULL;
