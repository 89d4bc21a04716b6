-- Yuanzi schema, version 9: lookups both engines spell alike.
--
-- A username is found whatever its case by `lower(username) = lower(?)` (Telegram usernames
-- are ASCII, which SQLite's lower() covers), as PostgreSQL, which has no NOCASE collation,
-- does too; the index follows the expression.
DROP INDEX members_username;
CREATE INDEX members_username ON members (lower(username));
