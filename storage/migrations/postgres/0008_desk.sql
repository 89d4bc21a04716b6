-- Yuanzi schema, version 8 (PostgreSQL): the office desk's one-time links and sessions.
CREATE TABLE desk_links (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

CREATE TABLE desk_sessions (
    session_hash TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    csrf         TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
