-- Yuanzi schema, version 19: residents' photos, kept with the ticket they show.
--
-- A photo is kept by its Telegram file id (the picture stays on Telegram's servers). One that
-- raised or joined a ticket, or came with its reporter's words a moment before or after, or
-- answers the ticket, has the ticket's number; one not (yet) about any ticket has none, and is
-- forgotten after a day.
CREATE TABLE photos (
    id             INTEGER PRIMARY KEY,
    chat_id        INTEGER NOT NULL,
    message_id     INTEGER NOT NULL,
    user_id        INTEGER,
    file_id        TEXT NOT NULL,
    file_unique_id TEXT NOT NULL,
    album          TEXT,
    sent_at        TEXT NOT NULL,
    ticket_id      INTEGER REFERENCES tickets (id),
    UNIQUE (chat_id, message_id)
);
CREATE INDEX photos_ticket ON photos (ticket_id);
CREATE INDEX photos_loose ON photos (chat_id, user_id, sent_at) WHERE ticket_id IS NULL;
CREATE INDEX photos_loose_age ON photos (sent_at) WHERE ticket_id IS NULL;
