"""Row ↔ dataclass mapping (by column name) and the statements every ticket change shares,
each written once. Functions of a plain `Conn` run in the writer's thread."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.core.tickets import (
    ACTIVE_STATUSES,
    SOLVED_STATUSES,
    Event,
    Person,
    Report,
    Status,
    Ticket,
    TicketNotFound,
)
from storage.db import Row, from_db_time, to_db_time
from storage.sql import Conn

__all__ = [
    "ACTIVE",
    "DONE_ROUND",
    "HAS_REPORT_FROM",
    "INSERT_EVENT",
    "SOLVED",
    "TICKET_COLUMNS",
    "done_round",
    "enqueue_notice",
    "event_from_row",
    "find_ticket",
    "household_ids",
    "insert_event",
    "recount_households",
    "report_from_row",
    "reporter_ids",
    "select_scoped",
    "select_ticket",
    "ticket_from_row",
    "topic_of",
    "update_ticket",
]

TICKET_COLUMNS = (
    "id, chat_id, category, status, location, urgent, summary, created_at, updated_at, "
    "assignee_id, assignee_name, done_at, done_note, reporter_id, reporter_name, households, "
    "due_at, team, escalation_level, rating, closed_at, reopened, merged_into, assigned_at, "
    "households_rated, households_pleased, urgent_at"
)


def _status_in(statuses: frozenset[Status]) -> str:
    """`status IN ('open', 'assigned')`, in the order of `Status` (the partial indexes of the
    migrations are written that way, and SQLite uses them only for the very same terms)."""
    return "status IN ({})".format(", ".join(f"'{s.value}'" for s in Status if s in statuses))


# The SQL forms of `Status.is_active` and "done or closed": one definition each, in core.
ACTIVE = _status_in(ACTIVE_STATUSES)
SOLVED = _status_in(SOLVED_STATUSES)
INSERT_EVENT = (
    "INSERT INTO events (ticket_id, actor_id, actor_name, action, at, detail) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
HAS_REPORT_FROM = "SELECT 1 FROM reports WHERE ticket_id = ? AND chat_id = ? LIMIT 1"
_RECOUNT = (
    "UPDATE tickets SET households = (SELECT count(DISTINCT coalesce(user_id, -id)) "
    "FROM reports WHERE ticket_id = ? AND staff = 0) WHERE id = ?"
)


def _time(row: Row, column: str) -> datetime:
    value = from_db_time(row[column])
    if value is None:
        raise ValueError(f"{column} is empty in a stored row")
    return value


def ticket_from_row(row: Row) -> Ticket:
    """A ticket from a row holding the columns of TICKET_COLUMNS (others are ignored)."""
    return Ticket(
        id=row["id"],
        chat_id=row["chat_id"],
        category=row["category"],
        status=Status(row["status"]),
        location=row["location"],
        urgent=bool(row["urgent"]),
        summary=row["summary"],
        created_at=_time(row, "created_at"),
        updated_at=_time(row, "updated_at"),
        assignee_id=row["assignee_id"],
        assignee_name=row["assignee_name"],
        done_at=from_db_time(row["done_at"]),
        done_note=row["done_note"],
        reporter_id=row["reporter_id"],
        reporter_name=row["reporter_name"],
        households=row["households"],
        due_at=from_db_time(row["due_at"]),
        team=row["team"],
        escalation_level=row["escalation_level"],
        rating=row["rating"],
        closed_at=from_db_time(row["closed_at"]),
        reopened=row["reopened"],
        merged_into=row["merged_into"],
        assigned_at=from_db_time(row["assigned_at"]),
        households_rated=row["households_rated"],
        households_pleased=row["households_pleased"],
        urgent_at=from_db_time(row["urgent_at"]),
    )


def report_from_row(row: Row) -> Report:
    return Report(
        id=row["id"],
        ticket_id=row["ticket_id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        user_id=row["user_id"],
        display_name=row["display_name"],
        text=row["text"],
        received_at=_time(row, "received_at"),
        edited_at=from_db_time(row["edited_at"]),
        staff=bool(row["staff"]),
    )


def event_from_row(row: Row) -> Event:
    return Event(
        ticket_id=row["ticket_id"],
        actor_id=row["actor_id"],
        actor_name=row["actor_name"],
        action=row["action"],
        at=_time(row, "at"),
        detail=row["detail"],
    )


def insert_event(
    conn: Conn,
    ticket_id: int,
    actor: Person | None,
    action: str,
    at: datetime,
    detail: str | None = None,
) -> None:
    """One line of the ticket's history."""
    conn.execute(
        INSERT_EVENT,
        (
            ticket_id,
            actor.id if actor else None,
            actor.name if actor else None,
            action,
            to_db_time(at),
            detail,
        ),
    )


def find_ticket(conn: Conn, ticket_id: int) -> Ticket | None:
    row = conn.execute(
        f"SELECT {TICKET_COLUMNS} FROM tickets WHERE id = ?", (ticket_id,)
    ).fetchone()
    return ticket_from_row(row) if row is not None else None


