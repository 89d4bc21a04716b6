-- Yuanzi schema, version 21 (PostgreSQL): whose photo it is, and albums found by their id.
--
-- A photo sent with a worker's /done or /note is a picture of the handling (办理照片); one a
-- resident sent, a picture of the problem (居民拍摄) — as it was when sent, whatever the sender's
-- role later. An album's photos (each its own message) are found together by their album id.
ALTER TABLE photos ADD COLUMN staff INTEGER NOT NULL DEFAULT 0;
CREATE INDEX photos_album ON photos (chat_id, album) WHERE album IS NOT NULL;
