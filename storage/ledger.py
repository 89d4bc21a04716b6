"""The ledger's SQL: tickets for a ledger (with group titles) and the bulk import."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import datetime
from functools import partial

from bot.core.imported import ImportedTicket
from bot.core.tickets import Report, Ticket
from storage.db import to_db_time
from storage.ledger_import import (
    ImportClash,
    ImportOutcome,
    PreparedBlock,
    import_stream,
)
from storage.rows import TICKET_COLUMNS, report_from_row, ticket_from_row
from storage.sql import Door

__all__ = ["ImportClash", "ImportOutcome", "LedgerStore", "PreparedBlock"]


class LedgerStore:
    def __init__(self, db: Door) -> None:
        self.db = db

    # -- reading --------------------------------------------------------------------------
    async def _batches(
        self, start: datetime | None, end: datetime | None, batch: int
    ) -> AsyncIterator[list[Ticket]]:
        where = ""
        span: tuple[str | None, ...] = ()
        if start is not None and end is not None:
            where = "AND created_at >= ? AND created_at < ?"
            span = (to_db_time(start), to_db_time(end))
        last_id = 0
        while True:
            rows = await self.db.fetchall(
                f"SELECT {TICKET_COLUMNS} FROM tickets WHERE id > ? {where} ORDER BY id LIMIT ?",
                (last_id, *span, batch),
            )
            if not rows:
                return
            yield [ticket_from_row(row) for row in rows]
            last_id = rows[-1]["id"]

    async def iter_tickets(
        self, start: datetime | None = None, end: datetime | None = None, batch: int = 1000
    ) -> AsyncIterator[Ticket]:
        """Tickets in id order, all or those reported in [start, end), read in batches."""
        async for tickets in self._batches(start, end, batch):
            for ticket in tickets:
                yield ticket

    async def iter_with_reports(
        self, start: datetime | None = None, end: datetime | None = None, batch: int = 500
    ) -> AsyncIterator[tuple[Ticket, list[Report]]]:
        """Every ticket (reported in [start, end), if given) with its reports, in id order,
        read in batches (for exports)."""
        async for tickets in self._batches(start, end, batch):
            rows = await self.db.fetchall(
                "SELECT * FROM reports WHERE ticket_id BETWEEN ? AND ? ORDER BY id",
                (tickets[0].id, tickets[-1].id),
            )
            by_ticket: dict[int, list[Report]] = {}
            for row in rows:
                by_ticket.setdefault(row["ticket_id"], []).append(report_from_row(row))
            for ticket in tickets:
                yield ticket, by_ticket.get(ticket.id, [])

    # -- importing ------------------------------------------------------------------------
    async def import_stream(
        self, chunks: Iterable[Sequence[ImportedTicket]], now: datetime
    ) -> ImportOutcome:
        """Store tickets as they are parsed, in ONE transaction: all, or none (see
        `storage.ledger_import`)."""
        return await self.import_blocks(map(PreparedBlock.of, chunks), now)

    async def import_blocks(self, blocks: Iterable[PreparedBlock], now: datetime) -> ImportOutcome:
        """The same for tickets whose rows were built already (`bot.ledger.parallel`)."""
        return await self.db.write(partial(import_stream, blocks=blocks, now=now))
