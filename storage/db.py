"""The database door: one writer connection, one reader, WAL, numbered migrations."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.core.timeutil import utc_text

__all__ = ["Database", "Migration", "from_db_time", "load_migrations", "to_db_time"]

log = logging.getLogger(__name__)

T = TypeVar("T")
GROUP_COMMIT = 200  # at most this many writes share one transaction


def _run_group(
    conn: sqlite3.Connection, works: Sequence[Callable[[sqlite3.Connection], Any]]
) -> list[tuple[bool, Any]]:
    """In the writer thread: one transaction, a savepoint per piece of work."""
    outcomes: list[tuple[bool, Any]] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for work in works:
            conn.execute("SAVEPOINT piece")
            try:
                outcomes.append((True, work(conn)))
            except Exception as exc:
                conn.execute("ROLLBACK TO piece")
                outcomes.append((False, exc))
            conn.execute("RELEASE piece")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return outcomes


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
        self._pending_writes: list[tuple[Callable[[sqlite3.Connection], Any], asyncio.Future[Any]]]
        self._pending_writes = []
        self._drainer: asyncio.Task[None] | None = None

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
        if self._drainer is not None:
            await asyncio.gather(self._drainer, return_exceptions=True)
        async with self._write_lock:
            await self._reader.close()
            await self._writer.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction; commits on success, rolls back on any error (a cancellation
        while BEGIN is awaited too: the BEGIN still runs in the writer's thread)."""
        async with self._write_lock:
            try:
                await self._writer.execute("BEGIN IMMEDIATE")
                yield self._writer
            except BaseException:
                await self._rollback()
                raise
            await self._writer.execute("COMMIT")

    async def _rollback(self) -> None:
        # Queued behind the BEGIN, so it runs after it; if the BEGIN itself failed, there is
        # nothing to roll back.
        with suppress(sqlite3.OperationalError):
            await self._writer.execute("ROLLBACK")

    async def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` (plain sqlite3 calls) in the writer's own thread, in a transaction.

        Writes that arrive while one is running are committed together (group commit): one
        hand-over to the writer thread and one COMMIT for all of them, each inside its own
        SAVEPOINT, so one failing rolls back alone and its error reaches only its caller. This
        is the hot path of intake. (aiosqlite runs everything on its connection's thread;
        `_execute` is how it hands that thread a function and `_conn` is the sqlite3
        connection there — tested, so an aiosqlite change would show at once.)
        """
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending_writes.append((work, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain_writes())
        return await future  # type: ignore[no-any-return]

    async def _drain_writes(self) -> None:
        while self._pending_writes:
            batch = self._pending_writes[:GROUP_COMMIT]
            del self._pending_writes[: len(batch)]
            works = [work for work, _ in batch]
            try:
                async with self._write_lock:
                    outcomes = await self._writer._execute(_run_group, self._writer._conn, works)
            except Exception as exc:  # BEGIN or COMMIT failed: nothing of the batch is stored
                outcomes = [(False, exc)] * len(batch)
            for (_, future), (ok, value) in zip(batch, outcomes, strict=True):
                if future.done():
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)

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
    """Apply every migration above the file's `user_version`, each in its own transaction.

    Foreign keys are off meanwhile (a migration may rebuild a table others point to) and
    checked before each migration commits."""
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    current = int(row[0]) if row else 0
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise RuntimeError(
            f"the database is at schema version {current}, newer than this program ({latest}); "
            "upgrade yuanzi"
        )
    async with conn.execute("PRAGMA foreign_keys") as cursor:
        row = await cursor.fetchone()
    keys_were_on = bool(row and row[0])
    await conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for migration in migrations:
            if migration.version > current:
                await _apply(conn, migration)
                current = migration.version
    finally:
        await conn.execute(f"PRAGMA foreign_keys = {'ON' if keys_were_on else 'OFF'}")
    return current


async def _apply(conn: aiosqlite.Connection, migration: Migration) -> None:
    log.info("migrating the database to version %d (%s)…", migration.version, migration.name)
    await conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in migration.statements:
            await conn.execute(statement)
        async with conn.execute("PRAGMA foreign_key_check") as cursor:
            broken = await cursor.fetchone()
        if broken is not None:
            raise RuntimeError(
                f"migration {migration.version} would leave table {broken[0]} row {broken[1]} "
                f"pointing at a missing row of {broken[2]}; nothing was changed"
            )
        await conn.execute(f"PRAGMA user_version = {int(migration.version)}")
    except BaseException:
        await conn.execute("ROLLBACK")
        raise
    await conn.execute("COMMIT")
    log.info("database migrated to version %d (%s)", migration.version, migration.name)
