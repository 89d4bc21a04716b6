"""Read-only queries behind the digest, the look back and the rates."""

from __future__ import annotations

from datetime import datetime

from bot.core.tickets import Ticket
from storage.db import Database, to_db_time
from storage.rows import ACTIVE, SOLVED, TICKET_COLUMNS, ticket_from_row

__all__ = ["StatsStore"]


class StatsStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def _tickets(self, where: str, params: tuple[object, ...]) -> list[Ticket]:
        rows = await self.db.fetchall(
            f"SELECT {TICKET_COLUMNS} FROM tickets WHERE {where} ORDER BY id", params
        )
        return [ticket_from_row(r) for r in rows]

    async def created_between(
        self, chat_id: int | None, start: datetime, end: datetime
    ) -> list[Ticket]:
        """Tickets reported in (start, end], of one group or (chat_id None) of all."""
        span = (to_db_time(start), to_db_time(end))
        if chat_id is None:
            return await self._tickets("created_at > ? AND created_at <= ?", span)
        return await self._tickets(
            "chat_id = ? AND created_at > ? AND created_at <= ?", (chat_id, *span)
        )

    async def done_between(self, chat_id: int, start: datetime, end: datetime) -> list[Ticket]:
        return await self._tickets(
            f"chat_id = ? AND done_at > ? AND done_at <= ? AND {SOLVED}",
            (chat_id, to_db_time(start), to_db_time(end)),
        )

    async def in_progress_at(self, chat_id: int, moment: datetime) -> list[Ticket]:
        """Tickets that were open or being handled at `moment` (as far as can be told now).

        Two index ranges (still active; done after `moment`) rather than one pass over the
        group's whole history, so the cost follows the active tickets, not the years. (The
        unary `+` keeps SQLite from walking the group's whole (chat_id, created_at) index.)"""
        at = to_db_time(moment)
        rows = await self.db.fetchall(
            f"SELECT {TICKET_COLUMNS} FROM tickets WHERE chat_id = ? "
            f"AND {ACTIVE} AND +created_at <= ? "
            f"UNION ALL SELECT {TICKET_COLUMNS} FROM tickets WHERE chat_id = ? AND done_at > ? "
            f"AND {SOLVED} AND +created_at <= ? ORDER BY id",
            (chat_id, at, chat_id, at, at),
        )
        return [ticket_from_row(r) for r in rows]
