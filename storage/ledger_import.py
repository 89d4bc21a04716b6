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
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.core.imported import SYNTHETIC_CHAT_BASE, ImportedTicket
from storage.chats import retired_id
from storage.db import to_db_time
from storage.dialect import (
    bulk_indexes,
    highest_ticket_number,
    integrity_errors,
    numbers_follow_ids,
)
from storage.ledger_rows import PreparedBlock
from storage.rows import INSERT_EVENT
from storage.sql import Conn

__all__ = [
    "ImportClash",
    "ImportOutcome",
    "PreparedBlock",
    "drop_bulk_indexes",
    "import_stream",
]

_BULK_TABLES = ("tickets", "reports", "events")
# Every column an imported ticket sets (the rest keep their defaults: NULL, or 0 for reopened).
_TICKET_COLUMNS = (
    "id, chat_id, category, status, location, urgent, summary, created_at, updated_at, "
    "assignee_id, assignee_name, done_at, done_note, reporter_id, households, due_at, team, "
    "escalation_level, rating, closed_at, assigned_at, households_rated, households_pleased"
)
_INSERT_TICKET = f"INSERT INTO tickets ({_TICKET_COLUMNS}) VALUES ({', '.join('?' * 23)})"
_INSERT_REPORT = (
    "INSERT INTO reports (ticket_id, chat_id, message_id, user_id, display_name, text, "
    "received_at, ack_state, staff) VALUES (?, ?, ?, ?, ?, ?, ?, 'none', ?)"
)
_INSERT_GROUP = (
    "INSERT INTO chats (chat_id, title, kind, active, first_seen_at, updated_at) "
    "VALUES (?, ?, 'ledger', 0, ?, ?)"
)


class ImportClash(ValueError):
    """The database already holds tickets (`ticket_ids`) or group messages (`messages`) the
    file brings again; nothing was imported (`bot.texts` says so to the office)."""

    def __init__(self, ticket_ids: Sequence[int] = (), *, messages: bool = False) -> None:
        self.ticket_ids = tuple(ticket_ids)
        self.messages = messages
        what = "group messages" if messages else f"ticket numbers {list(self.ticket_ids[:10])}"
        super().__init__(f"the database already holds {what} of the file; nothing imported")


@dataclass(frozen=True)
class ImportOutcome:
    tickets: int
    reports: int
    new_groups: int
    first_id: int | None
    last_id: int | None


def drop_bulk_indexes(conn: Conn) -> list[str]:
    """Drop the own indexes (not those behind UNIQUE) of tickets, reports and events; their
    CREATE statements, to build them again once after a bulk load (a sort, not a million
    scattered index inserts)."""
    indexes = bulk_indexes(conn, _BULK_TABLES)
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in indexes]


