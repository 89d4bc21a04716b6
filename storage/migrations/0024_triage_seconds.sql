-- Yuanzi schema, version 24: a neighbour's "+1" under a message waiting for 研判.
--
-- Nothing is said in the group while a worker judges a message, so a neighbour's "+1" under
-- it has no ticket to join yet. It is kept here with its item and joins the ticket the item
-- becomes (`joined` once it has): the ticket counts every household that said so. An item
-- judged no complaint leaves its seconds unjoined, as the group heard nothing of either.
CREATE TABLE triage_seconds (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id      INTEGER NOT NULL REFERENCES triage (id),
    chat_id      INTEGER NOT NULL,
    message_id   INTEGER NOT NULL,
    user_id      INTEGER,
    display_name TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    joined       INTEGER NOT NULL DEFAULT 0 CHECK (joined = 0 OR joined = 1),
    UNIQUE (chat_id, message_id)
);
CREATE INDEX triage_seconds_item ON triage_seconds (item_id);
