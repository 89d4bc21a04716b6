"""The bulk import of a ledger: tickets written as they are parsed, in ONE transaction.

Memory stays flat however long the file: each chunk is checked, turned into rows and
written before the next is read. (Overlapping the parsing of one chunk with the writing of
the last in two threads was measured slower: both need Python's lock.) Into an empty
database the secondary indexes are dropped and built again once at the end: one sort
instead of a million scattered index inserts. Rows without a number wait until the end and
are numbered after every number used in the database and in the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import aiosqlite

from bot.ledger import SYNTHETIC_CHAT_BASE, ImportedTicket, synthetic_message_id
from bot.tickets import Status
from storage.db import Database, to_db_time
from storage.rows import TICKET_COLUMNS

__all__ = ["IMPORTED_NAME", "ImportClash", "ImportOutcome", "import_stream"]

IMPORTED_NAME = "（台账导入）"
_SOLVED = (Status.DONE, Status.CLOSED)
_BULK_TABLES = ("tickets", "reports", "events")
_INSERT_TICKET = f"INSERT INTO tickets ({TICKET_COLUMNS}) VALUES ({', '.join('?' * 24)})"
_INSERT_REPORT = (
    "INSERT INTO reports (ticket_id, chat_id, message_id, user_id, display_name, text, "
    "received_at, ack_state) VALUES (?, ?, ?, ?, ?, ?, ?, 'none')"
)
_INSERT_EVENT = (
    "INSERT INTO events (ticket_id, actor_id, actor_name, action, at, detail) "
    "VALUES (?, ?, NULL, ?, ?, ?)"
)
_INSERT_GROUP = (
    "INSERT INTO chats (chat_id, title, kind, active, first_seen_at, updated_at) "
    "VALUES (?, ?, 'ledger', 0, ?, ?)"
)
_REPEATED_MESSAGES = (
    "数据库里已经有文件中的某些群消息（同一条消息只能属于一件诉求），"
    "未导入任何数据。请导入到空数据库。"
)


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


@dataclass
class _Batch:
    """The rows of one chunk, ready for `executemany`."""

    groups: list[tuple[Any, ...]] = field(default_factory=list)
    tickets: list[tuple[Any, ...]] = field(default_factory=list)
    reports: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)


class _Import:
    """What one import knows as it goes: groups by name, numbers used, clashes found."""

    def __init__(self, conn: aiosqlite.Connection, now: datetime) -> None:
        self.conn = conn
        self.now = to_db_time(now)
        self.groups: dict[str, int] = {}
        self.next_group_id = SYNTHETIC_CHAT_BASE - 1
        self.highest_used = 0
        self.existing_up_to = 0  # numbers at or below this may clash with stored tickets
        self.clashes: list[int] = []
        self.waiting: list[ImportedTicket] = []  # rows without a number
        self.tickets = self.reports = self.new_groups = 0
        self.first_id: int | None = None
        self.last_id: int | None = None
        self.dropped_indexes: list[str] = []

    async def begin(self) -> None:
        self.highest_used = int(
            await self._value(
                "SELECT max(coalesce((SELECT max(id) FROM tickets), 0), "
                "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'tickets'), 0))"
            )
            or 0
        )
        self.existing_up_to = int(await self._value("SELECT max(id) FROM tickets") or 0)
        async with self.conn.execute(
            "SELECT chat_id, title FROM chats WHERE title IS NOT NULL ORDER BY updated_at, chat_id"
        ) as cursor:
            self.groups = {r[1]: r[0] for r in await cursor.fetchall()}
        lowest = await self._value("SELECT min(chat_id) FROM chats")
        self.next_group_id = min(SYNTHETIC_CHAT_BASE, lowest if lowest is not None else 0) - 1
        if await self._nothing_stored():
            self.dropped_indexes = await self._drop_indexes()

    async def finish(self) -> None:
        for sql in self.dropped_indexes:
            await self.conn.execute(sql)

    async def _value(self, sql: str) -> Any:
        async with self.conn.execute(sql) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def _nothing_stored(self) -> bool:
        for table in _BULK_TABLES:
            if await self._value(f"SELECT EXISTS (SELECT 1 FROM {table})"):
                return False
        return True

    async def _drop_indexes(self) -> list[str]:
        """Drop the bulk tables' own indexes (not those behind UNIQUE); their CREATE statements."""
        marks = ", ".join("?" * len(_BULK_TABLES))
        async with self.conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks})",
            _BULK_TABLES,
        ) as cursor:
            indexes = [(r[0], r[1]) for r in await cursor.fetchall()]
        for name, _ in indexes:
            await self.conn.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in indexes]

    # -- per chunk --------------------------------------------------------------------------
    async def find_clashes(self, numbered: Sequence[ImportedTicket]) -> None:
        """Numbers of this chunk that stored tickets already have (only they can clash: the
        parser refuses a number repeated within the file)."""
        ids = [t.id for t in numbered if t.id is not None and t.id <= self.existing_up_to]
        if not ids:
            return
        async with self.conn.execute(
            "SELECT id FROM tickets WHERE id BETWEEN ? AND ? ORDER BY id", (min(ids), max(ids))
        ) as cursor:
            stored = {r[0] for r in await cursor.fetchall()}
        self.clashes.extend(sorted(stored.intersection(ids)))

    def rows(self, tickets: Sequence[ImportedTicket]) -> _Batch:
        batch = _Batch()
        for ticket in tickets:
            assert ticket.id is not None
            chat_id = ticket.chat_id if ticket.chat_id is not None else self._group(ticket, batch)
            batch.tickets.append(_ticket_row(ticket, chat_id))
            batch.reports.extend(_report_rows(ticket, chat_id))
            batch.events.extend(_event_rows(ticket))
            self.first_id = ticket.id if self.first_id is None else min(self.first_id, ticket.id)
            self.last_id = ticket.id if self.last_id is None else max(self.last_id, ticket.id)
        self.tickets += len(batch.tickets)
        self.reports += len(batch.reports)
        return batch

    def _group(self, ticket: ImportedTicket, batch: _Batch) -> int:
        """A known group by its title, else a new (ledger-only) group made for the name."""
        assert ticket.group is not None
        chat_id = self.groups.get(ticket.group)
        if chat_id is None:
            chat_id = self.groups[ticket.group] = self.next_group_id
            self.next_group_id -= 1
            self.new_groups += 1
            batch.groups.append((chat_id, ticket.group, self.now, self.now))
        return chat_id

    async def write(self, batch: _Batch) -> None:
        await self.conn.executemany(_INSERT_GROUP, batch.groups)
        await self.conn.executemany(_INSERT_TICKET, batch.tickets)
        try:
            await self.conn.executemany(_INSERT_REPORT, batch.reports)
        except aiosqlite.IntegrityError:
            raise ImportClash(message=_REPEATED_MESSAGES) from None
        await self.conn.executemany(_INSERT_EVENT, batch.events)

    def number_the_rest(self) -> list[ImportedTicket]:
        """Rows without 编号 get new numbers after every number used, in file order."""
        numbered = []
        next_id = self.highest_used + 1
        for ticket in self.waiting:
            numbered.append(replace(ticket, id=next_id))
            next_id += 1
        return numbered


