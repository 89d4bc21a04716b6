"""`migrate-to-postgres`: a community's SQLite history moved into PostgreSQL, all or nothing,
and the bot carries on there as if nothing happened."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import psycopg

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from storage.transfer import TABLES
from tests.cli.test_cli import run_cli
from tests.engines import need_postgres, peek, storage_toml
from tests.factories import WORKER_ID, make_config

GROUP = -4242


def _without_nul(row: tuple) -> tuple:
    return tuple(v.replace("\x00", "\ufffd") if isinstance(v, str) else v for v in row)


def every_row(where: object, table: str) -> list[tuple]:
    with peek(where) as conn:  # type: ignore[arg-type]
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()
    return sorted((tuple(r) for r in rows), key=repr)


async def test_the_history_moves_whole_and_the_bot_carries_on(
    fake: FakeTelegram, run_bot, tmp_path: Path, pg_url: str
):
    sqlite_config = make_config(tmp_path, fake.base_url)
    group, zhang, li = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), fake.person(2, "李叔")
    worker = fake.person(WORKER_ID, "小王", "wang")
    async with run_bot(sqlite_config) as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 困了人\x00")
        fake.say(group, li, "5栋门口垃圾三天没人收")
        await settle(app, fake)
        fake.photo(group, li)  # her picture of it, kept with #2
        await settle(app, fake)
        fake.say(group, worker, "/assign 1")
        fake.say(group, worker, "/done 2 已清运")
        await settle(app, fake)
    config_file = tmp_path / "c.toml"
    config_file.write_text(storage_toml(sqlite_config), encoding="utf-8")

    moved = await asyncio.to_thread(
        run_cli, "migrate-to-postgres", "--config", str(config_file), "--url", pg_url
    )
    assert moved.returncode == 0, moved.stderr
    assert "moved 2 tickets" in moved.stderr and "tickets: 2" in moved.stdout
    with sqlite3.connect(sqlite_config.storage.path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables - {"sqlite_sequence"} == set(TABLES)  # no table is left behind
    assert [row[8] for row in every_row(pg_url, "photos")] == [2]  # its ticket_id
    for table in TABLES:  # PostgreSQL text holds no NUL: the resident's one became U+FFFD
        before = [_without_nul(row) for row in every_row(sqlite_config.storage.path, table)]
        assert every_row(pg_url, table) == before, table

    told = len(fake.bot_messages(GROUP))
    pg_config = make_config(tmp_path, fake.base_url, storage={"url": pg_url})
    async with run_bot(pg_config) as app:
        await settle(app, fake)
        assert len(fake.bot_messages(GROUP)) == told  # nothing handled or said twice
        fake.say(group, zhang, "7栋楼道灯坏了 晚上黑漆漆")
        fake.say(group, worker, "/ticket 1")
        await settle(app, fake)
    with peek(pg_config) as conn:
        assert conn.execute("SELECT id, status FROM tickets ORDER BY id").fetchall() == [
            (1, "assigned"), (2, "done"), (3, "open"),
        ]  # fmt: skip
    assert any("#3" in m.text for m in fake.bot_messages(GROUP)[told:])

    again = await asyncio.to_thread(
        run_cli, "migrate-to-postgres", "--config", str(config_file), "--url", pg_url
    )
    assert again.returncode == 2 and "already has" in again.stderr
    assert every_row(pg_url, "tickets")[-1][0] == 3  # the refused move changed nothing


def test_a_bad_target_is_one_line_without_the_password(tmp_path: Path):
    need_postgres()
    db = tmp_path / "y.sqlite3"
    asyncio.run(_one_ticket(db))
    config_file = tmp_path / "c.toml"
    config_file.write_text(f'[storage]\npath = "{db}"\n', encoding="utf-8")
    refused = run_cli(
        "migrate-to-postgres", "--config", str(config_file),
        "--url", "postgresql://yuanzi:s3cret@127.0.0.1:1/nowhere", timeout=60,
    )  # fmt: skip
    assert refused.returncode == 2
    assert len(refused.stderr.strip().splitlines()) == 1 and "unreachable" in refused.stderr
    assert "s3cret" not in refused.stderr and "Traceback" not in refused.stderr


def test_a_half_done_move_leaves_the_target_empty(tmp_path: Path, pg_url: str):
    """Groups, people and tickets are copied before a report that points at no ticket breaks
    PostgreSQL's rule: the whole move is rolled back, and said in one line."""
    db = tmp_path / "y.sqlite3"
    config_file = tmp_path / "c.toml"
    config_file.write_text(f'[storage]\npath = "{db}"\n', encoding="utf-8")
    asyncio.run(_one_ticket(db))
    with sqlite3.connect(db) as conn:  # foreign keys are off in a bare connection
        conn.execute(
            "INSERT INTO reports (ticket_id, chat_id, message_id, display_name, text, "
            "received_at) VALUES (999, -1, 777, '某人', '孤儿', '2026-11-01T00:00:00+00:00')"
        )
    refused = run_cli("migrate-to-postgres", "--config", str(config_file), "--url", pg_url)
    assert refused.returncode == 2 and "nothing was changed" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    with psycopg.connect(pg_url) as conn:
        for table in ("chats", "tickets", "reports"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table


def test_a_value_sqlite_kept_that_postgresql_cannot_hold_is_one_line(tmp_path: Path, pg_url: str):
    """A count past 32 bits (an old import kept 反映户数 3000000000: SQLite's INTEGER takes
    64) is no broken rule and no connection problem: COPY's NumericValueOutOfRange ended in a
    traceback. Now one line names the table, the column and the value; nothing is moved."""
    db = tmp_path / "y.sqlite3"
    config_file = tmp_path / "c.toml"
    config_file.write_text(f'[storage]\npath = "{db}"\n', encoding="utf-8")
    asyncio.run(_one_ticket(db))
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE tickets SET households = 3000000000")
    refused = run_cli("migrate-to-postgres", "--config", str(config_file), "--url", pg_url)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    assert lines[0].startswith(
        "not moved, nothing was changed: a value PostgreSQL's column cannot hold: "
    )
    assert 'COPY tickets, line 1, column households: "3000000000"' in lines[0]
    assert lines[0].endswith(f"; correct it in {db}, then move again")
    with psycopg.connect(pg_url) as conn:
        for table in ("chats", "tickets", "reports"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table


def test_a_table_this_version_does_not_know_stops_the_move(tmp_path: Path, pg_url: str):
    db = tmp_path / "y.sqlite3"
    config_file = tmp_path / "c.toml"
    config_file.write_text(f'[storage]\npath = "{db}"\n', encoding="utf-8")
    asyncio.run(_one_ticket(db))
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes (x)")
    refused = run_cli("migrate-to-postgres", "--config", str(config_file), "--url", pg_url)
    assert refused.returncode == 2 and "notes" in refused.stderr


async def _one_ticket(path: Path) -> None:
    from storage.stores import Stores
    from tests.factories import new_report

    stores = await Stores.open(path)
    await stores.tickets.file_report(new_report(1))
    await stores.close()
