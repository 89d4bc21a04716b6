-- Yuanzi schema, version 5: exactly once for commands and button presses, never stuck.
--
-- `acted` keeps the origin of every change a person asked for (a command's chat and message, a
-- button press's query id), written in the same transaction as the change: a replay of the same
-- update finds it there and changes nothing a second time.
CREATE TABLE acted (
    origin  TEXT PRIMARY KEY,
    at      TEXT NOT NULL,
    outcome TEXT  -- what the change came to, where the answer depends on it (a verdict's)
) WITHOUT ROWID;

-- Answers to commands go out through the outbox like every other post; `origin` names what the
-- answer answers, so a replay that queues it again is ignored. A notice that keeps failing is
-- tried a few times (`tries`) and then set aside (`dropped`), never blocking those behind it.
ALTER TABLE outbox ADD COLUMN origin TEXT;
ALTER TABLE outbox ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
-- A question the bot asks someone (kind 'ask_reason'): once posted, a reply to it is the answer.
ALTER TABLE outbox ADD COLUMN for_user INTEGER;
CREATE UNIQUE INDEX outbox_origin ON outbox (origin) WHERE origin IS NOT NULL;

-- An update whose handling failed is tried again a few times, then set aside with its reason.
ALTER TABLE inbox ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE inbox ADD COLUMN set_aside TEXT;

-- A resident's edit to a report of a finished ticket is kept beside the original words, which
-- stay as the ledger recorded them.
ALTER TABLE reports ADD COLUMN edited_text TEXT;
