"""The SQLite database door: one writer thread, one reader, WAL, numbered migrations.

Every write is a function of a plain connection handed to `Database.write`, which the writer
thread of `storage.writer` runs in a transaction shared with the writes arriving meanwhile.
Reads go through aiosqlite on a separate read-only connection. Rows are `sqlite3.Row`, read by
column name. `storage.pg_database.PgDatabase` is the same door onto PostgreSQL.

A database is created readable by its owner only (SQLite gives its -wal and -shm the same
mode), and an existing one is checked (`PRAGMA quick_check`) before anything uses it: a damaged,
truncated or empty file is refused with `DatabaseDamaged`, never repaired or started anew.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.core.timeutil import utc_text
from storage.dbfile import (
    DatabaseDamaged,
    create_private,
    is_damage,
    is_database_file,
    prepare_file,
    quick_check,
)
from storage.migrating import (
    Migration,
    MigrationFailed,
    SchemaTooNew,
    load_migrations,
    migrate,
    read_migrations,
    split_statements,
)
from storage.sql import Conn, Row
from storage.writer import Writer

__all__ = [
    "Database",
    "DatabaseDamaged",
    "Migration",
    "MigrationFailed",
    "Row",
    "SchemaTooNew",
    "from_db_time",
    "is_database_file",
    "load_migrations",
    "read_migrations",
    "split_statements",
    "to_db_time",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
)


def to_db_time(value: datetime | None) -> str | None:
    """Times are stored as UTC ISO-8601 text, which sorts in time order."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to storage; use an aware UTC time")
    return utc_text(value)


def from_db_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value).astimezone(UTC)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        for pragma in _PRAGMAS:
            conn.execute(pragma)
    except BaseException:
        conn.close()
        raise
    return conn


def _backup(target: Path, conn: sqlite3.Connection) -> None:
    create_private(target)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()


class Database:
    """Writes go through `write(work)`, run by the writer thread; reads use a separate reader."""

    engine = "sqlite"

    def __init__(self, path: Path, writer: Writer, reader: aiosqlite.Connection) -> None:
        self.path = path
        self._writer = writer
        # Each read runs and is fetched whole in one turn of the reader's thread: SQLite keeps
        # a connection's view of the database while any of its statements is unfinished, so a
        # read begun before a write and fetched after it would show the reads that slip in
        # between the database as it was (an acknowledgement marked sent read as still
        # waiting, and posted again). A lock around execute and fetch did the same, but made
        # every read wait for the others' thread hops (bench ingest: 2.8 s → 4.1 s).
        self._reader = reader
        self._aside: AsideReads | None = None

    @classmethod
    async def open(
        cls, path: Path | str, *, migrations: Sequence[Migration] | None = None
    ) -> Database:
        """Open (creating the file and its folder if need be), check and migrate.

        Raises `DatabaseDamaged` for a file that is empty, corrupt or not a database."""
        path = Path(path)
        existed = await asyncio.to_thread(prepare_file, path)
        writer = Writer(partial(_connect, path), begin=("BEGIN IMMEDIATE",))
        try:
            await writer.start()
        except sqlite3.DatabaseError as exc:
            if is_damage(exc):
                raise DatabaseDamaged(path, f"the database is damaged ({exc})") from None
            raise
        try:
            if existed:
                verdict = await writer.submit(quick_check, grouped=False)
                if verdict != "ok":
                    raise DatabaseDamaged(path, f"the database is damaged ({verdict})")
            pending = load_migrations() if migrations is None else migrations
            await writer.submit(partial(migrate, migrations=pending), grouped=False)
            reader = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.DatabaseError as exc:
            await writer.stop()
            if is_damage(exc):
                raise DatabaseDamaged(path, f"the database is damaged ({exc})") from None
            raise
        except BaseException:
            await writer.stop()
            raise
        try:
            await _read_only(reader)
        except BaseException:
            await reader.close()
            await writer.stop()
            raise
        return cls(path, writer, reader)

    def aside(self) -> AsideReads:
        """This database, its reads on a connection of their own (opened when first read):
        for the desk, whose searches and downloads read the whole history — on the one
        reader every group's reads waited behind them. Writes go to the one writer."""
        if self._aside is None:
            self._aside = AsideReads(self)
        return self._aside

    async def close(self) -> None:
        """Finish the writes queued so far, then close the connections."""
        await self._writer.stop()
        await self._reader.close()
        if self._aside is not None:
            await self._aside.close()

    @property
    def name(self) -> str:
        """What logs and messages call this database."""
        return str(self.path)

    async def write(self, work: Callable[[Conn], T]) -> T:
        """Run `work` (plain connection calls) in the writer's thread, in a transaction that
        commits when it returns and rolls back (alone) when it raises."""
        result: T = await self._writer.submit(work)
        return result

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        return list(await self._reader.execute_fetchall(sql, tuple(params)))

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        """The first row (the queries that use it name one row, or count)."""
        rows = await self._reader.execute_fetchall(sql, tuple(params))
        return next(iter(rows), None)

    @staticmethod
    async def integrity(path: Path) -> str:
        """SQLite's integrity check of a database file: "ok", or what is wrong."""
        async with aiosqlite.connect(path) as conn, conn.execute("PRAGMA integrity_check") as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else "no answer"

    async def backup_to(self, target: Path) -> None:
        """A consistent copy made with SQLite's online backup, safe while the bot runs; the
        copy is readable by its owner only. Refuses to write over the database itself."""
        if is_database_file(target, self.path):
            raise ValueError(f"{target} is the live database or one of its files")
        target.parent.mkdir(parents=True, exist_ok=True)
        await self._writer.submit(partial(_backup, target), grouped=False)


async def _read_only(reader: aiosqlite.Connection) -> None:
    """A reader's settings: the bot's pragmas, read-only, rows by column name."""
    for pragma in _PRAGMAS[1:]:
        await reader.execute(pragma)
    await reader.execute("PRAGMA query_only = ON")
    reader.row_factory = sqlite3.Row


class AsideReads:
    """A database's door whose reads run on a second read-only connection (`Database.aside`)."""

    engine = "sqlite"

    def __init__(self, db: Database) -> None:
        self._db = db
        self._reader: aiosqlite.Connection | None = None
        self._opening = asyncio.Lock()

    @property
    def name(self) -> str:
        return self._db.name

    async def write(self, work: Callable[[Conn], T]) -> T:
        return await self._db.write(work)

    async def _connection(self) -> aiosqlite.Connection:
        async with self._opening:
            if self._reader is None:
                reader = await aiosqlite.connect(self._db.path, isolation_level=None)
                try:
                    await _read_only(reader)
                except BaseException:
                    await reader.close()
                    raise
                self._reader = reader
            return self._reader

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        reader = self._reader or await self._connection()
        return list(await reader.execute_fetchall(sql, tuple(params)))

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        return next(iter(await self.fetchall(sql, params)), None)

    async def close(self) -> None:
        async with self._opening:
            if self._reader is not None:
                await self._reader.close()
                self._reader = None
