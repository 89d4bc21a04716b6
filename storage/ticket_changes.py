"""Changes to tickets as work for the writer's thread (see `storage.ticket_actions`): each
function runs inside one transaction on a plain sqlite3 connection, asks `bot.core.permissions`
and the ticket's status what is allowed, changes the ticket and writes its history."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.core import permissions
from bot.core.lessons import Lesson, LessonSource, cancel_teaches, merge_lesson
from bot.core.loop import LoopPolicy
from bot.core.tickets import (
    Action,
    DeadlinePolicy,
    Person,
    Status,
    Ticket,
    transition,
)
from storage.db import from_db_time
from storage.lessons import record_lesson
from storage.rows import (
    insert_event,
    recount_households,
    reporter_ids,
    select_scoped,
    select_ticket,
    update_ticket,
)
from storage.sql import Conn

__all__ = [
    "Key",
    "add_note",
    "assign",
    "cancel",
    "mark_done",
    "merge",
    "recategorise",
    "reopen_checked",
    "reopen_ticket",
    "reread",
    "restore",
]


Key = tuple[int, int | None]  # a ticket number and the group it must belong to (None: any)


def assign(
    conn: Conn,
    key: Key,
    assignee: Person,
    actor: Person,
    at: datetime,
    take: bool = False,
    shown: permissions.Shown | None = None,
) -> Ticket:
    """`take`: the 接单 button, which never takes a colleague's ticket; `shown`: who had it on
    the desk's page the form came from, which takes none from a colleague who took it since
    (both checked here, in the writers' order, so that two workers pressing at once cannot
    both take it)."""
    ticket = select_scoped(conn, *key)
    if take:
        permissions.check_take(ticket, actor.id)
    if shown is not None:
        permissions.check_shown(ticket, shown, actor.id)
    permissions.check_assign(ticket, assignee.id, actor.id)
    status = transition(ticket, Action.ASSIGN)
    update_ticket(
        conn,
        ticket.id,
        {
            "status": status.value,
            "assignee_id": assignee.id,
            "assignee_name": assignee.name,
            "assigned_at": ticket.assigned_at or at,
            "updated_at": at,
        },
    )
    insert_event(conn, ticket.id, actor, "assign", at, assignee.name)
    return select_ticket(conn, ticket.id)


def mark_done(conn: Conn, key: Key, note: str | None, actor: Person, at: datetime) -> Ticket:
    ticket = select_scoped(conn, *key)
    status = transition(ticket, Action.DONE)
    update_ticket(
        conn,
        ticket.id,
        {
            "status": status.value,
            "done_at": at,
            "done_note": note,
            "rating": None,
            "households_rated": 0,
            "households_pleased": 0,
            "rating_asked_at": None,
            "assignee_id": ticket.assignee_id if ticket.assignee_id is not None else actor.id,
            "assignee_name": ticket.assignee_name or actor.name,
            "assigned_at": ticket.assigned_at or at,
            "updated_at": at,
        },
    )
    conn.execute("DELETE FROM ratings WHERE ticket_id = ?", (ticket.id,))
    insert_event(conn, ticket.id, actor, "done", at, note)
    if ticket.done_at is None:  # handled as a complaint of its category: a lesson, once
        lesson = Lesson(ticket.summary, True, ticket.category, LessonSource.DONE, actor.id)
        record_lesson(conn, replace(lesson, ticket_id=ticket.id), at)
    return select_ticket(conn, ticket.id)


def reopen_ticket(
    conn: Conn,
    ticket: Ticket,
    actor: Person,
    at: datetime,
    reason: str | None,
    policy: DeadlinePolicy,
    **extra: object,
) -> None:
    """Back to its worker (or to the open list) with a fresh time limit from now: its
    category's (or the urgent one) as configured, however often it was reopened before."""
    status = transition(ticket, Action.REOPEN)
    update_ticket(
        conn,
        ticket.id,
        {
            "status": status.value,
            "reopened": ticket.reopened + 1,
            "due_at": policy.due_at(at, ticket.category, ticket.urgent),
            "escalation_level": 0,
            "reminded_at": None,  # a new deadline: overdue again, its worker is reminded at once
            "closed_at": None,
            "updated_at": at,
            **extra,
        },
    )
    insert_event(conn, ticket.id, actor, "reopen", at, reason)


def reopen_checked(
    conn: Conn,
    key: Key,
    actor: Person,
    reason: str | None,
    at: datetime,
    actor_is_worker: bool,
    loop: LoopPolicy,
    policy: DeadlinePolicy,
) -> Ticket:
    ticket = select_scoped(conn, *key)
    permissions.check_reopen(
        ticket,
        actor.id,
        reporter_ids(conn, ticket.id),
        actor_is_worker=actor_is_worker,
        policy=loop,
        now=at,
    )
    reopen_ticket(conn, ticket, actor, at, reason, policy)
    return select_ticket(conn, ticket.id)