# The ticket's round of verdicts: how many times it was marked done (its rating buttons carry it).
DONE_ROUND = "SELECT COUNT(*) AS n FROM events WHERE ticket_id = ? AND action = 'done'"


def done_round(conn: Conn, ticket_id: int) -> int:
    """How many times the ticket was marked done: the round its verdicts now belong to."""
    return int(conn.execute(DONE_ROUND, (ticket_id,)).fetchone()["n"])


def select_ticket(conn: Conn, ticket_id: int) -> Ticket:
    ticket = find_ticket(conn, ticket_id)
    if ticket is None:
        raise TicketNotFound(ticket_id)
    return ticket


def select_scoped(conn: Conn, ticket_id: int, chat_id: int | None) -> Ticket:
    """The ticket, if it belongs to `chat_id` (None: any group, for private-chat workers): it
    was raised there, or a report from there was merged into it."""
    ticket = select_ticket(conn, ticket_id)
    if chat_id is not None and ticket.chat_id != chat_id:
        merged_here = conn.execute(HAS_REPORT_FROM, (ticket_id, chat_id)).fetchone()
        if merged_here is None:
            raise TicketNotFound(ticket_id)
    return ticket


def update_ticket(conn: Conn, ticket_id: int, values: Mapping[str, object]) -> None:
    """Set columns of one ticket (times given as datetimes are stored as UTC text)."""
    columns = ", ".join(f"{name} = ?" for name in values)
    conn.execute(
        f"UPDATE tickets SET {columns} WHERE id = ?",
        [to_db_time(v) if isinstance(v, datetime) else v for v in values.values()] + [ticket_id],
    )


def recount_households(conn: Conn, ticket_id: int) -> None:
    """Households = different residents among the ticket's reports."""
    conn.execute(_RECOUNT, (ticket_id, ticket_id))


def reporter_ids(conn: Conn, ticket_id: int) -> set[int | None]:
    """Everyone who reported the ticket (a worker who filed it in their own words too)."""
    rows = conn.execute("SELECT DISTINCT user_id FROM reports WHERE ticket_id = ?", (ticket_id,))
    return {row["user_id"] for row in rows}


def household_ids(conn: Conn, ticket_id: int) -> set[int]:
    """The residents who reported the ticket: those asked for a verdict."""
    rows = conn.execute(
        "SELECT DISTINCT user_id FROM reports WHERE ticket_id = ? AND staff = 0 "
        "AND user_id IS NOT NULL",
        (ticket_id,),
    )
    return {row["user_id"] for row in rows}


def enqueue_notice(
    conn: Conn,
    *,
    chat_id: int,
    kind: str,
    body: str,
    at: datetime,
    not_before: datetime | None = None,
    ticket_id: int | None = None,
    markup: Mapping[str, Any] | None = None,
    reply_to: int | None = None,
    origin: str | None = None,
    for_user: int | None = None,
    tickets: Sequence[int] = (),
    thread_id: int | None = None,
) -> bool:
    """A notice to post, written in the same transaction as the change it announces.

    A notice with an `origin` is queued once: queued again (a replay), it is ignored. Whether
    it was queued now. `tickets`: the tickets a notice of several speaks of. `thread_id`: the
    topic of the message it answers (`reply_to`), where it goes even once that message is
    deleted. A notice of one ticket to a group with topics that answers nothing answers the
    ticket's first report there and goes to its topic (`topic_of`), whichever path queued it:
    it lands in the resident's topic, not General — even once she deleted that report."""
    if reply_to is None and ticket_id is not None and chat_id < 0:
        reply_to, thread_id = topic_of(conn, chat_id, ticket_id)
    cursor = conn.execute(
        "INSERT INTO outbox (chat_id, kind, ticket_id, body, markup, reply_to, origin, "
        "for_user, created_at, not_before, tickets, thread_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (origin) WHERE origin IS NOT NULL DO NOTHING",
        (
            chat_id,
            kind,
            ticket_id,
            body,
            json.dumps(markup, ensure_ascii=False) if markup else None,
            reply_to,
            origin,
            for_user,
            to_db_time(at),
            to_db_time(not_before or at),
            json.dumps(list(tickets)) if tickets else None,
            thread_id,
        ),
    )
    return bool(cursor.rowcount > 0)


def topic_of(conn: Conn, chat_id: int, ticket_id: int) -> tuple[int | None, int | None]:
    """What a ticket's notice to a group with topics answers, its first report there, and the
    topic it was written in. Telegram puts a message in a topic sent with the topic's id, or as
    a reply to one of its messages — while that message is still there; anything else lands in
    General, where the resident does not look. (None, None) in a group without topics, or
    where the ticket has no report; no topic for a report in General, or filed before it was
    kept (version 28)."""
    row = conn.execute(
        "SELECT r.message_id, r.thread_id FROM reports r JOIN chats c ON c.chat_id = r.chat_id "
        "WHERE r.ticket_id = ? AND r.chat_id = ? AND c.forum = 1 ORDER BY r.id LIMIT 1",
        (ticket_id, chat_id),
    ).fetchone()
    return (None, None) if row is None else (int(row["message_id"]), row["thread_id"])
