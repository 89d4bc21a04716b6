-- Yuanzi schema, version 9 (PostgreSQL): SQLite's version 9 gives its username index the
-- lower(username) form this engine has had since version 1; nothing to change here.
SELECT 1;
