-- Yuanzi schema, version 12 (PostgreSQL): whether a group is divided into topics (a forum).
--
-- In a group with topics every message belongs to a topic; a reply lands in the topic of the
-- message it answers, a message that answers nothing in the General topic. Acknowledgements
-- are therefore never folded into one message there: each answers its resident, in its topic.
ALTER TABLE chats ADD COLUMN forum INTEGER NOT NULL DEFAULT 0;
