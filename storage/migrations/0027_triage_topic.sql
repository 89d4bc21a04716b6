-- Yuanzi schema, version 27: the topic a message waiting for 研判 was written in.
--
-- In a group with topics, an acknowledgement lands in its resident's topic as a reply to her
-- message. A message waiting for a worker may be deleted before it is filed, an hour later:
-- the reply then went to General. Its topic (Telegram's message_thread_id) is kept with it, and
-- the acknowledgement names it too (NULL: no topic, or queued before).
ALTER TABLE triage ADD COLUMN thread_id INTEGER;
