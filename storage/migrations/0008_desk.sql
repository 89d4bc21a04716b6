-- Yuanzi schema, version 8: the office desk (a web page served by the bot).
--
-- A worker or an admin asks the bot for a one-time login link (/desk in private); only the
-- SHA-256 of its token is kept. Opening it starts a session, also kept by its hash, with the
-- CSRF token its forms carry. Both expire; a link works once.
CREATE TABLE desk_links (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    expires_at TEXT NOT NULL,
    used_at    TEXT
) WITHOUT ROWID;

CREATE TABLE desk_sessions (
    session_hash TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    csrf         TEXT NOT NULL,
    expires_at   TEXT NOT NULL
) WITHOUT ROWID;
