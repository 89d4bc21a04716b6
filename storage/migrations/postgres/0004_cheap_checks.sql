-- Yuanzi schema, version 4 (PostgreSQL): SQLite's version 4 rewrote its IN (…) checks as
-- comparisons, which SQLite checks more cheaply, by rebuilding four tables. PostgreSQL checks
-- both forms at the same cost and the rules are the same, so there is nothing to change here;
-- the number is kept so both engines count versions alike.
SELECT 1;
