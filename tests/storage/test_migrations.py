"""Migrations on real SQLite files: a version 3 database rebuilt by version 4 keeps every row,
the ticket numbers' sequence and its rules; a migration that would break a reference is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.db import Database, Migration, load_migrations

NOW = "2026-11-01T00:00:00+00:00"
TABLES = ("tickets", "reports", "events", "ratings", "scheduled_posts")


def _fill_version_3(path: Path) -> None:
    """Rows as version 3 stored them; ticket 2 merged into 1, the sequence ahead of max(id)."""
    with sqlite3.connect(path) as conn:
        for number, merged in ((1, None), (2, 1)):
            conn.execute(
                "INSERT INTO tickets (id, chat_id, category, status, summary, created_at, "
                "updated_at, rating, merged_into) VALUES (?, -1, 'lift', 'closed', '电梯坏了', "
                "?, ?, 'satisfied', ?)",
                (number, NOW, NOW, merged),
            )
            conn.execute(
                "INSERT INTO reports (ticket_id, chat_id, message_id, user_id, display_name, "
                "text, received_at, ack_state) VALUES (?, -1, ?, 501, '张阿姨', '电梯坏了', ?, "
                "'sent')",
                (number, 100 + number, NOW),
            )
            conn.execute(
                "INSERT INTO events (ticket_id, action, at) VALUES (?, 'create', ?)", (number, NOW)
            )
        conn.execute("INSERT INTO ratings VALUES (1, 501, 'satisfied', NULL, ?)", (NOW,))
        conn.execute("INSERT INTO scheduled_posts VALUES ('digest', -1, '2026-11-01', 'posted', ?)",
                     (NOW,))  # fmt: skip
        conn.execute("UPDATE sqlite_sequence SET seq = 10 WHERE name = 'tickets'")


def _columns(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return {
            t: ", ".join(row[1] for row in conn.execute(f"PRAGMA table_info({t})")) for t in TABLES
        }


def _rows(path: Path, columns: dict[str, str]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of each table, in the columns given (later versions may add columns)."""
    with sqlite3.connect(path) as conn:
        return {
            t: conn.execute(f"SELECT {columns[t]} FROM {t} ORDER BY rowid").fetchall()
            for t in TABLES
        }


