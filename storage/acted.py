"""Exactly once: a change a person asked for is stored together with where it was asked.

A command's origin is its chat and message, a button press's its query id. `once` wraps a piece
of work for the writer's thread so that the origin is recorded in the same transaction as the
change; when the origin is already recorded (the update is being replayed after a restart), it
raises `AlreadyActed` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from storage.db import to_db_time
from storage.sql import Conn

__all__ = ["AlreadyActed", "message_origin", "once", "press_origin", "prune_acted"]

T = TypeVar("T")


class AlreadyActed(Exception):
    """This command or button press was already acted on (its update is being replayed);
    `outcome` is what the change came to, when it was remembered."""

    def __init__(self, origin: str, outcome: str | None = None) -> None:
        super().__init__(origin)
        self.origin = origin
        self.outcome = outcome


def message_origin(chat_id: int, message_id: int) -> str:
    return f"m:{chat_id}:{message_id}"


def press_origin(query_id: str) -> str:
    return f"q:{query_id}"


def once(
    origin: str | None,
    at: datetime,
    work: Callable[[Conn], T],
    outcome: Callable[[T], str] | None = None,
) -> Callable[[Conn], T]:
    """`work`, recording `origin` in its transaction (and, with `outcome`, what it came to);
    AlreadyActed if it was recorded before.

    A refusal raised by `work` rolls the record back too: only a change is remembered."""
    if origin is None:
        return work

    def run(conn: Conn) -> T:
        recorded = conn.execute(
            "INSERT INTO acted (origin, at) VALUES (?, ?) ON CONFLICT (origin) DO NOTHING",
            (origin, to_db_time(at)),
        ).rowcount
        if not recorded:
            row = conn.execute("SELECT outcome FROM acted WHERE origin = ?", (origin,)).fetchone()
            raise AlreadyActed(origin, row[0] if row else None)
        result = work(conn)
        if outcome is not None:
            conn.execute("UPDATE acted SET outcome = ? WHERE origin = ?", (outcome(result), origin))
        return result

    return run


def prune_acted(conn: Conn, before: datetime) -> int:
    """Forget origins recorded before `before`, and before every update still waiting in the
    inbox to be handled (its replay must find what it did)."""
    cursor = conn.execute(
        "DELETE FROM acted WHERE at < ? AND at < coalesce((SELECT min(received_at) FROM inbox "
        "WHERE processed_at IS NULL AND set_aside IS NULL), ?)",
        (to_db_time(before), to_db_time(before)),
    )
    return int(cursor.rowcount)
