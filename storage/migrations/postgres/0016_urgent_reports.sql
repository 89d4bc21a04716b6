-- Yuanzi schema, version 16 (PostgreSQL): which reports told of a danger themselves.
--
-- A danger reported about a problem already filed (someone trapped in the lift reported broken
-- this morning) joins the open ticket and makes it urgent. The group hears the danger — the
-- number to call, the workers on duty, the 接单 button — as a reply to the first report that
-- told of it, not as one more folded "已合并到" line. Reports filed before: none, the ticket's
-- first report is where an urgent ticket's danger was said, as before.
ALTER TABLE reports ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
