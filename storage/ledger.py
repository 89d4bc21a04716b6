"""The ledger's SQL: tickets for a ledger (with group titles) and the bulk import."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from bot.ledger import (
    SYNTHETIC_CHAT_BASE,
    ImportedTicket,
    assign_numbers,
    synthetic_message_id,
)
from bot.tickets import Status, Ticket
from storage.db import Database, to_db_time
from storage.rows import TICKET_COLUMNS, ticket_from_row

__all__ = ["ImportClash", "ImportOutcome", "LedgerStore"]

IMPORTED_NAME = "（台账导入）"
_SOLVED = (Status.DONE, Status.CLOSED)


class ImportClash(ValueError):
    """The database already holds tickets (or messages) the file brings again."""

    def __init__(self, ticket_ids: Sequence[int] = (), message: str | None = None) -> None:
        self.ticket_ids = tuple(ticket_ids)
        shown = "、".join(f"#{i}" for i in self.ticket_ids[:10])
        more = f" 等 {len(self.ticket_ids)} 件" if len(self.ticket_ids) > 10 else ""
        super().__init__(
            message
            or f"数据库里已经有编号 {shown}{more} 的诉求，未导入任何数据。"
            "请导入到空数据库，或者清空台账里的编号列，让它们得到新编号。"
        )


@dataclass(frozen=True)
class ImportOutcome:
    tickets: int
    reports: int
    new_groups: int
    first_id: int | None
    last_id: int | None


class LedgerStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading --------------------------------------------------------------------------
    async def group_titles(self) -> dict[int, str]:
        rows = await self.db.fetchall("SELECT chat_id, title FROM chats WHERE title IS NOT NULL")
        return {r[0]: r[1] for r in rows}

    async def iter_tickets(
        self, start: datetime | None = None, end: datetime | None = None, batch: int = 1000
    ) -> AsyncIterator[Ticket]:
        """Tickets in id order, all or those reported in [start, end), read in batches."""
        where, span = "", ()
        if start is not None and end is not None:
            where, span = (
                "AND created_at >= ? AND created_at < ?",
                (
                    to_db_time(start),
                    to_db_time(end),
                ),
            )
        last_id = 0
        while True:
            rows = await self.db.fetchall(
                f"SELECT {TICKET_COLUMNS} FROM tickets WHERE id > ? {where} ORDER BY id LIMIT ?",
                (last_id, *span, batch),
            )
            if not rows:
                return
            for row in rows:
                yield ticket_from_row(row)
            last_id = rows[-1][0]

    # -- importing ------------------------------------------------------------------------
    async def import_tickets(
        self, tickets: Sequence[ImportedTicket], now: datetime
    ) -> ImportOutcome:
        """Store validated tickets in ONE transaction: all of them, or none (ImportClash)."""
        async with self.db.transaction() as conn:
            numbered = assign_numbers(tickets, await self._first_free(conn, tickets))
            await self._refuse_clashes(conn, numbered)
            chat_ids, new_groups = await self._resolve_groups(conn, numbered, now)
            await conn.executemany(
                f"INSERT INTO tickets ({TICKET_COLUMNS}) VALUES ({', '.join('?' * 24)})",
                (_ticket_row(t, chat_ids) for t in numbered),
            )
            reports = _report_rows(numbered, chat_ids)
            try:
                await conn.executemany(
                    "INSERT INTO reports (ticket_id, chat_id, message_id, user_id, display_name, "
                    "text, received_at, ack_state) VALUES (?, ?, ?, ?, ?, ?, ?, 'none')",
                    reports,
                )
            except aiosqlite.IntegrityError:
                raise ImportClash(
                    message="数据库里已经有文件中的某些群消息（同一条消息只能属于一件诉求），"
                    "未导入任何数据。请导入到空数据库。"
                ) from None
            await conn.executemany(
                "INSERT INTO events (ticket_id, actor_id, actor_name, action, at, detail) "
                "VALUES (?, ?, NULL, ?, ?, ?)",
                _event_rows(numbered),
            )
        ids = [t.id for t in numbered if t.id is not None]
        return ImportOutcome(
            tickets=len(numbered),
            reports=sum(len(t.reports) for t in numbered),
            new_groups=new_groups,
            first_id=min(ids, default=None),
            last_id=max(ids, default=None),
        )

    async def _first_free(
        self, conn: aiosqlite.Connection, tickets: Sequence[ImportedTicket]
    ) -> int:
        """New numbers follow every number used so far, in the database and in the file."""
        async with conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM tickets), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'tickets'), 0))"
        ) as cursor:
            row = await cursor.fetchone()
        used = int(row[0]) if row else 0
        return max(used, max((t.id for t in tickets if t.id is not None), default=0)) + 1

    async def _refuse_clashes(
        self, conn: aiosqlite.Connection, tickets: Sequence[ImportedTicket]
    ) -> None:
        ids = [t.id for t in tickets if t.id is not None]
        if not ids:
            return
        async with conn.execute(
            "SELECT id FROM tickets WHERE id BETWEEN ? AND ? ORDER BY id", (min(ids), max(ids))
        ) as cursor:
            existing = {r[0] for r in await cursor.fetchall()}
        clashes = sorted(existing.intersection(ids))
        if clashes:
            raise ImportClash(clashes)

    async def _resolve_groups(
        self, conn: aiosqlite.Connection, tickets: Sequence[ImportedTicket], now: datetime
    ) -> tuple[dict[str, int], int]:
        """Group names → chat ids: a known group by its title, else a new (ledger-only) group."""
        names = {t.group for t in tickets if t.group is not None}
        if not names:
            return {}, 0
        async with conn.execute(
            "SELECT chat_id, title FROM chats WHERE title IS NOT NULL ORDER BY updated_at, chat_id"
        ) as cursor:
            known = {r[1]: r[0] for r in await cursor.fetchall()}
        async with conn.execute("SELECT min(chat_id) FROM chats") as cursor:
            row = await cursor.fetchone()
        next_id = min(SYNTHETIC_CHAT_BASE, row[0] if row and row[0] is not None else 0) - 1
        found = {name: known[name] for name in names if name in known}
        new = []
        for name in sorted(names - found.keys()):
            found[name] = next_id
            new.append((next_id, name, to_db_time(now), to_db_time(now)))
            next_id -= 1
        await conn.executemany(
            "INSERT INTO chats (chat_id, title, kind, active, first_seen_at, updated_at) "
            "VALUES (?, ?, 'ledger', 0, ?, ?)",
            new,
        )
        return found, len(new)


def _chat_of(ticket: ImportedTicket, chat_ids: dict[str, int]) -> int:
    if ticket.chat_id is not None:
        return ticket.chat_id
    assert ticket.group is not None
    return chat_ids[ticket.group]


def _ticket_row(ticket: ImportedTicket, chat_ids: dict[str, int]) -> tuple[Any, ...]:
    """Columns in TICKET_COLUMNS order. A done ticket counts as taken when it was done (as
    /done does), and a closed one as closed then: the file does not say more."""
    first = ticket.reports[0] if ticket.reports else None
    solved = ticket.status in _SOLVED
    return (
        ticket.id,
        _chat_of(ticket, chat_ids),
        ticket.category,
        ticket.status.value,
        ticket.location,
        int(ticket.urgent),
        ticket.summary,
        to_db_time(ticket.created_at),
        to_db_time(ticket.updated_at),
        ticket.assignee_id,
        ticket.assignee_name,
        to_db_time(ticket.done_at),
        ticket.done_note,
        first.user_id if first else None,
        None,
        ticket.households,
        to_db_time(ticket.due_at),
        ticket.team,
        ticket.escalation_level,
        ticket.rating,
        to_db_time(ticket.done_at) if ticket.status is Status.CLOSED else None,
        0,
        None,
        to_db_time(ticket.done_at) if solved else None,
    )


def _report_rows(
    tickets: Sequence[ImportedTicket], chat_ids: dict[str, int]
) -> Iterator[tuple[Any, ...]]:
    """Every report, acknowledged already; a ledger row's own report gets a negative id."""
    for ticket in tickets:
        assert ticket.id is not None
        chat_id = _chat_of(ticket, chat_ids)
        for report in ticket.reports:
            yield (
                ticket.id,
                report.chat_id if report.chat_id is not None else chat_id,
                report.message_id
                if report.message_id is not None
                else synthetic_message_id(ticket.id),
                report.user_id,
                IMPORTED_NAME if report.message_id is None else "",
                report.text,
                to_db_time(report.received_at),
            )


def _event_rows(tickets: Sequence[ImportedTicket]) -> Iterator[tuple[Any, ...]]:
    """The history an imported ticket starts with: received (imported), and done."""
    for ticket in tickets:
        first = ticket.reports[0] if ticket.reports else None
        actor = first.user_id if first else None
        yield ticket.id, actor, "create", to_db_time(ticket.created_at), "台账导入"
        if ticket.done_at is not None:
            yield (
                ticket.id,
                ticket.assignee_id,
                "done",
                to_db_time(ticket.done_at),
                ticket.done_note,
            )