def cancel(
    conn: Conn,
    key: Key,
    actor: Person,
    reason: str | None,
    at: datetime,
    actor_is_worker: bool,
) -> Ticket:
    ticket = select_scoped(conn, *key)
    status = transition(ticket, Action.CANCEL)  # first: a merged one is pointed to its ticket
    not_a_complaint = permissions.check_cancel(
        actor.id, reporter_ids(conn, ticket.id), actor_is_worker=actor_is_worker
    )
    update_ticket(conn, ticket.id, {"status": status.value, "updated_at": at})
    insert_event(conn, ticket.id, actor, "cancel", at, reason)
    if not_a_complaint and cancel_teaches(reason):
        _correction(conn, ticket, None, actor, at)
    return select_ticket(conn, ticket.id)


def recategorise(
    conn: Conn,
    key: Key,
    category: str,
    actor: Person,
    at: datetime,
    policy: DeadlinePolicy,
) -> Ticket:
    ticket = select_scoped(conn, *key)
    permissions.check_recategorise(ticket, category)
    due = policy.recategorised_due(ticket, category, _round_start(conn, ticket))
    update_ticket(
        conn,
        ticket.id,
        {
            "category": category,
            "team": policy.team(category),
            "due_at": due,
            "updated_at": at,
            **_levels_anew(ticket, due, at),
        },
    )
    _correction(conn, ticket, category, actor, at)
    insert_event(conn, ticket.id, actor, "category", at, f"{ticket.category}→{category}")
    return select_ticket(conn, ticket.id)


def _levels_anew(ticket: Ticket, due: datetime | None, at: datetime) -> dict[str, Any]:
    """A ticket raised a level and given more time by another category — no longer overdue —
    starts its 督办 levels anew, as a reopened one does: past its new deadline the group is
    told at level 1 again, not silent until the next level's step."""
    if ticket.escalation_level and due is not None and due > at:
        return {"escalation_level": 0, "reminded_at": None}
    return {}


def reread(
    conn: Conn,
    ticket_id: int,
    category: str,
    location: str | None,
    urgent: bool,
    at: datetime,
    policy: DeadlinePolicy,
) -> tuple[Ticket, Ticket] | None:
    """Its only report was edited into another problem while nobody has taken it yet: the
    ticket follows the new words (category, team, deadline, place; urgency only ever rises).
    Taken since, or joined by neighbours, only a danger the edit adds counts (the ticket turns
    urgent, as for a neighbour's new report of it); what the worker set stays. The ticket
    before and after, or None when nothing changes (or a worker decides now)."""
    ticket = select_ticket(conn, ticket_id)
    if not ticket.status.is_active:
        return None
    if not ticket.follows_edits:
        category, location = ticket.category, ticket.location
    location, urgent = location or ticket.location, urgent or ticket.urgent
    if (category, location, urgent) == (ticket.category, ticket.location, ticket.urgent):
        return None
    due = ticket.due_at
    if category != ticket.category:
        due = policy.recategorised_due(ticket, category, _round_start(conn, ticket))
    urgent_at = ticket.urgent_at
    if urgent and not ticket.urgent:  # as when a neighbour's report makes it urgent
        urgent_due = policy.due_at(at, category, True)
        due = min(due, urgent_due) if due else urgent_due
        urgent_at = at
    values: dict[str, Any] = {
        "location": location, "urgent": int(urgent), "urgent_at": urgent_at, "due_at": due,
        "updated_at": at,
    }  # fmt: skip
    if category != ticket.category:
        values |= {"category": category, "team": policy.team(category)}
        values |= _levels_anew(ticket, due, at)
        insert_event(conn, ticket.id, None, "category", at, f"{ticket.category}→{category}")
    update_ticket(conn, ticket.id, values)
    return ticket, select_ticket(conn, ticket.id)


