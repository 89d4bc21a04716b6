"""A community's SQLite history moved into PostgreSQL: every table, in one transaction.

The SQLite file is first brought to the latest schema (as the bot would on start), then read
in batches and written with PostgreSQL's COPY into an empty database at the same version.
Before the commit every table's count is compared with the file's; a difference, or anything
else going wrong, rolls the whole move back and leaves the target as empty as it was.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.db import Database
from storage.dialect import numbers_follow_ids
from storage.pg_database import PgDatabase
from storage.postgres import PgConnection, bind

__all__ = ["TABLES", "TargetNotEmpty", "TransferMismatch", "move_to_postgres"]

# Every table, parents before children. A table missing here stops the move (a test keeps the
# list whole), so a new table is never silently left behind.
TABLES = (
    "chats", "members", "tickets", "reports", "events", "ratings", "prompts", "outbox",
    "inbox", "scheduled_posts", "acted", "triage", "triage_seconds", "lessons", "learned_state",
    "desk_links", "desk_sessions", "photos",
)  # fmt: skip
_NUMBERED = (
    "tickets", "reports", "events", "outbox", "triage", "triage_seconds", "lessons", "photos",
)  # fmt: skip
_BATCH = 5_000
_NAME = re.compile(r"[a-z_][a-z0-9_]*")


class TargetNotEmpty(Exception):
    """The PostgreSQL database already holds a community's data."""


class TransferMismatch(Exception):
    """A table's count differs after the copy (nothing was kept)."""


@dataclass(frozen=True)
class Moved:
    table: str
    rows: int


def _rows(source: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    cursor = source.execute(f"SELECT {', '.join(columns)} FROM {table}")
    while batch := cursor.fetchmany(_BATCH):
        for row in batch:
            yield bind(row)


def _columns(source: sqlite3.Connection, table: str) -> list[str]:
    """The table's columns (names as this version writes them: they go into the COPY)."""
    columns = [str(row[1]) for row in source.execute(f"PRAGMA table_info({table})")]
    strange = [c for c in columns if not _NAME.fullmatch(c)]
    if strange:
        raise TransferMismatch(f"{table}: columns this version does not know: {strange}")
    return columns


def _copy(conn: PgConnection, source: sqlite3.Connection, table: str) -> int:
    columns = _columns(source, table)
    merged = table == "tickets" and "merged_into" in columns
    copied = [c for c in columns if not (merged and c == "merged_into")]
    count = 0
    with conn.raw.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({', '.join(copied)}) FROM STDIN") as copy:
            for row in _rows(source, table, copied):
                copy.write_row(row)
                count += 1
        if merged:  # a ticket may point at a later one: the links go in once all exist
            links = source.execute(
                "SELECT id, merged_into FROM tickets WHERE merged_into IS NOT NULL"
            ).fetchall()
            if links:
                cursor.executemany("UPDATE tickets SET merged_into = %s WHERE id = %s",
                                   [(into, ticket) for ticket, into in links])  # fmt: skip
    return count


def _move(conn: PgConnection, path: Path) -> list[Moved]:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {
            r[0]
            for r in source.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        unknown = tables - set(TABLES)
        if unknown:
            raise TransferMismatch(f"tables this version does not know: {sorted(unknown)}")
        for table in TABLES:
            if conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]:
                raise TargetNotEmpty(
                    f"the PostgreSQL database already has {table}; move into an empty one"
                )
        moved = [Moved(table, _copy(conn, source, table)) for table in TABLES if table in tables]
        numbers_follow_ids(conn, _NUMBERED)
        given = source.execute("SELECT seq FROM sqlite_sequence WHERE name = 'tickets'").fetchone()
        if given and given[0]:  # a deleted ticket's number is never given again
            conn.execute(
                "SELECT setval(pg_get_serial_sequence('tickets', 'id'), ?) "
                "WHERE ? > coalesce((SELECT max(id) FROM tickets), 0)",
                (int(given[0]), int(given[0])),
            )
        for item in moved:
            stored = conn.execute(f"SELECT count(*) FROM {item.table}").fetchone()[0]
            if stored != item.rows:
                raise TransferMismatch(f"{item.table}: {item.rows} rows read, {stored} stored")
        return moved
    finally:
        source.close()


async def move_to_postgres(path: Path, url: str) -> list[Moved]:
    """Move the SQLite database at `path` into the (empty) PostgreSQL database at `url`; the
    rows moved per table. Raises `TargetNotEmpty` or `TransferMismatch`, changing nothing."""
    sqlite_db = await Database.open(path)  # checked and brought to the latest schema
    await sqlite_db.close()
    target = await PgDatabase.open(url)
    try:
        result: list[Moved] = await target.write(lambda conn: _move(conn, path))  # type: ignore[arg-type]
        await target.run_alone(lambda conn: conn.execute("ANALYZE"))  # the planner's statistics
        return result
    finally:
        await target.close()
