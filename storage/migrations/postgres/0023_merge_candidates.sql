-- Yuanzi schema, version 23 (PostgreSQL): a group's tickets of one category found by an index.
--
-- Every complaint is weighed against its group's open tickets of its category (the same
-- problem joins one ticket). By (chat_id, status) alone, a group with many open tickets had
-- every one of them read to find that category's; this finds them directly, newest first.
CREATE INDEX tickets_chat_category ON tickets (chat_id, category, id);
