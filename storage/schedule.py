"""What was posted on a schedule: one record per (kind, chat, occurrence), never twice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from storage.db import Database, from_db_time, to_db_time
from storage.rows import enqueue_notice

__all__ = ["ScheduleStore"]


class ScheduleStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def recorded(self, kind: str, occurrence: datetime, chat_ids: Sequence[int]) -> set[int]:
        """The chats for which this occurrence was already posted or skipped."""
        rows = await self.db.fetchall(
            "SELECT chat_id FROM scheduled_posts WHERE kind = ? AND occurrence = ?",
            (kind, to_db_time(occurrence)),
        )
        wanted = set(chat_ids)
        return {r[0] for r in rows if r[0] in wanted}

    async def last_occurrence(self, kind: str) -> datetime | None:
        row = await self.db.fetchone(
            "SELECT max(occurrence) FROM scheduled_posts WHERE kind = ?", (kind,)
        )
        return from_db_time(row[0]) if row and row[0] else None

    async def record(
        self,
        kind: str,
        chat_id: int,
        occurrence: datetime,
        status: Literal["posted", "skipped", "empty"],
        at: datetime,
        body: str | None = None,
        not_before: datetime | None = None,
        extra: Sequence[tuple[str, str]] = (),
    ) -> bool:
        """Record the occurrence and, when posted, its notice (and `extra` (kind, body)
        notices after it) — in one transaction.

        False when it was recorded before (by an earlier run): nothing is posted again.
        """
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO scheduled_posts (kind, chat_id, occurrence, status, "
                "recorded_at) VALUES (?, ?, ?, ?, ?)",
                (kind, chat_id, to_db_time(occurrence), status, to_db_time(at)),
            )
            if cursor.rowcount != 1:
                return False
            if status == "posted" and body is not None:
                for notice_kind, notice_body in ((kind, body), *extra):
                    await enqueue_notice(
                        conn,
                        chat_id=chat_id,
                        kind=notice_kind,
                        body=notice_body,
                        at=at,
                        not_before=not_before,
                    )
            return True
