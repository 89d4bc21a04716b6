"""The update inbox: every update Telegram delivered, kept until it has been handled."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from storage.db import Database, from_db_time, to_db_time

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

    def __init__(self, db: Database) -> None:
        self.db = db

    async def save(self, updates: Sequence[tuple[int, dict[str, Any]]], at: datetime) -> None:
        """Keep the raw updates; an update already kept is left as it is."""
        if not updates:
            return
        received = to_db_time(at)
        async with self.db.transaction() as conn:
            await conn.executemany(
                "INSERT OR IGNORE INTO inbox (update_id, payload, received_at) VALUES (?, ?, ?)",
                [
                    (uid, json.dumps(payload, ensure_ascii=False), received)
                    for uid, payload in updates
                ],
            )

    async def mark_processed(self, update_ids: Sequence[int], at: datetime) -> None:
        async with self.db.transaction() as conn:
            await conn.executemany(
                "UPDATE inbox SET processed_at = ? WHERE update_id = ? AND processed_at IS NULL",
                [(to_db_time(at), update_id) for update_id in update_ids],
            )

    async def pending(self) -> list[StoredUpdate]:
        """Updates received but not handled (the process stopped in between), oldest first."""
        rows = await self.db.fetchall(
            "SELECT update_id, payload FROM inbox WHERE processed_at IS NULL ORDER BY update_id"
        )
        return [StoredUpdate(r[0], json.loads(r[1])) for r in rows]

    async def newest(self) -> InboxMark | None:
        row = await self.db.fetchone(
            "SELECT update_id, received_at FROM inbox ORDER BY update_id DESC LIMIT 1"
        )
        if row is None:
            return None
        return InboxMark(row[0], from_db_time(row[1]) or datetime.min.replace(tzinfo=UTC))

    async def prune(self, before: datetime) -> int:
        """Forget handled updates received before `before` (the newest is kept); how many."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM inbox WHERE processed_at IS NOT NULL AND received_at < ? "
                "AND update_id < (SELECT max(update_id) FROM inbox)",
                (to_db_time(before),),
            )
            return cursor.rowcount
