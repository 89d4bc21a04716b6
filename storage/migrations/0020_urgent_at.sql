-- Yuanzi schema, version 20: when a ticket became urgent.
--
-- A ticket made urgent later (someone trapped in the lift reported broken this morning) owes a
-- response within the urgent limit from that moment, not from its filing: 响应率 would count a
-- lift taken five hours after filing, and an hour after it turned urgent, as late. A ticket
-- urgent before: from its first report that told of the danger, else from its filing.
ALTER TABLE tickets ADD COLUMN urgent_at TEXT;
UPDATE tickets SET urgent_at = coalesce(
    (SELECT min(r.received_at) FROM reports r WHERE r.ticket_id = tickets.id AND r.urgent = 1),
    created_at
) WHERE urgent = 1;
