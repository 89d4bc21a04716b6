-- Yuanzi schema, version 10: a bot post found by its message.
--
-- A resident who answers the done notice in words ("没修好") replies to that post: the outbox
-- row that posted it (its buttons name the ticket and the round) is looked up by the message.
CREATE INDEX outbox_posted ON outbox (chat_id, message_id);
