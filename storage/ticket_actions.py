"""Changes to tickets after filing: assign, done, verdicts, reopen, cancel, merge, escalate.

Every change is one piece of work for the writer's thread (`storage.ticket_changes`): one
transaction that checks what `bot.core.permissions` and the ticket's status allow, changes the
ticket, writes its history (and, where the change must be announced later, the notice in the
outbox).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from bot.core.loop import LoopPolicy
from bot.core.permissions import Shown
from bot.core.tickets import DeadlinePolicy, Person, Rating, Ticket
from storage import supervision, verdict_changes
from storage import ticket_changes as changes
from storage.acted import AlreadyActed, once
from storage.sql import Door
from storage.supervision import GroupCopy, WorkerAlert
from storage.verdict_changes import RateOutcome

__all__ = ["RateOutcome", "TicketActions"]

RESTORED = "restore"  # what a /reopen that restored a withdrawn ticket is remembered as


class TicketActions:
    """The changes a ticket goes through, each one transaction; refusals are raised as
    `bot.core.permissions.Refused`, `TransitionError` or `TicketNotFound`."""

    def __init__(
        self,
        db: Door,
        policy: DeadlinePolicy | None = None,
        loop: LoopPolicy | None = None,
    ) -> None:
        self.db = db
        self.policy = policy or DeadlinePolicy.shipped()
        self.loop = loop or LoopPolicy()

    async def first_time(self, origin: str, at: datetime) -> bool:
        """Record that what `origin` names was handled; False when it was before (its update
        is being handled again after a restart)."""
        try:
            await self.db.write(once(origin, at, lambda conn: None))
        except AlreadyActed:
            return False
        return True

    async def assign(
        self,
        ticket_id: int,
        chat_id: int | None,
        assignee: Person,
        actor: Person,
        at: datetime,
        *,
        origin: str | None = None,
        take: bool = False,
        shown: Shown | None = None,
    ) -> Ticket:
        change = partial(
            changes.assign,
            key=(ticket_id, chat_id),
            assignee=assignee,
            actor=actor,
            at=at,
            take=take,
            shown=shown,
        )
        return await self.db.write(once(origin, at, change))

    async def mark_done(
        self,
        ticket_id: int,
        chat_id: int | None,
        note: str | None,
        actor: Person,
        at: datetime,
        *,
        origin: str | None = None,
    ) -> Ticket:
        """Done: a new round of verdicts starts (earlier verdicts are kept in the history)."""
        change = partial(changes.mark_done, key=(ticket_id, chat_id), note=note, actor=actor, at=at)
        return await self.db.write(once(origin, at, change))

    async def rate(
        self,
        ticket_id: int,
        user: Person,
        rating: Rating,
        at: datetime,
        *,
        origin: str | None = None,
        given_in: int | None = None,
    ) -> RateOutcome:
        """One household's verdict; what it does is `bot.core.verdicts.verdict_effect`'s.
        `given_in`: the round of the button pressed (an earlier round's is refused)."""
        change = partial(
            verdict_changes.rate,
            ticket_id=ticket_id,
            user=user,
            rating=rating,
            at=at,
            policy=self.policy,
            given_in=given_in,
        )
        return await self.db.write(once(origin, at, change, outcome=_outcome))

    async def set_reason(
        self, ticket_id: int, user: Person, reason: str, at: datetime, *, origin: str | None = None
    ) -> None:
        change = partial(
            verdict_changes.set_reason, ticket_id=ticket_id, user=user, reason=reason, at=at
        )
        await self.db.write(once(origin, at, change))

    async def reopen(
        self,
        ticket_id: int,
        chat_id: int | None,
        actor: Person,
        reason: str | None,
        at: datetime,
        *,
        actor_is_worker: bool = False,
        origin: str | None = None,
    ) -> Ticket:
        """A reporter (or a worker) reopens a done or closed ticket within the reopen window."""
        change = partial(changes.reopen_checked, actor_is_worker=actor_is_worker)
        return await self._in_window(change, (ticket_id, chat_id), actor, reason, at, origin)

    async def restore(
        self,
        ticket_id: int,
        chat_id: int | None,
        actor: Person,
        reason: str | None,
        at: datetime,
        *,
        actor_is_worker: bool = False,
        origin: str | None = None,
    ) -> Ticket:
        """A ticket withdrawn by mistake back to work (see `changes.restore`); the origin is
        remembered as a restore (`restored_by`)."""
        change = partial(changes.restore, actor_is_worker=actor_is_worker)
        key = (ticket_id, chat_id)
        return await self._in_window(change, key, actor, reason, at, origin, _restored)

    async def _in_window(
        self,
        change: Callable[..., Ticket],
        key: changes.Key,
        actor: Person,
        reason: str | None,
        at: datetime,
        origin: str | None,
        outcome: Callable[[Ticket], str] | None = None,
    ) -> Ticket:
        """A change back to work that the loop's window and deadlines rule (a reopening, a
        restoring), once per `origin` (remembered as its `outcome`, when given)."""
        work = partial(
            change, key=key, actor=actor, reason=reason, at=at, loop=self.loop, policy=self.policy
        )
        return await self.db.write(once(origin, at, work, outcome))

    async def restored_by(self, origin: str | None) -> bool:
        """Whether the command `origin` restored a ticket (a /reopen replayed after a restart
        is told as what it did: the ticket is no longer withdrawn by then)."""
        if origin is None:
            return False
        row = await self.db.fetchone("SELECT outcome FROM acted WHERE origin = ?", (origin,))
        return row is not None and row[0] == RESTORED

    async def cancel(
        self,
        ticket_id: int,
        chat_id: int | None,
        actor: Person,
        reason: str | None,
        at: datetime,
        *,
        actor_is_worker: bool = False,
        origin: str | None = None,
    ) -> Ticket:
        """Withdrawn by its only reporter, or marked by a worker as not a complaint (the
        correction is kept to learn from)."""
        return await self.db.write(
            once(
                origin,
                at,
                partial(
                    changes.cancel,
                    key=(ticket_id, chat_id),
                    actor=actor,
                    reason=reason,
                    at=at,
                    actor_is_worker=actor_is_worker,
                ),
            )
        )

    async def reread(
        self, ticket_id: int, category: str, location: str | None, urgent: bool, at: datetime
    ) -> tuple[Ticket, Ticket] | None:
        """A report edited into another problem: see `changes.reread`."""
        change = partial(
            changes.reread,
            ticket_id=ticket_id,
            category=category,
            location=location,
            urgent=urgent,
            at=at,
            policy=self.policy,
        )
        return await self.db.write(change)

    async def recategorise(
        self,
        ticket_id: int,
        chat_id: int | None,
        category: str,
        actor: Person,
        at: datetime,
        *,
        origin: str | None = None,
    ) -> Ticket:
        """A worker corrects the category: team and deadline follow; the correction is kept."""
        return await self.db.write(
            once(
                origin,
                at,
                partial(
                    changes.recategorise,
                    key=(ticket_id, chat_id),
                    category=category,
                    actor=actor,
                    at=at,
                    policy=self.policy,
                ),
            )
        )

    async def add_note(
        self,
        ticket_id: int,
        chat_id: int | None,
        actor: Person,
        text: str,
        at: datetime,
        *,
        origin: str | None = None,
    ) -> Ticket:
        change = partial(changes.add_note, key=(ticket_id, chat_id), actor=actor, text=text, at=at)
        return await self.db.write(once(origin, at, change))

    async def merge(
        self,
        into_id: int,
        from_id: int,
        chat_id: int | None,
        actor: Person,
        at: datetime,
        *,
        origin: str | None = None,
    ) -> tuple[Ticket, Ticket]:
        """Fold ticket `from_id` into `into_id`: its reports move, it is cancelled as merged."""
        change = partial(changes.merge, ids=(into_id, from_id), chat_id=chat_id, actor=actor, at=at)
        return await self.db.write(once(origin, at, change))

    async def escalate(
        self,
        ticket_id: int,
        level: int,
        at: datetime,
        notices: Sequence[tuple[int, str]],
        not_before: datetime | None = None,
    ) -> Ticket | None:
        """Raise the ticket to `level` once, with its notices; None when already done so."""
        return await self.db.write(
            partial(
                supervision.escalate,
                ticket_id=ticket_id,
                level=level,
                at=at,
                notices=notices,
                not_before=not_before,
            )
        )

    async def escalate_together(
        self,
        ticket_ids: Sequence[int],
        level: int,
        at: datetime,
        chat_id: int | None,
        compose: Callable[[list[int]], str],
        not_before: datetime | None = None,
        alerts: Mapping[int, Sequence[WorkerAlert]] | None = None,
        copies: Mapping[int, Sequence[GroupCopy]] | None = None,
    ) -> list[int]:
        """Raise the tickets to `level` once each, with one notice to `chat_id` for them, each
        raised ticket's `copies` in the groups merged into it and, to each raised ticket nobody
        has taken, its workers' `alerts` in private."""
        return await self.db.write(
            partial(
                supervision.escalate_together,
                ticket_ids=ticket_ids, level=level, at=at, chat_id=chat_id,
                compose=compose, not_before=not_before, alerts=alerts, copies=copies,
            )
        )  # fmt: skip

    async def remind(
        self,
        ticket_ids: Sequence[int],
        at: datetime,
        not_since: datetime,
        chat_id: int,
        compose: Callable[[list[int]], str],
    ) -> list[int]:
        """Remind the worker of overdue tickets of one group in one notice (`compose`: its
        words for the tickets still to remind), unless reminded after `not_since`; which were."""
        return await self.db.write(
            partial(
                supervision.remind,
                ticket_ids=ticket_ids,
                at=at,
                not_since=not_since,
                chat_id=chat_id,
                compose=compose,
            )
        )

    async def ask_again(
        self,
        ticket_id: int,
        at: datetime,
        notices: Sequence[tuple[int, str]],
        markup: Mapping[str, Any],
        not_before: datetime,
    ) -> bool:
        """Ask the silent households once a round, in their groups (no notices: nobody to
        ask, only marked)."""
        return await self.db.write(
            partial(
                verdict_changes.ask_again,
                ticket_id=ticket_id,
                at=at,
                notices=notices,
                markup=markup,
                not_before=not_before,
            )
        )

    async def release_from_former(self, roster: Collection[int], at: datetime) -> list[int]:
        """Tickets held by someone no longer a worker go back to 待接单 (`roster`: every
        worker and admin); nothing when the roster is empty. Their numbers."""
        if not roster:
            return []
        change = partial(supervision.release_from_former, roster=sorted(roster), at=at)
        return list(await self.db.write(change))

    async def close_unrated(self, ticket_id: int, at: datetime) -> Ticket | None:
        """Nobody answered in time: the ticket closes without a verdict."""
        return await self.db.write(
            partial(verdict_changes.close_unrated, ticket_id=ticket_id, at=at)
        )


def _outcome(result: RateOutcome) -> str:
    return result.outcome


def _restored(_: Ticket) -> str:
    """What a restoring is remembered as, with its command (`TicketActions.restored_by`)."""
    return RESTORED
