"""Changes to tickets after filing: assign, done, verdicts, reopen, cancel, merge, escalate.

Every change is one transaction that also writes the ticket's history (and, where the change
must be announced later, the notice in the outbox).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.core.tickets import Action, DeadlinePolicy, Person, Rating, Status, Ticket, next_status
from storage.db import Database, to_db_time
from storage.rows import (
    enqueue_notice,
    insert_event,
    recount_households,
    select_scoped,
    select_ticket,
)

__all__ = ["RateOutcome", "Refused", "TicketActions"]


class Refused(Exception):
    """The person may not do this to this ticket now; `reason` picks the polite answer."""

    def __init__(self, reason: Literal["not_reporter", "closed", "not_now", "same_ticket"]):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RateOutcome:
    ticket: Ticket
    outcome: Literal["closed", "reopened", "changed", "unchanged"]


class TicketActions:
    def __init__(self, db: Database, policy: DeadlinePolicy | None = None) -> None:
        self.db = db
        self.policy = policy or DeadlinePolicy.shipped()

    async def _update(self, conn: aiosqlite.Connection, ticket_id: int, **values: object) -> None:
        columns = ", ".join(f"{name} = ?" for name in values)
        await conn.execute(
            f"UPDATE tickets SET {columns} WHERE id = ?",
            [to_db_time(v) if isinstance(v, datetime) else v for v in values.values()]
            + [ticket_id],
        )

    async def assign(
        self, ticket_id: int, chat_id: int | None, assignee: Person, actor: Person, at: datetime
    ) -> Ticket:
        async with self.db.transaction() as conn:
            ticket = await select_scoped(conn, ticket_id, chat_id)
            status = next_status(ticket.status, Action.ASSIGN)
            await self._update(
                conn,
                ticket_id,
                status=status.value,
                assignee_id=assignee.id,
                assignee_name=assignee.name,
                assigned_at=ticket.assigned_at or at,
                updated_at=at,
            )
            await insert_event(conn, ticket_id, actor, "assign", at, assignee.name)
            return await select_ticket(conn, ticket_id)

    async def mark_done(
        self, ticket_id: int, chat_id: int | None, note: str | None, actor: Person, at: datetime
    ) -> Ticket:
        """Done: a new round of verdicts starts (earlier verdicts are kept in the history)."""
        async with self.db.transaction() as conn:
            ticket = await select_scoped(conn, ticket_id, chat_id)
            status = next_status(ticket.status, Action.DONE)
            await self._update(
                conn,
                ticket_id,
                status=status.value,
                done_at=at,
                done_note=note,
                rating=None,
                assignee_id=ticket.assignee_id if ticket.assignee_id is not None else actor.id,
                assignee_name=ticket.assignee_name or actor.name,
                assigned_at=ticket.assigned_at or at,
                updated_at=at,
            )
            await conn.execute("DELETE FROM ratings WHERE ticket_id = ?", (ticket_id,))
            await insert_event(conn, ticket_id, actor, "done", at, note)
            return await select_ticket(conn, ticket_id)

    async def rate(self, ticket_id: int, user: Person, rating: Rating, at: datetime) -> RateOutcome:
        """A reporter's verdict: 满意/基本满意 close the ticket, 不满意 sends it back.

        Until the ticket closes a reporter may change their answer: a 不满意 that reopened the
        ticket, changed to 满意 before anything else happened, closes it after all.
        """
        async with self.db.transaction() as conn:
            ticket = await select_ticket(conn, ticket_id)
            async with conn.execute(
                "SELECT 1 FROM reports WHERE ticket_id = ? AND user_id = ? LIMIT 1",
                (ticket_id, user.id),
            ) as cursor:
                if await cursor.fetchone() is None:
                    raise Refused("not_reporter")
            async with conn.execute(
                "SELECT rating FROM ratings WHERE ticket_id = ? AND user_id = ?",
                (ticket_id, user.id),
            ) as cursor:
                row = await cursor.fetchone()
            previous = Rating(row[0]) if row else None
            if ticket.status in (Status.CLOSED, Status.CANCELLED):
                raise Refused("closed")
            changing_mind = ticket.status.is_active and previous is Rating.DISSATISFIED
            if ticket.status is not Status.DONE and not changing_mind:
                raise Refused("not_now")
            if previous is rating:
                return RateOutcome(ticket, "unchanged")
            await conn.execute(
                "INSERT INTO ratings (ticket_id, user_id, rating, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (ticket_id, user_id) DO UPDATE SET rating = excluded.rating, "
                "at = excluded.at",
                (ticket_id, user.id, rating.value, to_db_time(at)),
            )
            await insert_event(conn, ticket_id, user, "rate", at, rating.value)
            if rating.closes:
                await self._update(
                    conn,
                    ticket_id,
                    status="closed",
                    rating=rating.value,
                    closed_at=at,
                    updated_at=at,
                )
                outcome: Literal["closed", "reopened", "changed"] = (
                    "changed" if changing_mind else "closed"
                )
            elif changing_mind:
                await self._update(conn, ticket_id, rating=rating.value, updated_at=at)
                outcome = "changed"
            else:
                await self._reopen(conn, ticket, user, at, "不满意", rating=rating.value)
                outcome = "reopened"
            return RateOutcome(await select_ticket(conn, ticket_id), outcome)

    async def set_reason(self, ticket_id: int, user: Person, reason: str, at: datetime) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE ratings SET reason = ? WHERE ticket_id = ? AND user_id = ?",
                (reason, ticket_id, user.id),
            )
            await insert_event(conn, ticket_id, user, "reason", at, reason)

    async def _reopen(
        self,
        conn: aiosqlite.Connection,
        ticket: Ticket,
        actor: Person,
        at: datetime,
        reason: str | None,
        **extra: object,
    ) -> None:
        status = next_status(
            ticket.status, Action.REOPEN, has_assignee=ticket.assignee_id is not None
        )
        limit = ticket.time_limit or (self.policy.due_at(at, ticket.category, ticket.urgent) - at)
        await self._update(
            conn,
            ticket.id,
            status=status.value,
            reopened=ticket.reopened + 1,
            due_at=at + limit,
            escalation_level=0,
            closed_at=None,
            updated_at=at,
            **extra,
        )
        await insert_event(conn, ticket.id, actor, "reopen", at, reason)

    async def reopen(
        self, ticket_id: int, chat_id: int | None, actor: Person, reason: str | None, at: datetime
    ) -> Ticket:
        async with self.db.transaction() as conn:
            ticket = await select_scoped(conn, ticket_id, chat_id)
            await self._reopen(conn, ticket, actor, at, reason)
            return await select_ticket(conn, ticket_id)

    async def cancel(
        self,
        ticket_id: int,
        chat_id: int | None,
        actor: Person,
        reason: str | None,
        at: datetime,
        *,
        not_a_complaint: bool = False,
    ) -> Ticket:
        """Withdrawn by its reporter, or marked by a worker as not a complaint (kept to learn)."""
        async with self.db.transaction() as conn:
            ticket = await select_scoped(conn, ticket_id, chat_id)
            status = next_status(ticket.status, Action.CANCEL)
            await self._update(conn, ticket_id, status=status.value, updated_at=at)
            await insert_event(conn, ticket_id, actor, "cancel", at, reason)
            if not_a_complaint:
                await self._correction(conn, ticket, ticket.category, None, actor, at)
            return await select_ticket(conn, ticket_id)

    async def recategorise(
        self, ticket_id: int, chat_id: int | None, category: str, actor: Person, at: datetime
    ) -> Ticket:
        """A worker corrects the category: team and deadline follow; the correction is kept."""
        async with self.db.transaction() as conn:
            ticket = await select_scoped(conn, ticket_id, chat_id)
            if ticket.category == category:
                return ticket
            due = self.policy.due_at(ticket.created_at, category, ticket.urgent)
            await self._update(
                conn,
                ticket_id,
                category=category,
                team=self.policy.team(category),
                due_at=due if ticket.status.is_active else ticket.due_at,
                updated_at=at,
            )
            await self._correction(conn, ticket, ticket.category, category, actor, at)
            await insert_event(
                conn, ticket_id, actor, "category", at, f"{ticket.category}→{category}"
            )
            return await select_ticket(conn, ticket_id)

    async def _correction(
        self,
        conn: aiosqlite.Connection,
        ticket: Ticket,
        old: str | None,
        new: str | None,
        actor: Person,
        at: datetime,
    ) -> None:
        await conn.execute(
            "INSERT INTO corrections (ticket_id, text, old_value, new_value, actor_id, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (ticket.id, ticket.summary, old, new, actor.id, to_db_time(at)),
        )

    async def add_note(
        self, ticket_id: int, chat_id: int | None, actor: Person, text: str, at: datetime
    ) -> Ticket:
        async with self.db.transaction() as conn:
            ticket = await select_scoped(conn, ticket_id, chat_id)
            if ticket.status is Status.CANCELLED:
                raise Refused("closed")
            await self._update(conn, ticket_id, updated_at=at)
            await insert_event(conn, ticket_id, actor, "note", at, text)
            return await select_ticket(conn, ticket_id)

    async def merge(
        self, into_id: int, from_id: int, chat_id: int | None, actor: Person, at: datetime
    ) -> tuple[Ticket, Ticket]:
        """Fold ticket `from_id` into `into_id`: its reports move, it is cancelled as merged."""
        if into_id == from_id:
            raise Refused("same_ticket")
        async with self.db.transaction() as conn:
            target = await select_scoped(conn, into_id, chat_id)
            source = await select_scoped(conn, from_id, chat_id)
            next_status(source.status, Action.CANCEL)
            if target.status in (Status.CLOSED, Status.CANCELLED):
                raise Refused("closed")
            await conn.execute(
                "UPDATE reports SET ticket_id = ? WHERE ticket_id = ?", (into_id, from_id)
            )
            await recount_households(conn, into_id)
            await recount_households(conn, from_id)
            urgent = target.urgent or source.urgent
            dues = [d for d in (target.due_at, source.due_at) if d is not None]
            await self._update(
                conn, into_id, urgent=int(urgent), due_at=min(dues) if dues else None, updated_at=at
            )
            await self._update(
                conn, from_id, status="cancelled", merged_into=into_id, updated_at=at
            )
            await insert_event(conn, into_id, actor, "merge", at, f"#{from_id}")
            await insert_event(conn, from_id, actor, "merged", at, f"#{into_id}")
            return await select_ticket(conn, into_id), await select_ticket(conn, from_id)

    async def escalate(
        self,
        ticket_id: int,
        level: int,
        at: datetime,
        notices: Sequence[tuple[int, str]],
        not_before: datetime | None = None,
    ) -> Ticket | None:
        """Raise the ticket to `level` once, with its notices; None when already done so."""
        async with self.db.transaction() as conn:
            ticket = await select_ticket(conn, ticket_id)
            if not ticket.status.is_active or ticket.escalation_level != level - 1:
                return None
            await self._update(conn, ticket_id, escalation_level=level, updated_at=at)
            await insert_event(conn, ticket_id, None, "escalate", at, str(level))
            for chat_id, body in notices:
                await enqueue_notice(
                    conn,
                    chat_id=chat_id,
                    kind=f"escalate{level}",
                    body=body,
                    at=at,
                    not_before=not_before,
                    ticket_id=ticket_id,
                )
            return await select_ticket(conn, ticket_id)

    async def remind(
        self, ticket_id: int, at: datetime, not_since: datetime, chat_id: int, body: str
    ) -> bool:
        """Remind the worker of an overdue ticket, unless reminded after `not_since`."""
        async with self.db.transaction() as conn:
            ticket = await select_ticket(conn, ticket_id)
            async with conn.execute(
                "SELECT reminded_at FROM tickets WHERE id = ?", (ticket_id,)
            ) as cursor:
                row = await cursor.fetchone()
            last = row[0] if row else None
            if not ticket.status.is_active or (last is not None and last > to_db_time(not_since)):
                return False
            await self._update(conn, ticket_id, reminded_at=at)
            await enqueue_notice(
                conn, chat_id=chat_id, kind="reminder", body=body, at=at, ticket_id=ticket_id
            )
            return True

    async def close_unrated(self, ticket_id: int, at: datetime) -> Ticket | None:
        """Nobody answered in time: the ticket closes without a verdict."""
        async with self.db.transaction() as conn:
            ticket = await select_ticket(conn, ticket_id)
            if ticket.status is not Status.DONE:
                return None
            await self._update(conn, ticket_id, status="closed", closed_at=at, updated_at=at)
            await insert_event(conn, ticket_id, None, "close", at, "未评价")
            return await select_ticket(conn, ticket_id)
