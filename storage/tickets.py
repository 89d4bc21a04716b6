"""Tickets, their reports and their history: the only SQL about them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

import aiosqlite

from bot.tickets import (
    Action,
    DeadlinePolicy,
    Event,
    Person,
    Report,
    Status,
    Ticket,
    next_status,
)
from storage.db import Database, from_db_time, to_db_time

__all__ = ["Filing", "NewReport", "PendingAck", "TicketNotFound", "TicketStore"]


class TicketNotFound(LookupError):
    """No ticket with that number in that group."""


@dataclass(frozen=True)
class NewReport:
    """A group message judged to be a complaint, before it is stored."""

    chat_id: int
    message_id: int
    author: Person
    text: str
    received_at: datetime
    category: str
    urgent: bool
    location: str | None


@dataclass(frozen=True)
class Filing:
    """What became of a report: a new ticket, or it was already filed before."""

    ticket: Ticket
    report_id: int
    outcome: Literal["created", "merged", "duplicate"]


@dataclass(frozen=True)
class PendingAck:
    """A report whose acknowledgement has not been sent yet."""

    report_id: int
    chat_id: int
    message_id: int
    ticket: Ticket
    is_first_report: bool


_TICKET_COLUMNS = (
    "id, chat_id, category, status, location, urgent, summary, created_at, updated_at, "
    "assignee_id, assignee_name, done_at, done_note, reporter_id, reporter_name, households, "
    "due_at, team"
)


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
    )


def _report_from_row(row: aiosqlite.Row) -> Report:
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


async def _insert_event(
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


async def _select_ticket(conn: aiosqlite.Connection, ticket_id: int) -> Ticket:
    async with conn.execute(
        f"SELECT {_TICKET_COLUMNS} FROM tickets WHERE id = ?", (ticket_id,)
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise TicketNotFound(ticket_id)
    return ticket_from_row(row)


class TicketStore:
    """Queries and changes of tickets; every change also writes an event line."""

    def __init__(self, db: Database, policy: DeadlinePolicy | None = None) -> None:
        self.db = db
        self.policy = policy or DeadlinePolicy.shipped()

    # -- intake ---------------------------------------------------------------------------
    async def file_report(self, new: NewReport) -> Filing:
        """Store a complaint as a new ticket; a message already filed is returned as it was."""
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT id, ticket_id FROM reports WHERE chat_id = ? AND message_id = ?",
                (new.chat_id, new.message_id),
            ) as cursor:
                existing = await cursor.fetchone()
            if existing is not None:
                ticket = await _select_ticket(conn, existing["ticket_id"])
                return Filing(ticket, existing["id"], "duplicate")
            at = to_db_time(new.received_at)
            cursor = await conn.execute(
                "INSERT INTO tickets (chat_id, category, status, location, urgent, summary, "
                "created_at, updated_at, reporter_id, reporter_name, due_at, team) "
                "VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new.chat_id,
                    new.category,
                    new.location,
                    int(new.urgent),
                    new.text,
                    at,
                    at,
                    new.author.id,
                    new.author.name,
                    to_db_time(self.policy.due_at(new.received_at, new.category, new.urgent)),
                    self.policy.team(new.category),
                ),
            )
            ticket_id = cursor.lastrowid
            assert ticket_id is not None
            report_id = await self._insert_report(conn, ticket_id, new)
            await _insert_event(conn, ticket_id, new.author, "create", new.received_at)
            ticket = await _select_ticket(conn, ticket_id)
        return Filing(ticket, report_id, "created")

    async def _insert_report(
        self, conn: aiosqlite.Connection, ticket_id: int, new: NewReport
    ) -> int:
        cursor = await conn.execute(
            "INSERT INTO reports (ticket_id, chat_id, message_id, user_id, display_name, text, "
            "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                ticket_id,
                new.chat_id,
                new.message_id,
                new.author.id,
                new.author.name,
                new.text,
                to_db_time(new.received_at),
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def update_report_text(
        self, chat_id: int, message_id: int, text: str, at: datetime
    ) -> Report | None:
        """An edited message that is a report: keep the new text. None when it is no report."""
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT * FROM reports WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            if row["text"] == text:
                return _report_from_row(row)
            await conn.execute(
                "UPDATE reports SET text = ?, edited_at = ? WHERE id = ?",
                (text, to_db_time(at), row["id"]),
            )
            await conn.execute(
                "UPDATE tickets SET summary = CASE WHEN reporter_id IS ? AND summary = ? "
                "THEN ? ELSE summary END, updated_at = ? WHERE id = ?",
                (row["user_id"], row["text"], text, to_db_time(at), row["ticket_id"]),
            )
            author = Person(row["user_id"], row["display_name"])
            await _insert_event(conn, row["ticket_id"], author, "edit", at, text)
        return replace(_report_from_row(row), text=text, edited_at=at)

    # -- reading --------------------------------------------------------------------------
    async def get(self, ticket_id: int, chat_id: int | None = None) -> Ticket:
        """The ticket; with `chat_id`, only if it belongs to that group (else TicketNotFound)."""
        row = await self.db.fetchone(
            f"SELECT {_TICKET_COLUMNS} FROM tickets WHERE id = ?", (ticket_id,)
        )
        if row is None or (chat_id is not None and row[1] != chat_id):
            raise TicketNotFound(ticket_id)
        return ticket_from_row(row)

    async def list_active(self, chat_id: int, limit: int = 50) -> list[Ticket]:
        """Open and assigned tickets of one group: urgent first, then oldest first."""
        rows = await self.db.fetchall(
            f"SELECT {_TICKET_COLUMNS} FROM tickets WHERE chat_id = ? "
            "AND status IN ('open', 'assigned') ORDER BY urgent DESC, id LIMIT ?",
            (chat_id, limit),
        )
        return [ticket_from_row(r) for r in rows]

    async def count_active(self, chat_id: int) -> int:
        row = await self.db.fetchone(
            "SELECT count(*) FROM tickets WHERE chat_id = ? AND status IN ('open', 'assigned')",
            (chat_id,),
        )
        return int(row[0]) if row else 0

    async def history(self, ticket_id: int) -> list[Event]:
        rows = await self.db.fetchall(
            "SELECT ticket_id, actor_id, actor_name, action, at, detail FROM events "
            "WHERE ticket_id = ? ORDER BY id",
            (ticket_id,),
        )
        return [
            Event(r[0], r[1], r[2], r[3], from_db_time(r[4]) or datetime.min, r[5]) for r in rows
        ]

    async def reports(self, ticket_id: int) -> list[Report]:
        rows = await self.db.fetchall(
            "SELECT * FROM reports WHERE ticket_id = ? ORDER BY id", (ticket_id,)
        )
        return [_report_from_row(r) for r in rows]

    async def iter_all(self, batch: int = 500) -> AsyncIterator[tuple[Ticket, list[Report]]]:
        """Every ticket with its reports, in id order, read in batches (for exports)."""
        last_id = 0
        while True:
            rows = await self.db.fetchall(
                f"SELECT {_TICKET_COLUMNS} FROM tickets WHERE id > ? ORDER BY id LIMIT ?",
                (last_id, batch),
            )
            if not rows:
                return
            tickets = [ticket_from_row(r) for r in rows]
            last_id = tickets[-1].id
            report_rows = await self.db.fetchall(
                "SELECT * FROM reports WHERE ticket_id BETWEEN ? AND ? ORDER BY id",
                (tickets[0].id, last_id),
            )
            by_ticket: dict[int, list[Report]] = {}
            for r in report_rows:
                by_ticket.setdefault(r["ticket_id"], []).append(_report_from_row(r))
            for ticket in tickets:
                yield ticket, by_ticket.get(ticket.id, [])

    # -- changes --------------------------------------------------------------------------
    async def assign(
        self, ticket_id: int, chat_id: int, assignee: Person, actor: Person, at: datetime
    ) -> Ticket:
        async with self.db.transaction() as conn:
            ticket = await self._scoped(conn, ticket_id, chat_id)
            status = next_status(ticket.status, Action.ASSIGN)
            await conn.execute(
                "UPDATE tickets SET status = ?, assignee_id = ?, assignee_name = ?, updated_at = ? "
                "WHERE id = ?",
                (status.value, assignee.id, assignee.name, to_db_time(at), ticket_id),
            )
            await _insert_event(conn, ticket_id, actor, "assign", at, assignee.name)
            return await _select_ticket(conn, ticket_id)

    async def mark_done(
        self, ticket_id: int, chat_id: int, note: str | None, actor: Person, at: datetime
    ) -> Ticket:
        async with self.db.transaction() as conn:
            ticket = await self._scoped(conn, ticket_id, chat_id)
            status = next_status(ticket.status, Action.DONE)
            assignee_id = ticket.assignee_id if ticket.assignee_id is not None else actor.id
            assignee_name = ticket.assignee_name or actor.name
            await conn.execute(
                "UPDATE tickets SET status = ?, done_at = ?, done_note = ?, assignee_id = ?, "
                "assignee_name = ?, updated_at = ? WHERE id = ?",
                (
                    status.value,
                    to_db_time(at),
                    note,
                    assignee_id,
                    assignee_name,
                    to_db_time(at),
                    ticket_id,
                ),
            )
            await _insert_event(conn, ticket_id, actor, "done", at, note)
            return await _select_ticket(conn, ticket_id)

    async def _scoped(self, conn: aiosqlite.Connection, ticket_id: int, chat_id: int) -> Ticket:
        ticket = await _select_ticket(conn, ticket_id)
        if ticket.chat_id != chat_id:
            raise TicketNotFound(ticket_id)
        return ticket

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> int:
        """A group became a supergroup: its tickets and reports follow it. Returns tickets moved."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE tickets SET chat_id = ? WHERE chat_id = ?", (new_chat_id, old_chat_id)
            )
            await conn.execute(
                "UPDATE OR IGNORE reports SET chat_id = ? WHERE chat_id = ?",
                (new_chat_id, old_chat_id),
            )
            return cursor.rowcount

    # -- acknowledgements -----------------------------------------------------------------
    async def pending_acks(self, chat_id: int | None = None) -> list[PendingAck]:
        """Reports not yet acknowledged, oldest first (all groups when chat_id is None)."""
        where = "r.ack_state = 'pending'" + (" AND r.chat_id = ?" if chat_id is not None else "")
        params: tuple[Any, ...] = (chat_id,) if chat_id is not None else ()
        columns = ", ".join(f"t.{c.strip()}" for c in _TICKET_COLUMNS.split(","))
        rows = await self.db.fetchall(
            f"SELECT r.id, r.chat_id, r.message_id, "
            f"r.id = (SELECT min(id) FROM reports WHERE ticket_id = t.id), {columns} "
            f"FROM reports r JOIN tickets t ON t.id = r.ticket_id WHERE {where} ORDER BY r.id",
            params,
        )
        return [
            PendingAck(r[0], r[1], r[2], ticket_from_row(tuple(r)[4:]), bool(r[3])) for r in rows
        ]

    async def mark_acked(self, report_ids: Sequence[int], ack_message_id: int | None) -> None:
        async with self.db.transaction() as conn:
            await conn.executemany(
                "UPDATE reports SET ack_state = 'sent', ack_message_id = ? WHERE id = ?",
                [(ack_message_id, rid) for rid in report_ids],
            )

    async def reporters(self, ticket_id: int) -> list[Person]:
        """Everyone who reported this ticket, once each, first reporter first."""
        rows = await self.db.fetchall(
            "SELECT user_id, display_name, min(id) AS first FROM reports WHERE ticket_id = ? "
            "GROUP BY coalesce(user_id, -id) ORDER BY first",
            (ticket_id,),
        )
        return [Person(r[0], r[1]) for r in rows]
