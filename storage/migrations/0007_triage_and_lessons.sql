-- Yuanzi schema, version 7: 研判 (a worker judges what the classifier is unsure of) and the
-- lessons a community's own workers teach it.
--
-- `triage` holds the messages the classifier was unsure about: nothing was said in the group;
-- workers decide in private (登记为诉求 · 改类别 · 不是诉求), or the item is filed when nobody
-- answered in time (`how` = 'timeout'). One row per group message.
CREATE TABLE triage (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id      INTEGER NOT NULL,
    message_id   INTEGER NOT NULL,
    user_id      INTEGER,
    display_name TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    category     TEXT,   -- the classifier's best guess
    location     TEXT,
    score        REAL NOT NULL DEFAULT 0,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (
                     state = 'pending' OR state = 'filed' OR state = 'dismissed'),
    how          TEXT CHECK (how IS NULL OR how = 'worker' OR how = 'timeout'),
    decided_by   INTEGER,
    decided_name TEXT,
    decided_at   TEXT,
    ticket_id    INTEGER REFERENCES tickets (id),
    UNIQUE (chat_id, message_id)
);
CREATE INDEX triage_pending ON triage (received_at) WHERE state = 'pending';
CREATE INDEX triage_group ON triage (chat_id, received_at);  -- the digest's tally

-- Every decision of a worker or an admin about what a message is: a labelled example for this
-- deployment (研判 answers, /category, /cancel as not a complaint, /new, /merge). Residents'
-- own words never teach it directly. `is_complaint` 0 with category NULL: not a complaint.
CREATE TABLE lessons (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    text         TEXT NOT NULL,
    is_complaint INTEGER NOT NULL CHECK (is_complaint = 0 OR is_complaint = 1),
    category     TEXT,
    source       TEXT NOT NULL,
    actor_id     INTEGER,
    at           TEXT NOT NULL,
    ticket_id    INTEGER REFERENCES tickets (id)
);

-- The category corrections kept since version 2 are the first lessons. A worker's cancel
-- was kept whatever its reason ("自己好了", a duplicate), so those are not carried over.
INSERT INTO lessons (text, is_complaint, category, source, actor_id, at, ticket_id)
SELECT text, 1, new_value, 'category', actor_id, at, ticket_id
FROM corrections WHERE new_value IS NOT NULL ORDER BY id;
DROP TABLE corrections;
