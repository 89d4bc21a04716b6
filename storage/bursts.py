"""One problem told in many groups at once: the open tickets of a category opened lately in
every group, and the office notice (named by its first ticket) each of them belongs to."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import partial

from bot.core.tickets import Ticket
from storage.db import to_db_time
from storage.rows import ACTIVE, TICKET_COLUMNS, ticket_from_row
from storage.sql import Conn, Door

__all__ = ["BurstStore"]


class BurstStore:
    def __init__(self, db: Door) -> None:
        self.db = db

    async def opened_since(self, category: str, since: datetime) -> list[Ticket]:
        """Every group's open tickets of `category` opened since `since`, oldest first."""
        rows = await self.db.fetchall(
            f"SELECT {TICKET_COLUMNS} FROM tickets WHERE category = ? AND created_at >= ? "
            f"AND {ACTIVE} ORDER BY created_at, id LIMIT 100",
            (category, to_db_time(since)),
        )
        return [ticket_from_row(r) for r in rows]

    async def opened_earlier_in_group(self, ticket: Ticket, since: datetime) -> bool:
        """Whether the ticket's group has an older open ticket of its category opened since
        `since`: then this one changes no group's line of a notice (`may_burst`), and the
        category's tickets of every group need not be read at all."""
        row = await self.db.fetchone(
            "SELECT EXISTS (SELECT 1 FROM tickets WHERE chat_id = ? AND category = ? "
            f"AND id < ? AND created_at >= ? AND {ACTIVE}) AS found",
            (ticket.chat_id, ticket.category, ticket.id, to_db_time(since)),
        )
        return row is not None and bool(row["found"])

    async def join(
        self, ticket_id: int, recent: Sequence[int], fresh: Sequence[int]
    ) -> tuple[int, list[Ticket]] | None:
        """The notice ticket `ticket_id` belongs to — that of any of `recent` (the category's
        tickets of the last hour) already in one, else a new one of `fresh` (oldest first;
        empty when they are no such event) — as its first ticket and its open tickets, oldest
        first; None when it is in none."""
        return await self.db.write(
            partial(_join, ticket_id=ticket_id, recent=tuple(recent), fresh=tuple(fresh))
        )


def _join(
    conn: Conn, ticket_id: int, recent: tuple[int, ...], fresh: tuple[int, ...]
) -> tuple[int, list[Ticket]] | None:
    first = None
    if recent:
        marks = ", ".join("?" for _ in recent)
        row = conn.execute(
            f"SELECT min(burst_of) AS first FROM tickets WHERE id IN ({marks})", recent
        ).fetchone()
        first = row["first"] if row is not None else None
    if first is None:
        if ticket_id not in fresh:
            return None
        first, joining = fresh[0], fresh
    else:
        joining = (ticket_id, *fresh)
    conn.executemany(
        "UPDATE tickets SET burst_of = ? WHERE id = ? AND burst_of IS NULL",
        [(first, joined) for joined in joining],
    )
    rows = conn.execute(
        f"SELECT {TICKET_COLUMNS} FROM tickets WHERE burst_of = ? AND {ACTIVE} "
        "ORDER BY created_at, id LIMIT 100",
        (first,),
    ).fetchall()
    return int(first), [ticket_from_row(r) for r in rows]