def _schema(path: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return set(conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE '%_v4'"))


async def test_version_3_is_rebuilt_keeping_rows_numbers_and_rules(tmp_path: Path):
    old_path, fresh_path = tmp_path / "old.sqlite3", tmp_path / "fresh.sqlite3"
    old = await Database.open(old_path, migrations=load_migrations()[:3])
    await old.close()
    _fill_version_3(old_path)
    columns = _columns(old_path)
    before = _rows(old_path, columns)
    await (await Database.open(fresh_path)).close()  # made only to compare schemas
    upgraded = await Database.open(old_path)
    try:
        assert (await upgraded.fetchone("PRAGMA user_version"))[0] == len(load_migrations()) >= 4

        def check(conn: sqlite3.Connection) -> None:
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # on again
            with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
                conn.execute("UPDATE tickets SET status = 'lost' WHERE id = 1")
            conn.execute(
                "INSERT INTO tickets (chat_id, category, status, summary, created_at, "
                "updated_at) VALUES (-1, 'lift', 'open', '又坏了', ?, ?)",
                (NOW, NOW),
            )
            assert conn.execute("SELECT max(id) FROM tickets").fetchone()[0] == 11  # not reused
            conn.execute("DELETE FROM tickets WHERE id = 11")

        await upgraded.write(check)
    finally:
        await upgraded.close()
    assert _rows(old_path, columns) == before
    assert _schema(old_path) == _schema(fresh_path)
    with sqlite3.connect(old_path) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute("UPDATE reports SET ack_state = 'maybe'")


async def test_a_migration_that_would_break_a_reference_is_refused(tmp_path: Path):
    path = tmp_path / "m.sqlite3"
    tables = Migration(
        1,
        "tables",
        (
            "CREATE TABLE parent (id INTEGER PRIMARY KEY)",
            "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id))",
            "INSERT INTO parent VALUES (1)",
            "INSERT INTO child VALUES (1)",
        ),
    )
    db = await Database.open(path, migrations=[tables])
    await db.close()
    careless = Migration(2, "careless", ("DELETE FROM parent",))
    with pytest.raises(RuntimeError, match="child row 1 pointing at a missing row of parent"):
        await Database.open(path, migrations=[tables, careless])
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM parent").fetchone()[0] == 1


async def test_version_6_counts_the_verdicts_households_gave_before(tmp_path: Path):
    """Ticket 1's verdicts are in `ratings` (two households, one pleased); ticket 2 came from a
    ledger with one rating and no rows there: it counts as one household."""
    path = tmp_path / "old.sqlite3"
    old = await Database.open(path, migrations=load_migrations()[:5])
    await old.close()
    with sqlite3.connect(path) as conn:
        for number, rating in ((1, "dissatisfied"), (2, "basically_satisfied"), (3, None)):
            conn.execute(
                "INSERT INTO tickets (id, chat_id, category, status, summary, created_at, "
                "updated_at, rating) VALUES (?, -1, 'lift', 'done', '电梯坏了', ?, ?, ?)",
                (number, NOW, NOW, rating),
            )
        for user, rating in ((501, "satisfied"), (502, "dissatisfied")):
            conn.execute("INSERT INTO ratings VALUES (1, ?, ?, NULL, ?)", (user, rating, NOW))
    upgraded = await Database.open(path)
    try:
        rows = await upgraded.fetchall(
            "SELECT households_rated, households_pleased, rating_asked_at FROM tickets ORDER BY id"
        )
    finally:
        await upgraded.close()
    assert [tuple(r) for r in rows] == [(2, 1, None), (1, 1, None), (0, 0, None)]


async def test_version_7_keeps_category_corrections_as_lessons(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    old = await Database.open(path, migrations=load_migrations()[:6])
    await old.close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO tickets (id, chat_id, category, status, summary, created_at, updated_at) "
            "VALUES (1, -1, 'lift', 'cancelled', '电梯坏了', ?, ?)",
            (NOW, NOW),
        )
        for new in ("facilities", None):  # a correction, and a cancel for whatever reason
            conn.execute(
                "INSERT INTO corrections (ticket_id, text, old_value, new_value, actor_id, at) "
                "VALUES (1, '电梯坏了', 'lift', ?, 9001, ?)",
                (new, NOW),
            )
    upgraded = await Database.open(path)
    try:
        rows = await upgraded.fetchall("SELECT is_complaint, category, source FROM lessons")
        tables = await upgraded.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    finally:
        await upgraded.close()
    assert [tuple(r) for r in rows] == [(1, "facilities", "category")]
    assert "corrections" not in {r[0] for r in tables} and "triage" in {r[0] for r in tables}


async def test_version_20_dates_urgency_from_the_first_report_that_told_of_danger(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    old = await Database.open(path, migrations=load_migrations()[:19])
    await old.close()
    later = "2026-11-01T05:00:00+00:00"
    with sqlite3.connect(path) as conn:
        for number, urgent in ((1, 1), (2, 1), (3, 0)):
            conn.execute(
                "INSERT INTO tickets (id, chat_id, category, status, summary, created_at, "
                "updated_at, urgent) VALUES (?, -1, 'lift', 'open', '电梯坏了', ?, ?, ?)",
                (number, NOW, NOW, urgent),
            )
        # 1: made urgent later, by a neighbour trapped inside; 2: urgent before reports said so
        for message_id, at, urgent in ((1, NOW, 0), (2, later, 1)):
            conn.execute(
                "INSERT INTO reports (ticket_id, chat_id, message_id, display_name, text, "
                "received_at, urgent) VALUES (1, -1, ?, '张阿姨', '电梯', ?, ?)",
                (message_id, at, urgent),
            )
    upgraded = await Database.open(path)
    try:
        rows = await upgraded.fetchall("SELECT id, urgent_at FROM tickets ORDER BY id")
    finally:
        await upgraded.close()
    assert [tuple(r) for r in rows] == [(1, later), (2, NOW), (3, None)]


async def test_version_28_keeps_the_topic_a_filed_triage_item_was_written_in(tmp_path: Path):
    """A 研判 item filed before version 28 knew its topic (version 27); its report now keeps
    it, as every report does; a report of no item has none."""
    path = tmp_path / "old.sqlite3"
    old = await Database.open(path, migrations=load_migrations()[:27])
    await old.close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO tickets (id, chat_id, category, status, summary, created_at, "
            "updated_at) VALUES (1, -1, 'lift', 'open', '电梯坏了', ?, ?)",
            (NOW, NOW),
        )
        for message_id in (7, 8):
            conn.execute(
                "INSERT INTO reports (ticket_id, chat_id, message_id, display_name, text, "
                "received_at) VALUES (1, -1, ?, '张阿姨', '电梯', ?)",
                (message_id, NOW),
            )
        conn.execute(
            "INSERT INTO triage (chat_id, message_id, display_name, text, received_at, score, "
            "state, ticket_id, thread_id) VALUES (-1, 7, '张阿姨', '电梯', ?, 0, 'filed', 1, 900)",
            (NOW,),
        )
    upgraded = await Database.open(path)
    try:
        rows = await upgraded.fetchall("SELECT message_id, thread_id FROM reports ORDER BY id")
    finally:
        await upgraded.close()
    assert [tuple(r) for r in rows] == [(7, 900), (8, None)]


async def test_version_30_finds_the_workers_triage_copies_by_their_kind(tmp_path: Path):
    """The start's look for 研判 copies of workers off the roster reads the outbox by its kind
    (an index since version 30), not every notice of half a year; the copies kept their rows."""
    from storage.triage import TriageStore

    path = tmp_path / "old.sqlite3"
    old = await Database.open(path, migrations=load_migrations()[:29])
    await old.close()
    with sqlite3.connect(path) as conn:
        for chat_id, kind, origin in ((9001, "triage", "triage:1:9001"), (-1, "ack", None)):
            conn.execute(
                "INSERT INTO outbox (chat_id, kind, body, created_at, not_before, sent_at, "
                "message_id, origin) VALUES (?, ?, '…', ?, ?, ?, 7, ?)",
                (chat_id, kind, NOW, NOW, NOW, origin),
            )
    upgraded = await Database.open(path)
    captured: list[str] = []
    original = upgraded.fetchall

    async def capture(sql: str, params=()):  # type: ignore[no-untyped-def]
        captured.append(sql)
        return await original(sql, params)

    try:
        upgraded.fetchall = capture  # type: ignore[method-assign]
        copies = await TriageStore(upgraded).copies_elsewhere("triage", [9002])
        upgraded.fetchall = original  # type: ignore[method-assign]
        plan = await upgraded.fetchall(f"EXPLAIN QUERY PLAN {captured[0]}", ("triage", 9002))
    finally:
        await upgraded.close()
    assert copies == [("triage:1:9001", 9001, 7)]
    steps = [str(row[3]) for row in plan]
    assert any("outbox_by_kind" in s for s in steps), steps
    assert not any(s.startswith("SCAN") for s in steps), steps
