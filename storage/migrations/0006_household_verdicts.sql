-- Yuanzi schema, version 6: every household's verdict counts.
--
-- A ticket several households reported is rated by each of them; the tickets table keeps how
-- many households of the current round (since the last /done) gave a verdict and how many of
-- them were pleased (满意 or 基本满意), so 满意率 counts households without reading `ratings`.
-- `rating_asked_at` is when the households still silent were asked again (once per round).
ALTER TABLE tickets ADD COLUMN households_rated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN households_pleased INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN rating_asked_at TEXT;

-- Verdicts given before this version: those kept in `ratings` (the current round), else the
-- ticket's one rating (a ticket brought in from a ledger) as one household.
UPDATE tickets SET
    households_rated = (SELECT count(*) FROM ratings WHERE ratings.ticket_id = tickets.id),
    households_pleased = (SELECT count(*) FROM ratings WHERE ratings.ticket_id = tickets.id
                          AND (ratings.rating = 'satisfied' OR ratings.rating = 'basically_satisfied'))
WHERE id IN (SELECT ticket_id FROM ratings);
UPDATE tickets SET
    households_rated = 1,
    households_pleased = (rating = 'satisfied' OR rating = 'basically_satisfied')
WHERE rating IS NOT NULL AND households_rated = 0;
