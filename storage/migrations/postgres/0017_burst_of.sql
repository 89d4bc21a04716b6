-- Yuanzi schema, version 17 (PostgreSQL): which office notice of one problem in many groups holds a ticket.
--
-- The notice is named by its first ticket. Found again from the last hour's tickets alone, a
-- storm longer than the hour, or one whose first group was done, started a second notice
-- without the first groups. Each ticket of such an event keeps its first ticket's number, and
-- a report of the same problem within the hour of one of them joins that notice.
ALTER TABLE tickets ADD COLUMN burst_of BIGINT;
CREATE INDEX tickets_burst ON tickets (burst_of) WHERE burst_of IS NOT NULL;
