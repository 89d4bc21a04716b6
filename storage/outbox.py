"""Notices waiting to be posted, and bot messages that expect an answer (prompts)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Database, from_db_time, to_db_time
from storage.rows import enqueue_notice

__all__ = ["Notice", "OutboxStore", "Prompt"]


@dataclass(frozen=True)
class Notice:
    id: int
    chat_id: int
    kind: str
    ticket_id: int | None
    body: str
    markup: dict[str, Any] | None
    not_before: datetime


@dataclass(frozen=True)
class Prompt:
    chat_id: int
    message_id: int
    ticket_id: int
    kind: str
    user_id: int | None


class OutboxStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self,
        chat_id: int,
        kind: str,
        body: str,
        at: datetime,
        *,
        not_before: datetime | None = None,
        ticket_id: int | None = None,
    ) -> None:
        async with self.db.transaction() as conn:
            await enqueue_notice(
                conn,
                chat_id=chat_id,
                kind=kind,
                body=body,
                at=at,
                not_before=not_before,
                ticket_id=ticket_id,
            )

    async def due(self, chat_id: int, now: datetime, limit: int = 20) -> list[Notice]:
        """Notices of one group whose time has come, oldest first."""
        rows = await self.db.fetchall(
            "SELECT id, chat_id, kind, ticket_id, body, markup, not_before FROM outbox "
            "WHERE chat_id = ? AND sent_at IS NULL AND dropped IS NULL AND not_before <= ? "
            "ORDER BY id LIMIT ?",
            (chat_id, to_db_time(now), limit),
        )
        return [
            Notice(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                json.loads(r[5]) if r[5] else None,
                from_db_time(r[6]) or now,
            )
            for r in rows
        ]

    async def chats_due(self, now: datetime) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT DISTINCT chat_id FROM outbox WHERE sent_at IS NULL AND dropped IS NULL "
            "AND not_before <= ?",
            (to_db_time(now),),
        )
        return [r[0] for r in rows]

    async def mark_sent(self, notice_id: int, message_id: int | None, at: datetime) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET sent_at = ?, message_id = ? WHERE id = ?",
                (to_db_time(at), message_id, notice_id),
            )

    async def drop(self, notice_id: int, reason: str) -> None:
        async with self.db.transaction() as conn:
            await conn.execute("UPDATE outbox SET dropped = ? WHERE id = ?", (reason, notice_id))

    # -- prompts --------------------------------------------------------------------------
    async def add_prompt(self, prompt: Prompt, at: datetime) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT OR REPLACE INTO prompts (chat_id, message_id, ticket_id, kind, user_id, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    prompt.chat_id,
                    prompt.message_id,
                    prompt.ticket_id,
                    prompt.kind,
                    prompt.user_id,
                    to_db_time(at),
                ),
            )

    async def prompt(self, chat_id: int, message_id: int) -> Prompt | None:
        row = await self.db.fetchone(
            "SELECT chat_id, message_id, ticket_id, kind, user_id FROM prompts "
            "WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return Prompt(*row) if row else None
