"""Exactly once: a change a person asked for is stored together with where it was asked.

A command's origin is its chat and message, a button press's its query id. `once` wraps a piece
of work for the writer's thread so that the origin is recorded in the same transaction as the
change; when the origin is already recorded (the update is being replayed after a restart), it
raises `AlreadyActed` and changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from storage.db import to_db_time

__all__ = ["AlreadyActed", "message_origin", "once", "press_origin", "prune_acted"]

T = TypeVar("T")


class AlreadyActed(Exception):
    """This command or button press was already acted on (its update is being replayed)."""

    def __init__(self, origin: str) -> None:
        super().__init__(origin)
        self.origin = origin


def message_origin(chat_id: int, message_id: int) -> str:
    return f"m:{chat_id}:{message_id}"


def press_origin(query_id: str) -> str:
    return f"q:{query_id}"


def once(
    origin: str | None, at: datetime, work: Callable[[sqlite3.Connection], T]
) -> Callable[[sqlite3.Connection], T]:
    """`work`, recording `origin` in its transaction; AlreadyActed if it was recorded before.

    A refusal raised by `work` rolls the record back too: only a change is remembered."""
    if origin is None:
        return work

    def run(conn: sqlite3.Connection) -> T:
        recorded = conn.execute(
            "INSERT OR IGNORE INTO acted (origin, at) VALUES (?, ?)", (origin, to_db_time(at))
        ).rowcount
        if not recorded:
            raise AlreadyActed(origin)
        return work(conn)

    return run


def prune_acted(conn: sqlite3.Connection, before: datetime) -> int:
    """Forget origins recorded before `before` (no update that old is replayed)."""
    return conn.execute("DELETE FROM acted WHERE at < ?", (to_db_time(before),)).rowcount
