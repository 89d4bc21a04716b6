-- Yuanzi schema, version 18: which tickets a notice of several tickets speaks of.
--
-- One reminder or escalation lists a group's overdue tickets (a JSON list of their numbers);
-- queued for the morning and every one of them done overnight, it is dropped when its turn
-- comes, as a notice of one ticket (outbox.ticket_id) is.
ALTER TABLE outbox ADD COLUMN tickets TEXT;
