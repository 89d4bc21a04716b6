"""Row ↔ dataclass mapping and the small statements every ticket change shares."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import aiosqlite

from bot.core.tickets import Person, Report, Status, Ticket
from storage.db import from_db_time, to_db_time

__all__ = [
    "TICKET_COLUMNS",
    "TicketNotFound",
    "enqueue_notice",
    "insert_event",
    "recount_households",
    "report_from_row",
    "select_scoped",
    "select_ticket",
    "ticket_from_row",
]

TICKET_COLUMNS = (
    "id, chat_id, category, status, location, urgent, summary, created_at, updated_at, "
    "assignee_id, assignee_name, done_at, done_note, reporter_id, reporter_name, households, "
    "due_at, team, escalation_level, rating, closed_at, reopened, merged_into, assigned_at"
)


class TicketNotFound(LookupError):
    """No ticket with that number (in that group)."""


def ticket_from_row(row: aiosqlite.Row | Sequence[Any]) -> Ticket:
    created_at = from_db_time(row[7])
    updated_at = from_db_time(row[8])
    assert created_at is not None and updated_at is not None
    return Ticket(
        id=row[0],
        chat_id=row[1],
        category=row[2],
        status=Status(row[3]),
        location=row[4],
        urgent=bool(row[5]),
        summary=row[6],
        created_at=created_at,
        updated_at=updated_at,
        assignee_id=row[9],
        assignee_name=row[10],
        done_at=from_db_time(row[11]),
        done_note=row[12],
        reporter_id=row[13],
        reporter_name=row[14],
        households=row[15],
        due_at=from_db_time(row[16]),
        team=row[17],
        escalation_level=row[18],
        rating=row[19],
        closed_at=from_db_time(row[20]),
        reopened=row[21],
        merged_into=row[22],
        assigned_at=from_db_time(row[23]),
    )


def report_from_row(row: aiosqlite.Row) -> Report:
    received_at = from_db_time(row["received_at"])
    assert received_at is not None
    return Report(
        id=row["id"],
        ticket_id=row["ticket_id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        user_id=row["user_id"],
        display_name=row["display_name"],
        text=row["text"],
        received_at=received_at,
        edited_at=from_db_time(row["edited_at"]),
    )


async def insert_event(
    conn: aiosqlite.Connection,
    ticket_id: int,
    actor: Person | None,
    action: str,
    at: datetime,
    detail: str | None = None,
) -> None:
    await conn.execute(
        "INSERT INTO events (ticket_id, actor_id, actor_name, action, at, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            ticket_id,
            actor.id if actor else None,
            actor.name if actor else None,
            action,
            to_db_time(at),
            detail,
        ),
    )


async def select_ticket(conn: aiosqlite.Connection, ticket_id: int) -> Ticket:
    async with conn.execute(
        f"SELECT {TICKET_COLUMNS} FROM tickets WHERE id = ?", (ticket_id,)
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise TicketNotFound(ticket_id)
    return ticket_from_row(row)


async def select_scoped(conn: aiosqlite.Connection, ticket_id: int, chat_id: int | None) -> Ticket:
    """The ticket, if it belongs to `chat_id` (None: any group, for private-chat workers)."""
    ticket = await select_ticket(conn, ticket_id)
    if chat_id is not None and ticket.chat_id != chat_id:
        raise TicketNotFound(ticket_id)
    return ticket


async def recount_households(conn: aiosqlite.Connection, ticket_id: int) -> None:
    """Households = different residents among the ticket's reports."""
    await conn.execute(
        "UPDATE tickets SET households = (SELECT count(DISTINCT coalesce(user_id, -id)) "
        "FROM reports WHERE ticket_id = ?) WHERE id = ?",
        (ticket_id, ticket_id),
    )


async def enqueue_notice(
    conn: aiosqlite.Connection,
    *,
    chat_id: int,
    kind: str,
    body: str,
    at: datetime,
    not_before: datetime | None = None,
    ticket_id: int | None = None,
    markup: dict[str, Any] | None = None,
) -> None:
    """A notice to post, written in the same transaction as the change it announces."""
    await conn.execute(
        "INSERT INTO outbox (chat_id, kind, ticket_id, body, markup, created_at, not_before) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            chat_id,
            kind,
            ticket_id,
            body,
            json.dumps(markup, ensure_ascii=False) if markup else None,
            to_db_time(at),
            to_db_time(not_before or at),
        ),
    )
