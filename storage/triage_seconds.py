"""Neighbours' "+1" under messages waiting for 研判 (`bot.core.triage.TriageSecond`): kept with
their item, they join the ticket it becomes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.core.tickets import Person
from bot.core.triage import Decision, TriageSecond
from storage.db import from_db_time, to_db_time
from storage.sql import Conn, Door

__all__ = ["TriageSecondsStore"]

_COLUMNS = (
    "s.item_id, s.chat_id, s.message_id, s.user_id, s.display_name, s.text, s.received_at, "
    "t.ticket_id, s.thread_id"
)
_FROM = "FROM triage_seconds s JOIN triage t ON t.id = s.item_id"


def _second(row: Any) -> TriageSecond:
    received = from_db_time(row["received_at"])
    assert received is not None
    return TriageSecond(
        item_id=row["item_id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        user_id=row["user_id"],
        display_name=row["display_name"],
        text=row["text"],
        received_at=received,
        ticket_id=row["ticket_id"],
        thread_id=row["thread_id"],
    )


class TriageSecondsStore:
    def __init__(self, db: Door) -> None:
        self.db = db

    async def add(
        self, item_id: int, chat_id: int, message_id: int, author: Person, text: str, at: datetime,
        thread_id: int | None = None,
    ) -> tuple[int, bool] | None:  # fmt: skip
        """Keep a neighbour's "+1" with a waiting item (or one being filed): how many
        households (besides the item's own) have said so now, and whether it still waits;
        None when it is not kept — the item was dismissed, the message was kept before (the
        update handled again), or its author already said so under this item. `thread_id`:
        its topic, if any (its acknowledgement names it: it may be deleted by then)."""

        def work(conn: Conn) -> tuple[int, bool] | None:
            # (filed since it was found: kept all the same, it joins the ticket with the rest,
            # or with the sweep's `join_seconds` should the filing's have gone before it)
            state = conn.execute(
                "SELECT state FROM triage WHERE id = ? AND state IN ('pending', ?)",
                (item_id, Decision.FILE.value),
            ).fetchone()
            if state is None:
                return None
            if (
                author.id is not None
                and conn.execute(
                    "SELECT 1 FROM triage_seconds WHERE item_id = ? AND user_id = ?",
                    (item_id, author.id),
                ).fetchone()
            ):
                return None
            added = conn.execute(
                "INSERT INTO triage_seconds (item_id, chat_id, message_id, user_id, "
                "display_name, text, received_at, thread_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (chat_id, message_id) DO NOTHING RETURNING id",
                (item_id, chat_id, message_id, author.id, author.name or "", text,
                 to_db_time(at), thread_id),
            ).fetchone()  # fmt: skip
            if added is None:
                return None
            return _households(conn, item_id), state[0] == "pending"

        return await self.db.write(work)

    async def households(self, item_id: int) -> int:
        """How many neighbours said "+1" under an item."""
        row = await self.db.fetchone(_COUNT, (item_id,))
        return int(row["n"]) if row else 0

    async def households_of(self, item_ids: Sequence[int]) -> dict[int, int]:
        """How many neighbours said "+1" under each of these items (those with any)."""
        if not item_ids:
            return {}
        marks = ", ".join("?" for _ in item_ids)
        rows = await self.db.fetchall(
            f"SELECT item_id, count(*) AS n FROM triage_seconds WHERE item_id IN ({marks}) "
            "GROUP BY item_id",
            tuple(item_ids),
        )
        return {int(r["item_id"]): int(r["n"]) for r in rows}

    async def unjoined(self, item_id: int | None = None, limit: int = 100) -> list[TriageSecond]:
        """The seconds whose item was filed as a ticket they have not joined yet (of one item,
        or of every item: a joining cut short)."""
        one, params = ("AND s.item_id = ? ", [item_id]) if item_id is not None else ("", [])
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} {_FROM} WHERE s.joined = 0 AND t.state = ? "
            f"AND t.ticket_id IS NOT NULL {one}ORDER BY s.id LIMIT ?",
            [Decision.FILE.value, *params, limit],
        )
        return [_second(r) for r in rows]

    async def mark_joined(self, chat_id: int, message_id: int) -> None:
        """A second has joined its item's ticket."""

        def work(conn: Conn) -> None:
            conn.execute(
                "UPDATE triage_seconds SET joined = 1 WHERE chat_id = ? AND message_id = ?",
                (chat_id, message_id),
            )

        await self.db.write(work)


_COUNT = "SELECT count(*) AS n FROM triage_seconds WHERE item_id = ?"


def _households(conn: Conn, item_id: int) -> int:
    row = conn.execute(_COUNT, (item_id,)).fetchone()
    return int(row[0]) if row else 0
