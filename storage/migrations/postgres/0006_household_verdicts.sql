-- Yuanzi schema, version 6 (PostgreSQL): every household's verdict counts.
ALTER TABLE tickets ADD COLUMN households_rated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN households_pleased INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN rating_asked_at TEXT;

UPDATE tickets SET
    households_rated = (SELECT count(*) FROM ratings WHERE ratings.ticket_id = tickets.id),
    households_pleased = (SELECT count(*) FROM ratings WHERE ratings.ticket_id = tickets.id
                          AND (ratings.rating = 'satisfied' OR ratings.rating = 'basically_satisfied'))
WHERE id IN (SELECT ticket_id FROM ratings);
UPDATE tickets SET
    households_rated = 1,
    households_pleased = CASE WHEN rating = 'satisfied' OR rating = 'basically_satisfied'
                              THEN 1 ELSE 0 END
WHERE rating IS NOT NULL AND households_rated = 0;