class _Import:
    """What one import knows as it goes: groups by name, numbers used, clashes found."""

    def __init__(self, conn: Conn, now: datetime) -> None:
        self.conn = conn
        self.now = to_db_time(now)
        self.groups: dict[str, int] = {}
        self.known_chats: set[int] = set()
        self.moved: dict[int, int] = {}  # a group that became a supergroup: the supergroup
        self.next_group_id = SYNTHETIC_CHAT_BASE - 1
        self.highest_used = 0
        self.existing_up_to = 0  # numbers at or below this may clash with stored tickets
        self.clashes: list[int] = []
        self.waiting: list[ImportedTicket] = []  # rows without a number
        self.tickets = self.reports = self.new_groups = 0
        self.first_id: int | None = None
        self.last_id: int | None = None
        self.dropped_indexes: list[str] = []

    def begin(self) -> None:
        self.highest_used = highest_ticket_number(self.conn)
        self.existing_up_to = int(self._value("SELECT max(id) FROM tickets") or 0)
        rows = self.conn.execute(
            "SELECT chat_id, title FROM chats WHERE title IS NOT NULL AND moved_to IS NULL "
            "ORDER BY updated_at, chat_id"  # a group that became a supergroup: the supergroup
        )
        self.groups = {r["title"]: r["chat_id"] for r in rows}
        self.known_chats = {r[0] for r in self.conn.execute("SELECT chat_id FROM chats")}
        self.moved = _moves(self.conn)
        lowest = self._value("SELECT min(chat_id) FROM chats")
        self.next_group_id = min(SYNTHETIC_CHAT_BASE, lowest if lowest is not None else 0) - 1
        if self._nothing_stored():
            self.dropped_indexes = drop_bulk_indexes(self.conn)

    def finish(self) -> None:
        for sql in self.dropped_indexes:
            self.conn.execute(sql)
        numbers_follow_ids(self.conn)

    def _value(self, sql: str) -> Any:
        row = self.conn.execute(sql).fetchone()
        return row[0] if row else None

    def _nothing_stored(self) -> bool:
        return not any(
            self._value(f"SELECT EXISTS (SELECT 1 FROM {table})") for table in _BULK_TABLES
        )

    # -- per chunk --------------------------------------------------------------------------
    def find_clashes(self, ids: Sequence[int]) -> None:
        """Numbers of this block that stored tickets already have (only they can clash: the
        file checks refuse a number repeated within the file)."""
        ids = [i for i in ids if i <= self.existing_up_to]
        if not ids:
            return
        rows = self.conn.execute(
            "SELECT id FROM tickets WHERE id BETWEEN ? AND ? ORDER BY id", (min(ids), max(ids))
        )
        stored = {r["id"] for r in rows}
        self.clashes.extend(sorted(stored.intersection(ids)))

    def complete(self, block: PreparedBlock, tickets: Sequence[ImportedTicket]) -> None:
        """Rows for numbered tickets that were waiting for a group id, added to the block."""
        for ticket in tickets:
            assert ticket.id is not None
            chat_id = ticket.chat_id
            # 群 "-12345": a chat id, unless it is the title of a group known (by no chat id)
            if chat_id is None or (chat_id not in self.known_chats and ticket.group in self.groups):
                chat_id = self._group(ticket, block)
            block.add_rows(ticket, ticket.id, chat_id)

    def _group(self, ticket: ImportedTicket, block: PreparedBlock) -> int:
        """A known group by its title, else a new (ledger-only) group made for the name."""
        assert ticket.group is not None
        chat_id = self.groups.get(ticket.group)
        if chat_id is None:
            chat_id = self.groups[ticket.group] = self.next_group_id
            self.next_group_id -= 1
            self.new_groups += 1
            block.groups.append((chat_id, ticket.group, self.now, self.now))
        return chat_id

    def write(self, block: PreparedBlock) -> None:
        if self.moved:
            self._follow_moves(block)
        self.known_chats.update(row[0] for row in block.groups)  # made for a ledger's names
        for chat_id in {row[1] for row in block.tickets} - self.known_chats:
            # a group of Yuanzi's own export, known by its id: the digest and the desk know it
            block.groups.append((chat_id, None, self.now, self.now))
            self.new_groups += 1
            self.known_chats.add(chat_id)
        self.conn.executemany(_INSERT_GROUP, block.groups)
        self.conn.executemany(_INSERT_TICKET, block.tickets)
        try:
            self.conn.executemany(_INSERT_REPORT, block.reports)
        except integrity_errors():
            raise ImportClash(messages=True) from None
        self.conn.executemany(INSERT_EVENT, block.events)
        if block.ids:
            low, high = min(block.ids), max(block.ids)
            self.first_id = low if self.first_id is None else min(self.first_id, low)
            self.last_id = high if self.last_id is None else max(self.last_id, high)
        self.tickets += len(block.tickets)
        self.reports += len(block.reports)

    def _follow_moves(self, block: PreparedBlock) -> None:
        """Rows naming a group by the id it had before it became a supergroup land where
        `ChatStore.move` took the group's own: its tickets and reports in the supergroup, the
        old group's message ids retired (`retired_id`)."""
        moved = self.moved
        block.tickets = [(t[0], moved[t[1]], *t[2:]) if t[1] in moved else t for t in block.tickets]
        block.reports = [
            (r[0], moved[r[1]], retired_id(r[2]), *r[3:]) if r[1] in moved else r
            for r in block.reports
        ]

    def number_the_rest(self) -> list[ImportedTicket]:
        """Rows without 编号 get new numbers after every number used, in file order."""
        numbered = []
        next_id = self.highest_used + 1
        for ticket in self.waiting:
            numbered.append(replace(ticket, id=next_id))
            next_id += 1
        return numbered


def _moves(conn: Conn) -> dict[int, int]:
    """Each group that moved, by its old id: the supergroup it is now (a move of a move too)."""
    step = {
        r[0]: r[1]
        for r in conn.execute("SELECT chat_id, moved_to FROM chats WHERE moved_to IS NOT NULL")
    }
    final = {}
    for old in step:
        new, seen = step[old], {old}
        while new in step and new not in seen:
            seen.add(new)
            new = step[new]
        final[old] = new
    return final


def import_stream(conn: Conn, blocks: Iterable[PreparedBlock], now: datetime) -> ImportOutcome:
    """Store validated tickets block by block in the writer's ONE transaction: all of them, or
    none (ImportClash, or whatever error the blocks raise, e.g. LedgerError for a bad row).
    The file is read, checked and turned into rows as the blocks are pulled."""
    state = _Import(conn, now)
    state.begin()
    with _closing(blocks) as pulled:  # a reader stops at once (its workers too) on error
        for block in pulled:
            numbered = [t for t in block.unprepared if t.id is not None]
            state.waiting.extend(t for t in block.unprepared if t.id is None)
            ids = block.ids + [t.id for t in numbered if t.id is not None]
            state.highest_used = max([state.highest_used, *ids])
            state.find_clashes(ids)
            if not state.clashes:  # after a clash, read on only to name every clash
                state.complete(block, numbered)
                state.write(block)
    if state.clashes:
        raise ImportClash(state.clashes)
    rest = PreparedBlock()
    state.complete(rest, state.number_the_rest())
    state.write(rest)
    state.finish()
    return ImportOutcome(
        state.tickets, state.reports, state.new_groups, state.first_id, state.last_id
    )


@contextmanager
def _closing(blocks: Iterable[PreparedBlock]) -> Iterator[Iterator[PreparedBlock]]:
    """The blocks' iterator, closed on the way out if it can be (a generator can)."""
    pulled = iter(blocks)
    try:
        yield pulled
    finally:
        close = getattr(pulled, "close", None)
        if close is not None:
            close()
