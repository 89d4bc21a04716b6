"""PostgreSQL as the second engine: the same migrations (numbers, tables, columns, rules), an
old database upgraded keeping its rows, two processes migrating at once, writes serialised."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import psycopg
import pytest

from storage import leader
from storage.db import Database, Migration, MigrationFailed, load_migrations
from storage.leader import Leadership
from storage.pg_database import PgDatabase
from storage.postgres import translate
from tests.engines import peek

NOW = "2026-11-01T00:00:00+00:00"


def test_both_engines_have_the_same_numbered_migrations():
    sqlite, postgres = load_migrations("sqlite"), load_migrations("postgres")
    assert [(m.version, m.name) for m in sqlite] == [(m.version, m.name) for m in postgres]


async def test_a_fresh_database_has_the_tables_and_columns_sqlite_has(pg_url: str, tmp_path: Path):
    await (await Database.open(tmp_path / "s.sqlite3")).close()
    with sqlite3.connect(tmp_path / "s.sqlite3") as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )]  # fmt: skip
        infos = {t: conn.execute(f"PRAGMA table_info({t})").fetchall() for t in tables}
    sqlite_columns = {t: [r[1] for r in info] for t, info in infos.items()}
    # (name, kind, notnull, default, pk): a key column is NOT NULL in PostgreSQL by definition
    sqlite_shape = {
        (t, r[1]): (r[2].split()[0].upper(), bool(r[3] or r[5])) for t, info in infos.items()
        for r in info
    }  # fmt: skip
    db = await PgDatabase.open(pg_url)
    await db.close()
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            "ORDER BY table_name, ordinal_position"
        ).fetchall()
        version = conn.execute("SELECT version FROM yuanzi_schema").fetchone()
    pg_columns: dict[str, list[str]] = {}
    for table, column, *_ in rows:
        pg_columns.setdefault(table, []).append(column)
    pg_columns.pop("yuanzi_schema")
    assert pg_columns == sqlite_columns
    kinds = {"integer": "INTEGER", "bigint": "INTEGER", "text": "TEXT",
             "double precision": "REAL", "bytea": "BLOB"}  # fmt: skip
    pg_shape = {(t, c): (kinds[k], n == "NO") for t, c, k, n in rows if t != "yuanzi_schema"}
    assert pg_shape == sqlite_shape  # the same kinds, the same NOT NULL
    assert {t for (t, c), (k, _) in pg_shape.items() if c.endswith("_id") and k == "INTEGER"}
    with psycopg.connect(pg_url) as conn:  # every Telegram id is 64-bit there
        narrow = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE "
            "table_schema = current_schema() AND data_type = 'integer' AND (column_name LIKE "
            "'%%chat_id' OR column_name LIKE '%%user_id' OR column_name LIKE '%%message_id' "
            "OR column_name IN ('actor_id', 'assignee_id', 'reporter_id', 'decided_by', "
            "'for_user', 'update_id', 'reply_to'))"
        ).fetchall()
    assert narrow == []
    assert version == (len(load_migrations("postgres")),)


async def test_the_same_rules_hold(pg_url: str):
    db = await PgDatabase.open(pg_url)
    await db.close()
    with peek(pg_url) as conn:
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "INSERT INTO tickets (chat_id, category, status, summary, created_at, updated_at) "
                "VALUES (-1, 'lift', 'lost', 'x', ?, ?)",
                (NOW, NOW),
            )
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            conn.execute(
                "INSERT INTO reports (ticket_id, chat_id, message_id, display_name, text, "
                "received_at) VALUES (99, -1, 1, 'x', 'x', ?)",
                (NOW,),
            )


async def test_version_6_and_7_upgrade_an_old_database_keeping_its_rows(pg_url: str):
    old = await PgDatabase.open(pg_url, migrations=load_migrations("postgres")[:5])
    await old.close()
    with peek(pg_url) as conn:
        for number, rating in ((1, "dissatisfied"), (2, "basically_satisfied"), (3, None)):
            conn.execute(
                "INSERT INTO tickets (id, chat_id, category, status, summary, created_at, "
                "updated_at, rating) VALUES (?, -1, 'lift', 'done', '电梯坏了', ?, ?, ?)",
                (number, NOW, NOW, rating),
            )
        for user, rating in ((501, "satisfied"), (502, "dissatisfied")):
            conn.execute("INSERT INTO ratings VALUES (1, ?, ?, NULL, ?)", (user, rating, NOW))
        conn.execute(
            "INSERT INTO corrections (ticket_id, text, old_value, new_value, actor_id, at) "
            "VALUES (1, '电梯坏了', 'lift', 'facilities', 9001, ?)",
            (NOW,),
        )
    upgraded = await PgDatabase.open(pg_url)
    try:
        counted = await upgraded.fetchall(
            "SELECT households_rated, households_pleased FROM tickets ORDER BY id"
        )
        lessons = await upgraded.fetchall("SELECT is_complaint, category, source FROM lessons")
    finally:
        await upgraded.close()
    assert [tuple(r) for r in counted] == [(2, 1), (1, 1), (0, 0)]
    assert [tuple(r) for r in lessons] == [(1, "facilities", "category")]


async def test_a_failing_migration_changes_nothing_and_two_processes_migrate_once(pg_url: str):
    tables = Migration(1, "tables", ("CREATE TABLE t (x INTEGER)",))
    careless = Migration(
        2, "careless", ("INSERT INTO t VALUES (1)", "INSERT INTO nowhere VALUES (1)")
    )
    first, second = await asyncio.gather(
        PgDatabase.open(pg_url, migrations=[tables]), PgDatabase.open(pg_url, migrations=[tables])
    )
    await first.close()
    await second.close()
    with pytest.raises(MigrationFailed, match='relation "nowhere" does not exist') as failed:
        await PgDatabase.open(pg_url, migrations=[tables, careless])
    assert isinstance(failed.value.__cause__, psycopg.errors.UndefinedTable)
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
        assert conn.execute("SELECT version FROM yuanzi_schema").fetchone() == (1,)


def test_the_stores_sql_is_taken_as_written():
    assert translate("SELECT ? WHERE a LIKE '50%?' AND b = ?") == (
        "SELECT %s WHERE a LIKE '50%%?' AND b = %s"
    )
    assert translate("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', %s"
    assert translate('SELECT "a?b", ? -- why? 5%\n/* it\'s ? */ FROM t') == (
        'SELECT "a?b", %s -- why? 5%%\n/* it\'s ? */ FROM t'
    )


async def test_a_write_after_the_connection_broke_is_done_on_a_new_one(pg_url: str):
    """The server ended the writer's session (a restart, a failover): the next write begins on
    a new connection instead of failing."""
    db = await PgDatabase.open(pg_url)
    try:
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'yuanzi-writer' AND datname = current_database()"
            )
        await db.write(lambda conn: conn.execute(
            "INSERT INTO chats (chat_id, first_seen_at, updated_at) VALUES (1, ?, ?)", (NOW, NOW)
        ))  # fmt: skip
        assert [tuple(r) for r in await db.fetchall("SELECT chat_id FROM chats")] == [(1,)]
    finally:
        await db.close()


def test_a_standby_says_once_in_one_line_that_the_server_is_down_and_when_it_is_back(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    """The server restarted under a standby: half a minute of asking every 2 s used to log a
    warning of two lines (libpq's reason and its hint) each time; now one line when it goes,
    one when it is back, and the standby still takes over."""
    active, standby = Leadership(pg_url), Leadership(pg_url)
    assert active.wait(lambda seconds: False)
    refused = psycopg.OperationalError(
        'connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection '
        "refused\n\tIs the server running on that host and accepting TCP/IP connections?"
    )
    real_connect, rounds = leader.connect, []

    def connect(url: str, **kwargs: str) -> object:
        if 1 <= len(rounds) <= 15:  # the server is down for 15 tries
            raise refused
        return real_connect(url, **kwargs)

    def stopped(seconds: float) -> bool:
        rounds.append(seconds)
        if len(rounds) == 1:
            standby._drop()  # its connection went with the server
        if len(rounds) == 20:
            active.release()
        return False

    monkeypatch.setattr(leader, "connect", connect)
    with caplog.at_level(logging.INFO, logger="storage.leader"):
        assert standby.wait(stopped)
    standby.release()
    said = [r.getMessage() for r in caplog.records]
    down = [line for line in said if "cannot reach" in line]
    assert len(down) == 1 and "\n" not in down[0] and "Is the server running" in down[0], said
    assert said.count("standby: the database answers again") == 1, said


async def test_writers_in_two_processes_follow_one_another(pg_url: str):
    """Each write reads the highest number and stores the next one: with both databases'
    writers serialised by the advisory lock, no number is taken twice."""
    first, second = await PgDatabase.open(pg_url), await PgDatabase.open(pg_url)

    def next_number(conn):  # type: ignore[no-untyped-def]
        row = conn.execute("SELECT coalesce(max(chat_id), 0) FROM chats").fetchone()
        conn.execute("SELECT pg_sleep(0.002)")  # room for the other writer to interleave
        conn.execute(
            "INSERT INTO chats (chat_id, first_seen_at, updated_at) VALUES (?, ?, ?)",
            (row[0] + 1, NOW, NOW),
        )

    try:
        await asyncio.gather(*(db.write(next_number) for _ in range(20) for db in (first, second)))
        rows = await first.fetchall("SELECT chat_id FROM chats ORDER BY chat_id")
    finally:
        await first.close()
        await second.close()
    assert [r[0] for r in rows] == list(range(1, 41))


async def test_version_30_indexes_the_outbox_by_kind_on_an_old_database(pg_url: str):
    """The start's look for 研判 copies reads the outbox by its kind: the index is made on a
    database of version 29 too."""
    old = await PgDatabase.open(pg_url, migrations=load_migrations("postgres")[:29])
    await old.close()
    with peek(pg_url) as conn:
        conn.execute(
            "INSERT INTO outbox (chat_id, kind, body, created_at, not_before, sent_at, "
            "message_id, origin) VALUES (9001, 'triage', '…', ?, ?, ?, 7, 'triage:1:9001')",
            (NOW, NOW, NOW),
        )
    upgraded = await PgDatabase.open(pg_url)
    await upgraded.close()
    with psycopg.connect(pg_url) as conn:
        found = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'outbox' "
            "AND indexname = 'outbox_by_kind'"
        ).fetchall()
        kept = conn.execute("SELECT origin FROM outbox").fetchall()
    assert len(found) == 1 and "kind" in found[0][0], found
    assert kept == [("triage:1:9001",)]
