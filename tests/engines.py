"""Both storage engines for the tests: SQLite files, and PostgreSQL when a server is given.

`YUANZI_TEST_POSTGRES` names a server the tests may create databases on (`.ci/postgres`
starts a throwaway one and prints its URL); each test gets a database of its own, dropped
afterwards. Without it the PostgreSQL half is skipped, unless `YUANZI_REQUIRE_POSTGRES=1`
(set by `.ci/run`) makes that a failure.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot.config import Config
from storage.postgres import translate, with_database

SERVER = os.environ.get("YUANZI_TEST_POSTGRES", "")
REQUIRED = os.environ.get("YUANZI_REQUIRE_POSTGRES") == "1"
ENGINES = ("sqlite", "postgres")


def need_postgres() -> str:
    """The server's URL, or skip (fail when it is required) without one."""
    if not SERVER:
        if REQUIRED:
            pytest.fail("YUANZI_REQUIRE_POSTGRES=1 but YUANZI_TEST_POSTGRES names no server")
        pytest.skip("no PostgreSQL server (set YUANZI_TEST_POSTGRES, e.g. with .ci/postgres)")
    return SERVER


def create_database() -> str:
    """A new empty database on the test server; its URL."""
    import psycopg

    name = f"yuanzi_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(need_postgres(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return with_database(SERVER, name)


def drop_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.strip("/")
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def storage_target(engine: str, folder: Path, name: str = "yuanzi") -> Iterator[Path | str]:
    """A place for a database of the engine: a file in `folder`, or a new PostgreSQL database."""
    if engine == "sqlite":
        yield folder / f"{name}.sqlite3"
        return
    url = create_database()
    try:
        yield url
    finally:
        drop_database(url)


def storage_section(target: Path | str) -> dict[str, str]:
    """The config's [storage] for a target."""
    return {"url": target} if isinstance(target, str) else {"path": str(target)}


class _PgPeek:
    """A test's look into a PostgreSQL database, with the stores' `?` SQL and tuple rows."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor)

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self.conn.execute(translate(sql), tuple(params))

    def executemany(self, sql: str, rows: Any) -> Any:
        with self.conn.cursor() as cursor:
            cursor.executemany(translate(sql), [tuple(row) for row in rows])

    def close(self) -> None:
        self.conn.close()


@contextlib.contextmanager
def peek(where: Config | Path | str) -> Iterator[Any]:
    """`with peek(config) as conn: conn.execute(sql, params).fetchall()` on either engine
    (changes are committed when the block ends)."""
    target = where.storage.target if isinstance(where, Config) else where
    if isinstance(target, str):
        pg = _PgPeek(target)
        try:
            yield pg
        finally:
            pg.close()
        return
    with contextlib.closing(sqlite3.connect(target, timeout=10)) as conn, conn:
        yield conn


def forget_handled(where: Config | Path | str, words: str | None = None) -> None:
    """What a process killed before it marked its updates handled leaves behind (only the
    updates holding `words`, when given)."""
    with peek(where) as conn:
        if words is None:
            conn.execute("UPDATE inbox SET processed_at = NULL")
        else:
            conn.execute(
                "UPDATE inbox SET processed_at = NULL WHERE payload LIKE ?", (f"%{words}%",)
            )


def storage_toml(where: Config | dict[str, str]) -> str:
    """The [storage] table of a config file for the same database."""
    if isinstance(where, Config):
        where = storage_section(where.storage.target)
    key, value = next(iter(where.items()))
    return f'[storage]\n{key} = "{value}"\n'


class Places:
    """Databases by name on one engine, made on first use and dropped at the end."""

    def __init__(self, engine: str, folder: Path) -> None:
        self.engine, self.folder = engine, folder
        self._made: dict[str, Path | str] = {}

    def __call__(self, name: str) -> Path | str:
        if name not in self._made:
            self._made[name] = (
                self.folder / f"{name}.sqlite3" if self.engine == "sqlite" else create_database()
            )
        return self._made[name]

    def close(self) -> None:
        for target in self._made.values():
            if isinstance(target, str):
                drop_database(target)


def rows(where: Config | Path | str, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows `sql` selects, as tuples, on either engine."""
    with peek(where) as conn:
        return [tuple(row) for row in conn.execute(sql, params).fetchall()]
