"""The ledger's SQL: tickets for a ledger (with group titles) and the bulk import."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import datetime

from bot.core.tickets import Ticket
from bot.ledger.rows import ImportedTicket
from storage.db import Database, to_db_time
from storage.ledger_import import (
    IMPORTED_NAME,
    ImportClash,
    ImportOutcome,
    PreparedBlock,
    import_stream,
)
from storage.rows import TICKET_COLUMNS, ticket_from_row

__all__ = ["IMPORTED_NAME", "ImportClash", "ImportOutcome", "LedgerStore", "PreparedBlock"]


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
    async def import_stream(
        self, chunks: Iterable[Sequence[ImportedTicket]], now: datetime
    ) -> ImportOutcome:
        """Store tickets as they are parsed, in ONE transaction: all, or none (see
        `storage.ledger_import`)."""
        return await import_stream(self.db, map(PreparedBlock.of, chunks), now)

    async def import_blocks(self, blocks: Iterable[PreparedBlock], now: datetime) -> ImportOutcome:
        """The same for tickets whose rows were built already (`bot.ledger.parallel`)."""
        return await import_stream(self.db, blocks, now)

    async def import_tickets(
        self, tickets: Sequence[ImportedTicket], now: datetime
    ) -> ImportOutcome:
        """Store validated tickets in ONE transaction: all of them, or none (ImportClash)."""
        return await self.import_stream([tickets], now)
