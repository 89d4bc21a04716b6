"""The database door: one writer connection, one reader, WAL, numbered migrations."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

__all__ = ["Database", "Migration", "from_db_time", "load_migrations", "to_db_time"]

log = logging.getLogger(__name__)

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
    return value.astimezone(UTC).isoformat(timespec="seconds")


def from_db_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value).astimezone(UTC)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


def split_statements(script: str) -> tuple[str, ...]:
    """Split a SQL script into complete statements (executescript would commit midway)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buffer[:60]!r}")
    return tuple(statements)


def load_migrations() -> tuple[Migration, ...]:
    """The numbered `NNNN_name.sql` files shipped beside this module, in order."""
    folder = resources.files("storage.migrations")
    found = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        number, _, rest = entry.name.partition("_")
        found.append(
            Migration(
                int(number), rest.removesuffix(".sql"), split_statements(entry.read_text("utf-8"))
            )
        )
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return tuple(found)


class Database:
    """Writes go through `transaction()` on the single writer; reads use a separate reader."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(
        cls, path: Path | str, *, migrations: Sequence[Migration] | None = None
    ) -> Database:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = await aiosqlite.connect(path, isolation_level=None)
        for pragma in _PRAGMAS:
            await writer.execute(pragma)
        db = None
        try:
            await migrate(writer, load_migrations() if migrations is None else migrations)
            reader = await aiosqlite.connect(path, isolation_level=None)
            for pragma in _PRAGMAS[1:]:
                await reader.execute(pragma)
            await reader.execute("PRAGMA query_only = ON")
            reader.row_factory = aiosqlite.Row
            writer.row_factory = aiosqlite.Row
            db = cls(path, writer, reader)
            return db
        finally:
            if db is None:
                await writer.close()

    async def close(self) -> None:
        async with self._write_lock:
            await self._reader.close()
            await self._writer.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction; commits on success, rolls back on any error."""
        async with self._write_lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield self._writer
            except BaseException:
                await self._writer.execute("ROLLBACK")
                raise
            await self._writer.execute("COMMIT")

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        async with self._reader.execute(sql, tuple(params)) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        async with self._reader.execute(sql, tuple(params)) as cursor:
            return await cursor.fetchone()

    async def user_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    @staticmethod
    async def integrity(path: Path) -> str:
        """SQLite's integrity check of a database file: "ok", or what is wrong."""
        async with aiosqlite.connect(path) as conn, conn.execute("PRAGMA integrity_check") as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else "no answer"

    async def backup_to(self, target: Path) -> None:
        """A consistent copy made with SQLite's online backup, safe while the bot runs."""
        target.parent.mkdir(parents=True, exist_ok=True)
        async with self._write_lock:
            dest = await aiosqlite.connect(target)
            try:
                await self._writer.backup(dest)
            finally:
                await dest.close()


async def migrate(conn: aiosqlite.Connection, migrations: Sequence[Migration]) -> int:
    """Apply every migration above the file's `user_version`, each in its own transaction."""
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    current = int(row[0]) if row else 0
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise RuntimeError(
            f"the database is at schema version {current}, newer than this program ({latest}); "
            "upgrade yuanzi"
        )
    for migration in migrations:
        if migration.version <= current:
            continue
        await conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in migration.statements:
                await conn.execute(statement)
            await conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        except BaseException:
            await conn.execute("ROLLBACK")
            raise
        await conn.execute("COMMIT")
        log.info("database migrated to version %d (%s)", migration.version, migration.name)
        current = migration.version
    return current
