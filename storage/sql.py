"""What a piece of write work may use of its connection, whichever engine runs it.

The stores' SQL is written once, in the dialect SQLite and PostgreSQL share (`?` placeholders,
`ON CONFLICT … DO …`, `RETURNING`, `count(*) FILTER (WHERE …)`), against these protocols: a
`sqlite3.Connection` fits them as it is, and `storage.postgres.PgConnection` fits them over
psycopg. Rows are read by column name (or position).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

__all__ = ["Conn", "Cursor", "Door", "Row", "is_postgres"]

T = TypeVar("T")


class Row(Protocol):
    """A result row: `row["column"]` or `row[0]`."""

    def __getitem__(self, key: str | int, /) -> Any: ...

    def keys(self) -> list[str]: ...


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Any: ...


class Conn(Protocol):
    """The write connection a piece of work is handed, inside its transaction."""

    def execute(self, sql: str, parameters: Any = (), /) -> Any: ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> Any: ...


def is_postgres(conn: object) -> bool:
    """Is this write connection PostgreSQL's (for the few statements the dialects spell apart)?"""
    return bool(getattr(conn, "is_postgres", False))


class Door(Protocol):
    """A database the stores use: `storage.db.Database` (SQLite) or `storage.pg_database.
    PgDatabase` (PostgreSQL)."""

    engine: str

    @property
    def name(self) -> str: ...

    async def write(self, work: Callable[[Conn], T]) -> T: ...

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]: ...

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Row | None: ...

    async def close(self) -> None: ...
