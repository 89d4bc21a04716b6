"""The update inbox: every update Telegram delivered, kept until it has been handled."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from storage.acted import prune_acted
from storage.db import from_db_time, to_db_time
from storage.sql import Conn, Door

__all__ = ["InboxMark", "InboxStore", "StoredUpdate"]


@dataclass(frozen=True)
class StoredUpdate:
    update_id: int
    payload: dict[str, Any]


@dataclass(frozen=True)
class InboxMark:
    update_id: int
    received_at: datetime


class InboxStore:
    """Updates are written here before their offset is confirmed to Telegram."""

    def __init__(self, db: Door) -> None:
        self.db = db

    async def save(self, updates: Sequence[tuple[int, dict[str, Any]]], at: datetime) -> None:
        """Keep the raw updates; an update already kept is left as it is."""
        if updates:
            rows = [(uid, json.dumps(payload, ensure_ascii=False)) for uid, payload in updates]
            await self.db.write(partial(_save, rows=rows, at=at))

    async def mark_processed(self, update_ids: Sequence[int], at: datetime) -> None:
        await self.db.write(partial(_mark_processed, update_ids=update_ids, at=at))

    async def failed(self, update_id: int, max_tries: int) -> bool:
        """A try of the update failed, or never finished, once more (counted by the next start,
        once); after `max_tries` it is set aside (kept, but no longer tried). Whether it was
        set aside now."""
        return await self.db.write(partial(_failed, update_id=update_id, max_tries=max_tries))

    async def set_aside(self, update_ids: Sequence[int], reason: str) -> None:
        """Keep these updates, but never handle them (why: `reason`)."""
        await self.db.write(partial(_set_aside, update_ids=update_ids, reason=reason))

    async def pending(self) -> list[StoredUpdate]:
        """Updates received but not handled (the process stopped in between, or handling them
        failed and they were not set aside yet), oldest first."""
        rows = await self.db.fetchall(
            "SELECT update_id, payload FROM inbox WHERE processed_at IS NULL "
            "AND set_aside IS NULL ORDER BY update_id"
        )
        return [StoredUpdate(r["update_id"], json.loads(r["payload"])) for r in rows]

    async def newest(self) -> InboxMark | None:
        row = await self.db.fetchone(
            "SELECT update_id, received_at FROM inbox ORDER BY update_id DESC LIMIT 1"
        )
        if row is None:
            return None
        received = from_db_time(row["received_at"]) or datetime.min.replace(tzinfo=UTC)
        return InboxMark(row["update_id"], received)

    async def prune(self, before: datetime) -> int:
        """Forget handled and set-aside updates received before `before` (the newest is kept),
        and the record of what they did; how many updates."""
        return await self.db.write(partial(_prune, before=before))


# -- work for the writer's thread ---------------------------------------------------------------
def _save(conn: Conn, rows: Sequence[tuple[int, str]], at: datetime) -> None:
    received = to_db_time(at)
    conn.executemany(
        "INSERT INTO inbox (update_id, payload, received_at) VALUES (?, ?, ?) "
        "ON CONFLICT (update_id) DO NOTHING",
        [(uid, payload, received) for uid, payload in rows],
    )


def _mark_processed(conn: Conn, update_ids: Sequence[int], at: datetime) -> None:
    conn.executemany(
        "UPDATE inbox SET processed_at = ? WHERE update_id = ? AND processed_at IS NULL",
        [(to_db_time(at), update_id) for update_id in update_ids],
    )


def _failed(conn: Conn, update_id: int, max_tries: int) -> bool:
    row = conn.execute(
        "UPDATE inbox SET tries = tries + 1, set_aside = CASE WHEN tries + 1 >= ? "
        "THEN 'failed ' || (tries + 1) || ' times' END WHERE update_id = ? RETURNING set_aside",
        (max_tries, update_id),
    ).fetchone()
    return row is not None and row[0] is not None


def _set_aside(conn: Conn, update_ids: Sequence[int], reason: str) -> None:
    conn.executemany(
        "UPDATE inbox SET set_aside = ? WHERE update_id = ? AND set_aside IS NULL",
        [(reason, update_id) for update_id in update_ids],
    )


def _prune(conn: Conn, before: datetime) -> int:
    cursor = conn.execute(
        "DELETE FROM inbox WHERE (processed_at IS NOT NULL OR set_aside IS NOT NULL) "
        "AND received_at < ? AND update_id < (SELECT max(update_id) FROM inbox)",
        (to_db_time(before),),
    )
    prune_acted(conn, before)
    return int(cursor.rowcount)
