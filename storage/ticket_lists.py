"""Which tickets are whose, and which are late: a resident's, a household's, a worker's, those
no worker has taken, those past their deadline or waiting for a verdict (read-only)."""

from __future__ import annotations

from datetime import datetime

from bot.core.tickets import Rating, Ticket
from storage.db import to_db_time
from storage.heard import IN_LIVE_GROUP, REPORTED_LIVE, TO_TAKE
from storage.rows import ACTIVE, TICKET_COLUMNS, ticket_from_row
from storage.sql import Door

__all__ = ["TicketLists"]

_T_COLUMNS = ", ".join(f"t.{c.strip()}" for c in TICKET_COLUMNS.split(","))


class TicketLists:
    """The lists of tickets `TicketStore` reads for /mine, /todo and the schedule."""

    db: Door

    async def of_reporter(self, user_id: int, limit: int = 20) -> list[Ticket]:
        """The tickets a resident reported or joined, in every group, newest first."""
        rows = await self.db.fetchall(
            f"SELECT {_T_COLUMNS} FROM tickets t WHERE t.id IN "
            "(SELECT ticket_id FROM reports WHERE user_id = ?) ORDER BY t.id DESC LIMIT ?",
            (user_id, limit),
        )
        return [ticket_from_row(r) for r in rows]

    async def count_of_reporter(self, user_id: int) -> int:
        """How many tickets a resident reported or joined (`of_reporter` lists the newest)."""
        row = await self.db.fetchone(
            "SELECT count(DISTINCT ticket_id) AS n FROM reports WHERE user_id = ?", (user_id,)
        )
        return int(row["n"]) if row else 0

    async def of_household(
        self, chat_id: int, user_id: int, limit: int = 20, *, closed: bool = False
    ) -> list[tuple[Ticket, Rating | None]]:
        """Her tickets (reported or joined as a resident in this group) being handled or done
        (or `closed` too), newest first, with her verdict of this round (None: not given)."""
        statuses = "'open', 'assigned', 'done'" + (", 'closed'" if closed else "")
        rows = await self.db.fetchall(
            f"SELECT {_T_COLUMNS}, g.rating AS her_verdict FROM tickets t LEFT JOIN ratings g "
            f"ON g.ticket_id = t.id AND g.user_id = ? WHERE t.status IN ({statuses}) "
            "AND t.id IN (SELECT ticket_id FROM reports WHERE chat_id = ? AND user_id = ? "
            "AND staff = 0) ORDER BY t.id DESC LIMIT ?",
            (user_id, chat_id, user_id, limit),
        )
        return [(ticket_from_row(r), r["her_verdict"] and Rating(r["her_verdict"])) for r in rows]

    async def of_assignee(self, user_id: int, limit: int = 50) -> list[Ticket]:
        """A worker's open tickets, the one due soonest first."""
        rows = await self.db.fetchall(
            f"SELECT {TICKET_COLUMNS} FROM tickets WHERE assignee_id = ? AND {ACTIVE} "
            "ORDER BY due_at IS NULL, due_at, id LIMIT ?",
            (user_id, limit),
        )
        return [ticket_from_row(r) for r in rows]

    async def count_of_assignee(self, user_id: int) -> int:
        """How many open tickets a worker holds (`of_assignee` lists the first of them)."""
        row = await self.db.fetchone(
            f"SELECT count(*) AS n FROM tickets WHERE assignee_id = ? AND {ACTIVE}", (user_id,)
        )
        return int(row["n"]) if row else 0

    async def count_unassigned(self) -> int:
        """Tickets no worker has taken yet, in the groups the bot is in (not a community's old
        ledger rows no resident has reported since: nobody is waiting on those here)."""
        row = await self.db.fetchone(f"SELECT count(*) AS n FROM tickets WHERE {TO_TAKE}")
        return int(row["n"]) if row else 0

    async def unassigned_urgent(self, limit: int = 5) -> list[Ticket]:
        """The urgent ones among them, the soonest due first: someone may get hurt now."""
        rows = await self.db.fetchall(
            f"SELECT {TICKET_COLUMNS} FROM tickets WHERE {TO_TAKE} AND urgent = 1 "
            "ORDER BY due_at, id LIMIT ?",
            (limit,),
        )
        return [ticket_from_row(r) for r in rows]

    async def overdue(
        self,
        now: datetime,
        *,
        below_level: int | None = None,
        not_reminded_since: datetime | None = None,
        after: Ticket | None = None,
        limit: int = 500,
    ) -> list[Ticket]:
        """Active tickets past their deadline, oldest deadline first: those still to escalate
        (`below_level`), or those with a worker not reminded since `not_reminded_since` — so
        that tickets with nothing left to do (at the top level, reminded just now) never fill
        the page and hide newer ones. Not a row of a community's old ledger that no resident
        has reported since (its only report's message id is -1, -2 …): history the bot never
        posts about, whichever group it joined. A live report merged into such a row makes it a
        live ticket. `after`: the next page, from the last ticket of this one."""
        where: list[str] = []
        values: list[object] = []
        if below_level is not None:
            where.append("escalation_level < ?")
            values.append(below_level)
        if not_reminded_since is not None:
            where.append("assignee_id IS NOT NULL AND (reminded_at IS NULL OR reminded_at <= ?)")
            values.append(to_db_time(not_reminded_since))
            where.append(IN_LIVE_GROUP)  # a reminder is said in a group that has the bot
        if after is not None:
            where.append("(due_at > ? OR (due_at = ? AND id > ?))")
            values.extend((to_db_time(after.due_at), to_db_time(after.due_at), after.id))
        extra = "".join(f" AND {w}" for w in where)
        rows = await self.db.fetchall(
            f"SELECT {TICKET_COLUMNS} FROM tickets WHERE {ACTIVE} AND due_at < ?{extra} "
            f"AND {REPORTED_LIVE} ORDER BY due_at, id LIMIT ?",
            (to_db_time(now), *values, limit),
        )
        return [ticket_from_row(r) for r in rows]

    async def done_since_before(self, cutoff: datetime, limit: int = 500) -> list[Ticket]:
        """Done tickets waiting for a verdict since before `cutoff`."""
        rows = await self.db.fetchall(
            f"SELECT {TICKET_COLUMNS} FROM tickets WHERE status = 'done' AND done_at < ? "
            "ORDER BY done_at LIMIT ?",
            (to_db_time(cutoff), limit),
        )
        return [ticket_from_row(r) for r in rows]

    async def awaiting_verdicts(self, cutoff: datetime, limit: int = 500) -> list[Ticket]:
        """Done since before `cutoff`, some household silent, not asked again this round."""
        rows = await self.db.fetchall(
            f"SELECT {TICKET_COLUMNS} FROM tickets WHERE status = 'done' AND done_at < ? "
            "AND rating_asked_at IS NULL AND households_rated < households "
            "ORDER BY done_at LIMIT ?",
            (to_db_time(cutoff), limit),
        )
        return [ticket_from_row(r) for r in rows]
