"""The PostgreSQL database door: the same writer thread and API as `storage.db.Database`.

Writes run in `storage.writer.Writer` on a psycopg connection, each transaction opened with
BEGIN and the writers' advisory lock (so several processes on one database write one after
another, as SQLite's writers do). Reads use a small pool of read-only async connections,
which reconnect by themselves after the server restarts. Migrations are the numbered files
under `storage/migrations/postgres`, recorded in `yuanzi_schema`, applied under their own
advisory lock so that two processes starting at once migrate once.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from bot.core.redact import mask_url
from storage.db import Migration, SchemaTooNew, load_migrations
from storage.migrating import statement_failed
from storage.postgres import (
    MIGRATE_LOCK,
    WRITE_LOCK,
    PgConnection,
    bind,
    configure,
    connect,
    connect_options,
    translate,
)
from storage.sql import Conn, Row
from storage.writer import Writer

__all__ = [
    "PgDatabase",
    "PostgresMissing",
    "migrate_postgres",
    "refused_reason",
    "require_driver",
    "unreachable_reason",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

_SCHEMA_TABLE = (
    "CREATE TABLE IF NOT EXISTS yuanzi_schema (id INTEGER PRIMARY KEY CHECK (id = 1), "
    "version INTEGER NOT NULL)"
)


class PostgresMissing(RuntimeError):
    """The PostgreSQL driver is not installed."""


def require_driver() -> None:
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        raise PostgresMissing(
            "PostgreSQL needs the psycopg driver: pip install 'yuanzi[postgres]'"
        ) from None


def schema_version(conn: PgConnection) -> int:
    conn.execute(_SCHEMA_TABLE)
    row = conn.execute("SELECT version FROM yuanzi_schema WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def holds_yuanzi(url: str) -> bool:
    """Has the bot ever opened this PostgreSQL database (its schema table is there)? Asked
    read-only: a command that only reads must not make its tables in a database that a wrong
    name in the URL points to (the server's own `postgres`, another program's)."""
    require_driver()
    conn = connect(url, application="yuanzi-cli", read_only=True)
    try:
        row = conn.execute("SELECT to_regclass('yuanzi_schema') IS NOT NULL").fetchone()
        return bool(row and row[0])
    finally:
        conn.close()


@contextlib.contextmanager
def _migrating(conn: PgConnection) -> Iterator[int]:
    """A transaction holding the migration lock; the version recorded when the lock was ours.
    Commits when the block ends, rolls back when it raises."""
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATE_LOCK,))
        yield schema_version(conn)
        conn.execute("COMMIT")
    except BaseException:
        if not conn.broken:
            conn.execute("ROLLBACK")
        raise


def migrate_postgres(conn: PgConnection, migrations: Sequence[Migration]) -> int:
    """Apply every migration above the recorded version, each in its own transaction with the
    new version number, under the migration lock (a second process waits, then finds nothing
    to do)."""
    latest = migrations[-1].version if migrations else 0
    with _migrating(conn) as current:
        pass
    if current > latest:
        raise SchemaTooNew(current, latest)
    for migration in migrations:
        if migration.version <= current:
            continue
        with _migrating(conn) as recorded:
            if recorded < migration.version:  # else another process was quicker
                log.info("migrating the database to version %d (%s)…", migration.version,
                         migration.name)  # fmt: skip
                for index, statement in enumerate(migration.statements):
                    try:
                        conn.execute(statement)
                    except Exception as exc:
                        if not _statement_fault(exc):
                            raise
                        raise statement_failed(migration, index, exc, recorded) from exc
                conn.execute(
                    "INSERT INTO yuanzi_schema (id, version) VALUES (1, ?) "
                    "ON CONFLICT (id) DO UPDATE SET version = excluded.version",
                    (migration.version,),
                )
        current = migration.version
    return current


def _statement_fault(exc: Exception) -> bool:
    """Is this the migration's statement refused (data it did not expect, a statement the
    server cannot run), not the server's connection or the user's rights?"""
    import psycopg

    unusable = (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege)
    return isinstance(exc, psycopg.Error) and not isinstance(exc, unusable)


class PgDatabase:
    """Writes go through `write(work)`, run by the writer thread; reads use a pool."""

    engine = "postgres"
    path: Path | None = None

    def __init__(self, url: str, writer: Writer, pool: Any) -> None:
        self.url = url
        self._writer = writer
        self._pool = pool

    @property
    def name(self) -> str:
        return mask_url(self.url)

    @classmethod
    async def open(cls, url: str, *, migrations: Sequence[Migration] | None = None) -> PgDatabase:
        """Connect, migrate and open the readers' pool."""
        require_driver()
        from psycopg import AsyncClientCursor
        from psycopg_pool import AsyncConnectionPool

        writer = Writer(
            partial(connect, url, application="yuanzi-writer"),
            # READ COMMITTED whatever the server's default: each statement sees what the writer
            # before committed, once the lock is ours (a snapshot from before the wait would not)
            begin=(
                "BEGIN ISOLATION LEVEL READ COMMITTED",
                f"SELECT pg_advisory_xact_lock({WRITE_LOCK})",
            ),
        )
        await writer.start()
        try:
            pending = load_migrations("postgres") if migrations is None else migrations
            await writer.submit(partial(migrate_postgres, migrations=pending), grouped=False)
            options = connect_options(url, application="yuanzi-reader", read_only=True)
            options["cursor_factory"] = AsyncClientCursor
            pool = AsyncConnectionPool(
                url,
                kwargs=options,
                configure=_configure_async,
                min_size=1,
                max_size=4,
                open=False,
                check=AsyncConnectionPool.check_connection,
                name="yuanzi-readers",
            )
            await pool.open(wait=True, timeout=15)
        except BaseException:
            await writer.stop()
            raise
        return cls(url, writer, pool)

    async def close(self) -> None:
        """Finish the writes queued so far, then close the writer and the pool."""
        try:
            await self._writer.stop()
        finally:
            await self._pool.close()

    async def write(self, work: Callable[[Conn], T]) -> T:
        """Run `work` in the writer's thread, in a transaction that commits when it returns
        and rolls back (alone) when it raises."""
        result: T = await self._writer.submit(work)
        return result

    async def run_alone(self, work: Callable[[Conn], T]) -> T:
        """Run `work` outside any transaction (it manages its own)."""
        result: T = await self._writer.submit(work, grouped=False)
        return result

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        async with self._pool.connection() as conn:
            cursor = await conn.execute(translate(sql), bind(params))
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        async with self._pool.connection() as conn:
            cursor = await conn.execute(translate(sql), bind(params))
            row: Row | None = await cursor.fetchone()
            return row

    async def backup_to(self, target: Path) -> None:
        raise NotImplementedError("use pg_dump")


