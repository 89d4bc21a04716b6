"""PostgreSQL under the same door as SQLite: psycopg 3 (libpq), the stores' SQL unchanged.

Why psycopg rather than asyncpg: every write is a plain synchronous function of its connection,
run by one writer thread in one transaction (`storage.db`); psycopg runs those very functions
in the writer's thread, so both engines share every line of the stores. Its client-side
binding takes the stores' `?` placeholders once they are spelled `%s`, and libpq reads the
standard environment (PGPASSWORD, PGPASSFILE, PGSSLMODE …) for whatever the URL leaves out.

Writes from every process that opens the database are serialised by a transaction-level
advisory lock taken after BEGIN, which gives PostgreSQL the one-writer order SQLite has: a
piece of work that reads, decides and writes sees no other process's write in between.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

__all__ = [
    "MIGRATE_LOCK",
    "WRITE_LOCK",
    "PgConnection",
    "PgRow",
    "connect",
    "translate",
]

WRITE_LOCK = 0x59554E5A  # "YUNZ": one writer at a time across processes
MIGRATE_LOCK = 0x59554D47  # "YUMG": one migrating process at a time
# Quoted strings and identifiers and comments are kept as written (only a % doubled in them);
# a bare ? is a placeholder.
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/|\?|%", re.DOTALL)


@lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """The stores' SQL for psycopg: `?` becomes `%s` and a literal `%` becomes `%%`; inside
    quoted strings, quoted identifiers and comments a `?` is left as written."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")

    return _TOKEN.sub(swap, sql)


def with_database(url: str, name: str) -> str:
    """The same server's URL for another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def bind(parameters: Any) -> tuple[Any, ...]:
    """Parameters as PostgreSQL takes them: its text cannot hold NUL, which SQLite keeps; a
    NUL in a resident's text becomes U+FFFD (the replacement character) instead of an error."""
    return tuple(
        value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value
        for value in parameters
    )


class PgRow:
    """A result row read by column name or position, as `sqlite3.Row` is."""

    __slots__ = ("_names", "_values")

    def __init__(self, values: Sequence[Any], names: dict[str, int]) -> None:
        self._values = tuple(values)
        self._names = names

    def __getitem__(self, key: str | int) -> Any:
        if isinstance(key, str):
            return self._values[self._names[key]]
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> list[str]:
        return list(self._names)

    def __repr__(self) -> str:
        return f"PgRow({dict(zip(self._names, self._values, strict=True))!r})"


def row_factory(cursor: Any) -> Callable[[Sequence[Any]], PgRow]:
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: PgRow(values, names)


def _numeric_loader() -> type:
    """`sum()` and `avg()` answer NUMERIC, which psycopg reads as Decimal; the stores expect
    what SQLite gives: an int when the value is whole, else a float."""
    from psycopg.adapt import Loader

    class NumericLoader(Loader):
        def load(self, data: Any) -> int | float:
            text = bytes(data).decode()
            if text in ("NaN", "Infinity", "-Infinity"):
                return float(text)
            return int(text) if "." not in text else float(text)

    return NumericLoader


def configure(conn: Any) -> None:
    """What every connection of ours reads the same way."""
    conn.adapters.register_loader("numeric", _numeric_loader())


class PgConnection:
    """A psycopg connection shaped like `sqlite3.Connection` for the stores' write work."""

    is_postgres = True

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        cursor = self.raw.cursor()
        cursor.execute(translate(sql), bind(parameters))
        return cursor

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> Any:
        cursor = self.raw.cursor()
        rows = [bind(row) for row in seq_of_parameters]
        if rows:
            cursor.executemany(translate(sql), rows)
        return cursor

    @property
    def in_transaction(self) -> bool:
        from psycopg import pq

        return bool(self.raw.info.transaction_status != pq.TransactionStatus.IDLE)

    @property
    def broken(self) -> bool:
        return bool(self.raw.closed or self.raw.broken)

    def close(self) -> None:
        self.raw.close()


def connect(url: str, *, application: str = "yuanzi", read_only: bool = False) -> PgConnection:
    """A new autocommit connection (the writer issues BEGIN and COMMIT itself)."""
    import psycopg

    options = connect_options(url, application=application, read_only=read_only)
    raw = psycopg.connect(url, **options)
    configure(raw)
    return PgConnection(raw)


# Settings for a peer that vanished without a word (a network cut, a lost machine): the
# server drops the session (and the lease it holds) after about 25 s of silence; our side
# gives up a request unanswered for 15 s, so an active process cut off stops before a
# standby can take over.
_SERVER_SETTINGS = (
    "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3 "
    "-c tcp_user_timeout=15000"
)
_CLIENT_SETTINGS = {
    "connect_timeout": 10,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 15000,
}


def connect_options(url: str, *, application: str, read_only: bool = False) -> dict[str, Any]:
    """Keyword arguments for psycopg's connect: autocommit, client-side binding, our rows, and
    the settings above — each only where the URL (or libpq's environment) does not set it, and
    the server settings added to the URL's own `options` (or PGOPTIONS), never replacing them."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    given = conninfo_to_dict(url)
    settings: dict[str, Any] = {k: v for k, v in _CLIENT_SETTINGS.items() if k not in given}
    settings["application_name"] = application  # which process, in pg_stat_activity
    server = _SERVER_SETTINGS + (" -c default_transaction_read_only=on" if read_only else "")
    own = str(given.get("options") or os.environ.get("PGOPTIONS") or "").strip()
    settings["options"] = f"{own} {server}".strip()
    return {
        "autocommit": True,
        "cursor_factory": psycopg.ClientCursor,
        "row_factory": row_factory,
        **settings,
    }
