"""What the benchmarks measure against, and how they watch the bot under load: the stores' very
queries and the import's rows run on a plain sqlite3 connection (rows left as tuples, nothing
mapped), and read-only counts of a database another process is writing. Never used by the
running bot."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from storage.chats import GET_GROUP
from storage.db import to_db_time
from storage.ledger_import import drop_bulk_indexes
from storage.stats import (
    CREATED_IN_GROUP,
    DONE_IN_GROUP,
    DONE_MERGED_FROM_GROUP,
    IN_PROGRESS_IN_GROUP,
    IN_PROGRESS_MERGED_FROM_GROUP,
)
from storage.tickets import COUNT_ACTIVE, GET_TICKET, HISTORY, LIST_ACTIVE

__all__ = [
    "Query",
    "bare_insert",
    "counts",
    "digest_queries",
    "list_queries",
    "ticket_queries",
    "time_queries",
]

Query = tuple[str, Callable[[int], tuple[Any, ...]]]  # SQL, and its parameters for a key
_BULK_TABLES = ("tickets", "reports", "events")


def counts(path: Path) -> dict[str, int]:
    """Tickets, reports, acknowledged reports and history lines in the database at `path` (0
    for all while it cannot be read yet)."""
    sql = {
        "tickets": "SELECT count(*) FROM tickets",
        "reports": "SELECT count(*) FROM reports",
        "acknowledged": "SELECT count(*) FROM reports WHERE ack_state = 'sent'",
        "events": "SELECT count(*) FROM events",
    }
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            return {key: int(conn.execute(query).fetchone()[0]) for key, query in sql.items()}
    except sqlite3.Error:
        return dict.fromkeys(sql, 0)


def digest_queries(now: datetime) -> list[Query]:
    """The queries behind one group's digest (the day's and the 30 days'), for a chat id."""
    day_start, month_start, at = (
        to_db_time(now - timedelta(days=1)),
        to_db_time(now - timedelta(days=30)),
        to_db_time(now),
    )
    return [
        (GET_GROUP, lambda c: (c,)),
        (CREATED_IN_GROUP, lambda c: (c, day_start, at)),
        (DONE_IN_GROUP, lambda c: (c, day_start, at)),
        (DONE_MERGED_FROM_GROUP, lambda c: (c, c, day_start, at)),
        (IN_PROGRESS_IN_GROUP, lambda c: (c, at, c, at, at)),
        (IN_PROGRESS_MERGED_FROM_GROUP, lambda c: (c, c, at, at)),
        (CREATED_IN_GROUP, lambda c: (c, month_start, at)),
    ]


def list_queries() -> list[Query]:
    """What /list reads, for a group's chat id."""
    return [(LIST_ACTIVE, lambda c: (c, c, c, 20)), (COUNT_ACTIVE, lambda c: (c, c, c))]


def ticket_queries(numbers: Sequence[int]) -> list[Query]:
    """What /ticket reads, for an index into `numbers`."""
    return [(GET_TICKET, lambda i: (numbers[i],)), (HISTORY, lambda i: (numbers[i],))]


def time_queries(path: Path, queries: Sequence[Query], keys: Sequence[int]) -> list[float]:
    """Seconds for all `queries` of each key on a plain sqlite3 connection, after one warm-up."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for sql, params in queries:  # warm up, as the bot's side was
            conn.execute(sql, params(keys[0])).fetchall()
        samples = []
        for key in keys:
            started = time.perf_counter()
            for sql, params in queries:
                conn.execute(sql, params(key)).fetchall()
            samples.append(time.perf_counter() - started)
        return samples
    finally:
        conn.close()


def bare_insert(source: Path, target: Path) -> float:
    """Seconds for bare executemany of the rows of `source` into the same empty schema at
    `target` (made by the caller), with the same trick of building the indexes at the end."""
    read = sqlite3.connect(source)
    tables = {t: read.execute(f"SELECT * FROM {t}").fetchall() for t in _BULK_TABLES}
    read.close()
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    indexes = drop_bulk_indexes(conn)
    for table, rows in tables.items():
        if rows:
            conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    for sql in indexes:
        conn.execute(sql)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return seconds
