"""What the schedule and the roster do to tickets, as work for the writer's thread (see
`storage.ticket_actions`): raise overdue tickets a level, remind their workers, hand back what
a former worker held. Each function runs inside one transaction."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core.loop import ESCALATION_KIND, REMINDER_KIND
from bot.core.tickets import Detail, Status, Ticket
from storage.db import from_db_time
from storage.rows import enqueue_notice, insert_event, select_ticket, update_ticket
from storage.sql import Conn

__all__ = [
    "GroupCopy",
    "WorkerAlert",
    "escalate",
    "escalate_together",
    "release_from_former",
    "remind",
]


@dataclass(frozen=True)
class WorkerAlert:
    """A private message to one worker about a ticket raised a level (an urgent one nobody has
    taken), queued in the raise's own transaction, once per `origin`."""

    chat_id: int
    kind: str
    body: str
    origin: str
    markup: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class GroupCopy:
    """A raise said in another group whose report the ticket holds (merged across groups),
    queued in the raise's own transaction, once per `origin`."""

    chat_id: int
    body: str
    origin: str


def _raise(
    conn: Conn,
    ticket_id: int,
    level: int,
    at: datetime,
    told: Collection[int],
    copied: bool = False,
) -> bool:
    """Raise one active ticket from the level below to `level` (the chats in `told` hear of
    it; `copied`: the groups merged into it too); False when it is done or already there."""
    ticket = select_ticket(conn, ticket_id)
    if not ticket.status.is_active or ticket.escalation_level != level - 1:
        return False
    changes: dict[str, Any] = {"escalation_level": level, "updated_at": at}
    if ticket.chat_id in told or copied:
        changes["reminded_at"] = at  # the group hears of it once: no reminder in the same tick
    update_ticket(conn, ticket_id, changes)
    insert_event(conn, ticket_id, None, "escalate", at, str(level))
    return True


def escalate(
    conn: Conn,
    ticket_id: int,
    level: int,
    at: datetime,
    notices: Sequence[tuple[int, str]],
    not_before: datetime | None,
) -> Ticket | None:
    if not _raise(conn, ticket_id, level, at, {chat_id for chat_id, _ in notices}):
        return None
    for chat_id, body in notices:
        enqueue_notice(
            conn,
            chat_id=chat_id,
            kind=f"{ESCALATION_KIND}{level}",
            body=body,
            at=at,
            not_before=not_before,
            ticket_id=ticket_id,
        )
    return select_ticket(conn, ticket_id)


def escalate_together(
    conn: Conn,
    ticket_ids: Sequence[int],
    level: int,
    at: datetime,
    chat_id: int | None,
    compose: Callable[[list[int]], str],
    not_before: datetime | None,
    alerts: Mapping[int, Sequence[WorkerAlert]] | None = None,
    copies: Mapping[int, Sequence[GroupCopy]] | None = None,
) -> list[int]:
    """Raise the tickets to `level` with one notice to `chat_id` (`compose`: its words for
    those raised; none without a chat), a raised ticket's `copies` to the other groups whose
    reports it holds (at the notice's time) and, for a raised ticket still nobody's, its
    `alerts` to the workers in private (at once: quiet hours hold no danger); the ids raised,
    in the order given."""
    told = {chat_id} if chat_id is not None else set()
    raised = [
        ticket_id
        for ticket_id in ticket_ids
        if _raise(conn, ticket_id, level, at, told, bool((copies or {}).get(ticket_id)))
    ]
    if chat_id is not None:
        _one_notice(conn, chat_id, f"{ESCALATION_KIND}{level}", raised, compose, at, not_before)
    for ticket_id in raised:
        for copy in (copies or {}).get(ticket_id, ()):
            enqueue_notice(
                conn, chat_id=copy.chat_id, kind=f"{ESCALATION_KIND}{level}", body=copy.body,
                at=at, not_before=not_before, ticket_id=ticket_id, origin=copy.origin,
            )  # fmt: skip
        said = (alerts or {}).get(ticket_id, ())
        if said and select_ticket(conn, ticket_id).assignee_id is None:
            for alert in said:
                enqueue_notice(
                    conn, chat_id=alert.chat_id, kind=alert.kind, body=alert.body, at=at,
                    ticket_id=ticket_id, origin=alert.origin, markup=alert.markup,
                )  # fmt: skip
    return raised


def remind(
    conn: Conn,
    ticket_ids: Sequence[int],
    at: datetime,
    not_since: datetime,
    chat_id: int,
    compose: Callable[[list[int]], str],
) -> list[int]:
    """Remind the worker of the overdue tickets of one group, in one notice: those of
    `ticket_ids` still being handled and not reminded after `not_since` (their ids, in the
    order given), with `compose`'s words for them."""
    due: list[int] = []
    for ticket_id in ticket_ids:
        ticket = select_ticket(conn, ticket_id)
        row = conn.execute("SELECT reminded_at FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
        last = from_db_time(row["reminded_at"]) if row else None
        if ticket.status.is_active and (last is None or last <= not_since):
            update_ticket(conn, ticket_id, {"reminded_at": at})
            due.append(ticket_id)
    _one_notice(conn, chat_id, REMINDER_KIND, due, compose, at)
    return due


def _one_notice(
    conn: Conn,
    chat_id: int,
    kind: str,
    ticket_ids: list[int],
    compose: Callable[[list[int]], str],
    at: datetime,
    not_before: datetime | None = None,
) -> None:
    """One notice of the tickets (none for none), dropped when its turn comes if it is of one
    ticket done since, or of several all done since."""
    if ticket_ids:
        single = ticket_ids[0] if len(ticket_ids) == 1 else None
        enqueue_notice(
            conn, chat_id=chat_id, kind=kind, body=compose(ticket_ids), at=at,
            not_before=not_before, ticket_id=single, tickets=ticket_ids if single is None else (),
        )  # fmt: skip


def release_from_former(conn: Conn, roster: Collection[int], at: datetime) -> list[int]:
    """Tickets being handled by someone no longer on the roster go back to 待接单 (their
    history says why); done ones keep who did them. The released tickets' numbers."""
    marks = ", ".join("?" * len(roster))
    rows = conn.execute(
        f"SELECT id FROM tickets WHERE status = ? AND assignee_id NOT IN ({marks}) ORDER BY id",
        (Status.ASSIGNED.value, *roster),
    ).fetchall()
    released = [int(row[0]) for row in rows]
    for ticket_id in released:
        values = {"status": Status.OPEN.value, "assignee_id": None, "assignee_name": None}
        update_ticket(conn, ticket_id, {**values, "updated_at": at})
        insert_event(conn, ticket_id, None, "release", at, Detail.FORMER_WORKER)
    return released
