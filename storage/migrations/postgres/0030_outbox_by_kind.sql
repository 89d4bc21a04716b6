-- Yuanzi schema, version 30 (PostgreSQL): the outbox read by the kind of its notices.
--
-- At every start the bot looks for the workers' private 研判 copies (kind 'triage') sent to
-- someone taken off the roster since; it read every notice of half a year to find them. The
-- copies not yet done with are found by their kind.
CREATE INDEX outbox_by_kind ON outbox (kind, id) WHERE origin IS NOT NULL AND dropped IS NULL;