async def import_stream(
    db: Database, chunks: Iterable[Sequence[ImportedTicket]], now: datetime
) -> ImportOutcome:
    """Store validated tickets chunk by chunk in ONE transaction: all of them, or none
    (ImportClash, or whatever error the chunks raise, e.g. LedgerError for a bad row)."""
    async with db.transaction() as conn:
        state = _Import(conn, now)
        await state.begin()
        for chunk in chunks:  # the file is read and checked as the chunks are pulled
            with_id = [t for t in chunk if t.id is not None]
            state.waiting.extend(t for t in chunk if t.id is None)
            state.highest_used = max([state.highest_used, *(t.id for t in with_id)])
            await state.find_clashes(with_id)
            if not state.clashes:  # after a clash, read on only to name every clash
                await state.write(state.rows(with_id))
        if state.clashes:
            raise ImportClash(state.clashes)
        await state.write(state.rows(state.number_the_rest()))
        await state.finish()
    return ImportOutcome(
        state.tickets, state.reports, state.new_groups, state.first_id, state.last_id
    )


def _ticket_row(ticket: ImportedTicket, chat_id: int) -> tuple[Any, ...]:
    """Columns in TICKET_COLUMNS order. A done ticket counts as taken when it was done (as
    /done does), and a closed one as closed then: the file does not say more."""
    first = ticket.reports[0] if ticket.reports else None
    done_at = to_db_time(ticket.done_at)
    return (
        ticket.id,
        chat_id,
        ticket.category,
        ticket.status.value,
        ticket.location,
        int(ticket.urgent),
        ticket.summary,
        to_db_time(ticket.created_at),
        to_db_time(ticket.updated_at),
        ticket.assignee_id,
        ticket.assignee_name,
        done_at,
        ticket.done_note,
        first.user_id if first else None,
        None,
        ticket.households,
        to_db_time(ticket.due_at),
        ticket.team,
        ticket.escalation_level,
        ticket.rating,
        done_at if ticket.status is Status.CLOSED else None,
        0,
        None,
        done_at if ticket.status in _SOLVED else None,
    )


def _report_rows(ticket: ImportedTicket, chat_id: int) -> Iterator[tuple[Any, ...]]:
    """Every report, acknowledged already; a ledger row's own report gets a negative id."""
    assert ticket.id is not None
    for report in ticket.reports:
        yield (
            ticket.id,
            report.chat_id if report.chat_id is not None else chat_id,
            report.message_id if report.message_id is not None else synthetic_message_id(ticket.id),
            report.user_id,
            IMPORTED_NAME if report.message_id is None else "",
            report.text,
            to_db_time(report.received_at),
        )


def _event_rows(ticket: ImportedTicket) -> Iterator[tuple[Any, ...]]:
    """The history an imported ticket starts with: received (imported), and done."""
    first = ticket.reports[0] if ticket.reports else None
    actor = first.user_id if first else None
    yield ticket.id, actor, "create", to_db_time(ticket.created_at), "台账导入"
    if ticket.done_at is not None:
        yield ticket.id, ticket.assignee_id, "done", to_db_time(ticket.done_at), ticket.done_note
