-- Yuanzi schema, version 26 (PostgreSQL): when Telegram says a message waiting for 研判 was
-- sent.
--
-- A photo posted alone belongs to its sender's complaint of a few minutes before or after, by
-- the times Telegram gives both. A message waiting for a worker has no ticket yet, so her
-- photos just before and after it stay loose; when the item is filed they go with it, by this
-- time (NULL for items queued before: their photos stay loose, as before).
ALTER TABLE triage ADD COLUMN sent_at TEXT;