def restore(
    conn: Conn,
    key: Key,
    actor: Person,
    reason: str | None,
    at: datetime,
    actor_is_worker: bool,
    loop: LoopPolicy,
    policy: DeadlinePolicy,
) -> Ticket:
    """A ticket withdrawn by mistake back to work, as it was (its worker, its deadline if one
    is still ahead; else a fresh one from now). Not a reopening: nothing was done to redo. A
    worker restoring it says it is a complaint of its category: a lesson (the classifier first
    takes back the "not a complaint" its withdrawal may have taught: `Adaptation.forget`)."""
    ticket = select_scoped(conn, *key)
    row = conn.execute(
        "SELECT actor_id, at FROM events WHERE ticket_id = ? AND action = ? "
        "ORDER BY id DESC LIMIT 1",
        (ticket.id, "cancel"),
    ).fetchone()
    permissions.check_restore(
        ticket,
        actor.id,
        row["actor_id"] if row else None,
        from_db_time(row["at"]) if row else None,
        actor_is_worker=actor_is_worker,
        policy=loop,
        now=at,
        reporter_ids=reporter_ids(conn, ticket.id),
    )
    status = transition(ticket, Action.RESTORE)
    changes: dict[str, Any] = {"status": status.value, "updated_at": at}
    if ticket.due_at is None or ticket.due_at <= at:  # its time ran out meanwhile: a fresh one,
        changes["due_at"] = policy.due_at(at, ticket.category, ticket.urgent)
        changes["reminded_at"] = None  # and its worker reminded again when that runs out too
    update_ticket(conn, ticket.id, changes)
    insert_event(conn, ticket.id, actor, "restore", at, reason)
    if actor_is_worker:
        lesson = Lesson(ticket.summary, True, ticket.category, LessonSource.RESTORE, actor.id)
        record_lesson(conn, replace(lesson, ticket_id=ticket.id), at)
    return select_ticket(conn, ticket.id)


def _round_start(conn: Conn, ticket: Ticket) -> datetime:
    """When the ticket's current handling round started: its latest reopen, or its filing."""
    row = conn.execute(
        "SELECT max(at) AS started FROM events WHERE ticket_id = ? AND action = ?",
        (ticket.id, "reopen"),
    ).fetchone()
    return (from_db_time(row["started"]) if row else None) or ticket.created_at


def _correction(
    conn: Conn,
    ticket: Ticket,
    new: str | None,
    actor: Person,
    at: datetime,
) -> None:
    """A worker's correction (category changed, or not a complaint), kept to learn from."""
    source = LessonSource.CATEGORY if new is not None else LessonSource.CANCEL
    lesson = Lesson(ticket.summary, new is not None, new, source, actor.id, at, ticket.id)
    record_lesson(conn, lesson, at)


def add_note(conn: Conn, key: Key, actor: Person, text: str, at: datetime) -> Ticket:
    ticket = select_scoped(conn, *key)
    transition(ticket, Action.NOTE)
    update_ticket(conn, ticket.id, {"updated_at": at})
    insert_event(conn, ticket.id, actor, "note", at, text)
    return select_ticket(conn, ticket.id)


def merge(
    conn: Conn,
    ids: tuple[int, int],
    chat_id: int | None,
    actor: Person,
    at: datetime,
) -> tuple[Ticket, Ticket]:
    into_id, from_id = ids
    target = select_scoped(conn, into_id, chat_id)
    source = select_scoped(conn, from_id, chat_id)
    permissions.check_merge(target, source)
    conn.execute("UPDATE reports SET ticket_id = ? WHERE ticket_id = ?", (into_id, from_id))
    conn.execute("UPDATE photos SET ticket_id = ? WHERE ticket_id = ?", (into_id, from_id))
    recount_households(conn, into_id)
    recount_households(conn, from_id)
    dues = [d for d in (target.due_at, source.due_at) if d is not None]
    update_ticket(
        conn,
        into_id,
        {
            **_taken_over(target, source),
            "urgent": int(target.urgent or source.urgent),
            "urgent_at": _urgent_since(target, source),
            "due_at": min(dues) if dues else None,  # the earlier clock, and its 督办 so far:
            "escalation_level": max(target.escalation_level, source.escalation_level),
            "updated_at": at,
        },
    )
    update_ticket(
        conn,
        from_id,
        {"status": Status.CANCELLED.value, "merged_into": into_id, "updated_at": at},
    )
    insert_event(conn, into_id, actor, "merge", at, f"#{from_id}")
    insert_event(conn, from_id, actor, "merged", at, f"#{into_id}")
    lesson = merge_lesson(source.summary, target.category, source.category)
    if lesson is not None:
        record_lesson(conn, replace(lesson, actor_id=actor.id, ticket_id=from_id), at)
    return select_ticket(conn, into_id), select_ticket(conn, from_id)


def _taken_over(target: Ticket, source: Ticket) -> dict[str, object]:
    """A ticket nobody has taken keeps the worker of the one folded into it (he is on it)."""
    if target.assignee_id is not None or source.assignee_id is None:
        return {}
    return {
        "status": Status.ASSIGNED.value,
        "assignee_id": source.assignee_id,
        "assignee_name": source.assignee_name,
        "assigned_at": source.assigned_at,
    }


def _urgent_since(*tickets: Ticket) -> datetime | None:
    """When the ticket holding these became urgent: the earliest of theirs that was."""
    moments = [t.urgent_at or t.created_at for t in tickets if t.urgent]
    return min(moments) if moments else None
