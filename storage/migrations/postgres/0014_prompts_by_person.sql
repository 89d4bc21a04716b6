-- Yuanzi schema, version 14 (PostgreSQL): the questions put to one person in a group, newest first.
--
-- A resident's answer to "why not satisfied?" may come as a message of its own, not as a
-- reply: each group message of hers looks for such a question asked of her within the hour
-- (`OutboxStore.asked_why`). The primary key (chat_id, message_id) would scan all of a group's
-- prompts for it.
CREATE INDEX prompts_person ON prompts (chat_id, user_id, created_at);
