-- Yuanzi schema, version 28: the topic each report was written in, and the topic a notice goes
-- to.
--
-- In a group with topics, a ticket's notices (taken, done, its reminder, its 督办) landed in its
-- resident's topic only as replies to her first report: once she deleted it, Telegram put them
-- in General. A report keeps its topic (Telegram's message_thread_id; NULL: none, or filed
-- before — a 研判 item's is known since version 27), and a notice the topic it is sent to.
ALTER TABLE reports ADD COLUMN thread_id INTEGER;
UPDATE reports SET thread_id = (SELECT q.thread_id FROM triage q
    WHERE q.chat_id = reports.chat_id AND q.message_id = reports.message_id);
ALTER TABLE outbox ADD COLUMN thread_id INTEGER;