async def _configure_async(conn: Any) -> None:
    configure(conn)


# What libpq says when the server was reached but would not let the user in (a wrong or
# missing password, a user it does not know) or has no database of that name.
_LOGIN_REFUSED = re.compile(r'authentication failed|no password supplied|role ".*" does not exist')
_NO_DATABASE = re.compile(r'database ".*" does not exist')


def refused_reason(exc: BaseException) -> str | None:
    """One line on why the PostgreSQL server refused the work though it was reached (a login
    it would not let in, no database of that name, a user who may not create the tables) or
    the URL could not be read; None otherwise."""
    try:
        import psycopg
    except ImportError:
        return None
    said = [" ".join(line.split())[:200] for line in str(exc).splitlines()] or [""]
    first = said[0]
    if isinstance(exc, psycopg.OperationalError):
        # libpq tries each address of a name (localhost: ::1, then 127.0.0.1), a line each:
        # the refusal may be on a later line than the first (a refused login named first)
        refused = (
            line for found in (_LOGIN_REFUSED, _NO_DATABASE) for line in said if found.search(line)
        )
        first = next(refused, first)
    if isinstance(exc, psycopg.OperationalError) and _LOGIN_REFUSED.search(first):
        return (
            f"the server refused the login ({first}); give the user's password in PGPASSWORD "
            "or ~/.pgpass (PGPASSFILE), or correct the user in the URL"
        )
    if isinstance(exc, psycopg.OperationalError) and _NO_DATABASE.search(first):
        return (
            f"the server has no such database ({first}); create it (createdb -O <user> "
            "<database>) or correct the database's name in the URL"
        )
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return (
            f"the database user may not create or change the tables there ({first}); make the "
            "user the database's owner (createdb -O <user> <database>)"
        )
    if isinstance(exc, psycopg.ProgrammingError) and getattr(exc, "sqlstate", None) is None:
        return f"the URL cannot be read ({first}); write it as postgresql://user@host:5432/db"
    return None


def unreachable_reason(exc: BaseException) -> str | None:
    """One line on why the PostgreSQL server could not be used, for an operator; None when
    `exc` is not about reaching it (then it is a bug, and is raised)."""
    if isinstance(exc, PostgresMissing):
        return str(exc)
    try:
        import psycopg
        from psycopg_pool import PoolTimeout
    except ImportError:
        return None
    if isinstance(exc, psycopg.OperationalError | PoolTimeout):
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        return "; ".join(lines[:2]) or type(exc).__name__
    return None
