"""The few statements SQLite and PostgreSQL spell apart: catalogues, sequences, errors.

Everything else in `storage` is written once in the dialect both share.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from storage.sql import Conn, is_postgres

__all__ = [
    "bulk_indexes",
    "data_error_text",
    "data_errors",
    "highest_ticket_number",
    "integrity_errors",
    "like_any_case",
    "numbers_follow_ids",
]


def integrity_errors() -> tuple[type[Exception], ...]:
    """What a broken UNIQUE or foreign key raises, on either engine."""
    try:
        import psycopg
    except ImportError:
        return (sqlite3.IntegrityError,)
    return (sqlite3.IntegrityError, psycopg.IntegrityError)


def data_errors() -> tuple[type[Exception], ...]:
    """What a value its column cannot hold raises, on either engine: a number past 64 bits
    (Python's sqlite3 refuses it before SQLite sees it), past PostgreSQL's INTEGER, …"""
    try:
        import psycopg
    except ImportError:
        return (OverflowError, sqlite3.DataError)
    return (OverflowError, sqlite3.DataError, psycopg.DataError)


def data_error_text(exc: BaseException) -> str:
    """One line on such an error: the engine's words and, from PostgreSQL, where (`COPY
    tickets, line 3, column households: "3000000000"`)."""
    diag = getattr(exc, "diag", None)
    said = getattr(diag, "message_primary", None) or str(exc) or type(exc).__name__
    where = getattr(diag, "context", None)
    text = f"{said} ({where})" if where else said
    return " ".join(text.split())[:300]


def highest_ticket_number(conn: Conn) -> int:
    """The highest ticket number ever given (a deleted ticket's number is never given again)."""
    if is_postgres(conn):
        sql = (
            "SELECT greatest(coalesce((SELECT max(id) FROM tickets), 0), (SELECT CASE WHEN "
            "is_called THEN last_value ELSE 0 END FROM tickets_id_seq))"
        )
    else:
        sql = (
            "SELECT max(coalesce((SELECT max(id) FROM tickets), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'tickets'), 0))"
        )
    row = conn.execute(sql).fetchone()
    return int(row[0] or 0) if row else 0


def numbers_follow_ids(conn: Conn, tables: Sequence[str] = ("tickets",)) -> None:
    """After rows were written with explicit ids, new rows number on from the highest
    (SQLite does this by itself; PostgreSQL's identity sequences must be told)."""
    if not is_postgres(conn):
        return
    for table in tables:
        conn.execute(  # never backwards: a number once given is never given again
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), greatest(max(id), "
            f"(SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {table}_id_seq))) "
            f"FROM {table} HAVING max(id) IS NOT NULL"
        )


def bulk_indexes(conn: Conn, tables: Sequence[str]) -> list[tuple[str, str]]:
    """The tables' own indexes (not those behind a key or UNIQUE): name and CREATE statement."""
    marks = ", ".join("?" * len(tables))
    if is_postgres(conn):
        sql = (
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = "
            f"current_schema() AND i.tablename IN ({marks}) AND NOT EXISTS (SELECT 1 FROM "
            "pg_constraint c WHERE c.conname = i.indexname) ORDER BY i.indexname"
        )
    else:
        sql = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY name"
        )
    return [(str(row[0]), str(row[1])) for row in conn.execute(sql, tuple(tables)).fetchall()]


def like_any_case(engine: str) -> str:
    """LIKE that takes A for a, on a database of `engine` (`Door.engine`): SQLite's own LIKE
    does for ASCII letters; PostgreSQL's is ILIKE. (lower() on both sides does it in the shared
    dialect too, at three times the cost of a search through every report.)"""
    return "ILIKE" if engine == "postgres" else "LIKE"
