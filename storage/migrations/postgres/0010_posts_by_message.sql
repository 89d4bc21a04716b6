-- Yuanzi schema, version 10 (PostgreSQL): a bot post found by its message; merged tickets.
--
-- A resident who answers the done notice in words ("没修好") replies to that post: the outbox
-- row that posted it (its buttons name the ticket and the round) is looked up by the message.
CREATE INDEX outbox_posted ON outbox (chat_id, message_id);

-- A group's /list shows the tickets its reports were merged into: found from the group's own
-- merged tickets (a few), not from its whole history of reports.
CREATE INDEX tickets_merged ON tickets (chat_id, merged_into) WHERE merged_into IS NOT NULL;
