-- Yuanzi schema, version 25 (PostgreSQL): what the lessons taught the classifier, kept between
-- starts.
--
-- Every lesson was learned again at each start, about a millisecond each: with a /done a
-- lesson, two years of a community held the start (and a standby's takeover) for half a
-- minute and more. The learned state (bot/classify/kept.py) is kept here with the lessons it
-- holds — every lesson up to `last_lesson`, `lessons` of them — and the classifier that
-- learned it (`made_by`); a start restores it and learns only the lessons after it. One row;
-- `learned --reset` empties it.
CREATE TABLE learned_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    made_by     TEXT NOT NULL,
    lessons     BIGINT NOT NULL,
    last_lesson BIGINT NOT NULL,
    state       BYTEA NOT NULL,
    kept_at     TEXT NOT NULL
);
