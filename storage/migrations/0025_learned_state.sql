-- Yuanzi schema, version 25: what the lessons taught the classifier, kept between starts.
--
-- Every lesson was learned again at each start, about a millisecond each: with a /done a
-- lesson, two years of a community held the start for half a minute and more. The learned
-- state (bot/classify/kept.py) is kept here with the lessons it holds — every lesson up to
-- `last_lesson`, `lessons` of them — and the classifier that learned it (`made_by`); a start
-- restores it and learns only the lessons after it. One row; `learned --reset` empties it.
CREATE TABLE learned_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    made_by     TEXT NOT NULL,
    lessons     INTEGER NOT NULL,
    last_lesson INTEGER NOT NULL,
    state       BLOB NOT NULL,
    kept_at     TEXT NOT NULL
);
