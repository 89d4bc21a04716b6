-- Yuanzi schema, version 15 (PostgreSQL): when the bot last came to each group.
--
-- A scheduled post due before the bot was in a group (the 20:00 digest of a group that added it
-- at 20:30) is skipped there. first_seen_at told that for a new group only: a group that removed
-- the bot and added it again days later got the digest of a day the bot had not seen. joined_at
-- moves on each return; empty, it is first_seen_at.
ALTER TABLE chats ADD COLUMN joined_at TEXT;
