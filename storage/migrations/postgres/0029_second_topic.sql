-- Yuanzi schema, version 29 (PostgreSQL): the topic a neighbour's "+1" under a message waiting
-- for 研判 was written in.
--
-- The "+1" joins the ticket the message becomes, maybe an hour later, and is acknowledged as a
-- reply to it: deleted meanwhile, the reply went to General. Its topic (Telegram's
-- message_thread_id) is kept with it, and its acknowledgement names it (NULL: no topic, or kept
-- before).
ALTER TABLE triage_seconds ADD COLUMN thread_id BIGINT;
