"""What was posted on a schedule: one record per (kind, chat, occurrence), never twice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import partial
from typing import Literal

from storage.db import from_db_time, to_db_time
from storage.rows import enqueue_notice
from storage.sql import Conn, Door

__all__ = ["PostStatus", "ScheduleStore"]

PostStatus = Literal["posted", "skipped", "empty"]


class ScheduleStore:
    def __init__(self, db: Door) -> None:
        self.db = db

    async def recorded(self, kind: str, occurrence: datetime, chat_ids: Sequence[int]) -> set[int]:
        """The chats for which this occurrence was already posted or skipped."""
        rows = await self.db.fetchall(
            "SELECT chat_id FROM scheduled_posts WHERE kind = ? AND occurrence = ?",
            (kind, to_db_time(occurrence)),
        )
        wanted = set(chat_ids)
        return {r["chat_id"] for r in rows if r["chat_id"] in wanted}

    async def last_occurrence(self, kind: str) -> datetime | None:
        row = await self.db.fetchone(
            "SELECT max(occurrence) AS latest FROM scheduled_posts WHERE kind = ?", (kind,)
        )
        return from_db_time(row["latest"]) if row and row["latest"] else None

    async def last_told(self, kind: str, chat_id: int, before: datetime) -> datetime | None:
        """The latest occurrence before `before` that the chat was given (posted, or nothing to
        say): a skipped one (the bot was down too long) told it nothing."""
        row = await self.db.fetchone(
            "SELECT max(occurrence) AS latest FROM scheduled_posts WHERE kind = ? AND chat_id = ? "
            "AND occurrence < ? AND status <> 'skipped'",
            (kind, chat_id, to_db_time(before)),
        )
        return from_db_time(row["latest"]) if row and row["latest"] else None

    async def record(
        self,
        kind: str,
        chat_id: int,
        occurrence: datetime,
        status: PostStatus,
        at: datetime,
        body: str | None = None,
        not_before: datetime | None = None,
        extra: Sequence[tuple[str, str]] = (),
    ) -> bool:
        """Record the occurrence and, when posted, its notice (and `extra` (kind, body)
        notices after it) — in one transaction.

        False when it was recorded before (by an earlier run): nothing is posted again.
        """
        return await self.db.write(
            partial(
                _record,
                key=(kind, chat_id, occurrence),
                status=status,
                at=at,
                body=body,
                not_before=not_before,
                extra=extra,
            )
        )


def _record(
    conn: Conn,
    key: tuple[str, int, datetime],
    status: PostStatus,
    at: datetime,
    body: str | None,
    not_before: datetime | None,
    extra: Sequence[tuple[str, str]],
) -> bool:
    kind, chat_id, occurrence = key
    cursor = conn.execute(
        "INSERT INTO scheduled_posts (kind, chat_id, occurrence, status, recorded_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, chat_id, occurrence) DO NOTHING",
        (kind, chat_id, to_db_time(occurrence), status, to_db_time(at)),
    )
    if cursor.rowcount != 1:
        return False
    if status == "posted" and body is not None:
        for notice_kind, notice_body in ((kind, body), *extra):
            enqueue_notice(
                conn,
                chat_id=chat_id,
                kind=notice_kind,
                body=notice_body,
                at=at,
                not_before=not_before,
            )
    return True
