"""Read-only queries behind the digest, the look back and the rates."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from bot.core.lookback import held_in
from bot.core.tickets import Ticket
from storage.db import to_db_time
from storage.rows import ACTIVE, SOLVED, TICKET_COLUMNS, ticket_from_row
from storage.sql import Door

__all__ = [
    "CREATED_ANYWHERE",
    "CREATED_IN_GROUP",
    "DONE_IN_GROUP",
    "DONE_MERGED_FROM_GROUP",
    "IN_PROGRESS_IN_GROUP",
    "IN_PROGRESS_MERGED_FROM_GROUP",
    "MergeChains",
    "StatsStore",
]

# (every ticket merged into another on the chains through some tickets, by id; the tickets
# of other periods that hold those merged away): what `bot.core.lookback.first_reported` reads
MergeChains = tuple[dict[int, Ticket], list[Ticket]]
BATCH = 500  # ids asked for at a time


def _tickets_where(where: str) -> str:
    return f"SELECT {TICKET_COLUMNS} FROM tickets WHERE {where} ORDER BY id"


# The queries behind the digest (the benchmark's baseline runs the very same).
CREATED_ANYWHERE = _tickets_where("created_at > ? AND created_at <= ?")
CREATED_IN_GROUP = _tickets_where("chat_id = ? AND created_at > ? AND created_at <= ?")
# a calendar period, as the ledger workbook counts it: from its first instant, not its last
REPORTED_ANYWHERE = _tickets_where("created_at >= ? AND created_at < ?")
REPORTED_IN_GROUP = _tickets_where("chat_id = ? AND created_at >= ? AND created_at < ?")
DONE_IN_GROUP = _tickets_where(f"chat_id = ? AND done_at > ? AND done_at <= ? AND {SOLVED}")
# A 研判 item filed in the period about a message written before it (the ticket keeps the
# resident's time): new to the group now, when it was acknowledged.
FILED_LATE_IN_GROUP = _tickets_where(
    "id IN (SELECT g.ticket_id FROM triage g JOIN reports r ON r.ticket_id = g.ticket_id "
    "AND r.chat_id = g.chat_id AND r.message_id = g.message_id WHERE g.chat_id = ? "
    "AND g.state = 'filed' AND g.decided_at > ? AND g.decided_at <= ? "
    "AND r.id = (SELECT min(o.id) FROM reports o WHERE o.ticket_id = g.ticket_id)) "
    "AND created_at <= ?"
)  # the item made the ticket (its message is the first report), not joined an older one
# Done tickets of other groups that hold this group's reports (merged there): the group was told
# their progress would be announced, so the digest names them too (found by the partial index).
DONE_MERGED_FROM_GROUP = _tickets_where(
    "id IN (SELECT merged_into FROM tickets WHERE chat_id = ? AND merged_into IS NOT NULL) "
    f"AND chat_id <> ? AND done_at > ? AND done_at <= ? AND {SOLVED}"
)
# Other groups' tickets holding this group's reports, open at the moment: /list shows them among
# the group's own, and the digest names them when done (above), so it counts them while open too.
IN_PROGRESS_MERGED_FROM_GROUP = _tickets_where(
    "id IN (SELECT merged_into FROM tickets WHERE chat_id = ? AND merged_into IS NOT NULL) "
    f"AND chat_id <> ? AND ({ACTIVE} OR (done_at > ? AND {SOLVED})) AND created_at <= ?"
)
# Two index ranges (still active; done after the moment) rather than one pass over the group's
# whole history, so the cost follows the active tickets, not the years. (`created_at || ''`
# keeps SQLite from walking the group's whole (chat_id, created_at) index.)
IN_PROGRESS_IN_GROUP = (
    f"SELECT {TICKET_COLUMNS} FROM tickets WHERE chat_id = ? AND {ACTIVE} "
    "AND created_at || '' <= ? "
    f"UNION ALL SELECT {TICKET_COLUMNS} FROM tickets WHERE chat_id = ? AND done_at > ? "
    f"AND {SOLVED} AND created_at || '' <= ? ORDER BY id"
)


class StatsStore:
    def __init__(self, db: Door) -> None:
        self.db = db

    async def _tickets(self, sql: str, params: tuple[object, ...]) -> list[Ticket]:
        return [ticket_from_row(r) for r in await self.db.fetchall(sql, params)]

    async def created_between(
        self, chat_id: int | None, start: datetime, end: datetime
    ) -> list[Ticket]:
        """Tickets reported in (start, end], of one group or (chat_id None) of all."""
        return await self._period(CREATED_ANYWHERE, CREATED_IN_GROUP, chat_id, start, end)

    async def filed_late(self, chat_id: int, start: datetime, end: datetime) -> list[Ticket]:
        """The group's 研判 items filed in (start, end] whose message came before `start`."""
        span = (to_db_time(start), to_db_time(end))
        return await self._tickets(FILED_LATE_IN_GROUP, (chat_id, *span, span[0]))

    async def reported_in(
        self, chat_id: int | None, start: datetime, end: datetime
    ) -> list[Ticket]:
        """Tickets reported in [start, end) — a month, a week —, of one group or of all."""
        return await self._period(REPORTED_ANYWHERE, REPORTED_IN_GROUP, chat_id, start, end)

    async def _period(
        self, anywhere: str, in_group: str, chat_id: int | None, start: datetime, end: datetime
    ) -> list[Ticket]:
        span = (to_db_time(start), to_db_time(end))
        if chat_id is None:
            return await self._tickets(anywhere, span)
        return await self._tickets(in_group, (chat_id, *span))

    async def done_between(self, chat_id: int, start: datetime, end: datetime) -> list[Ticket]:
        """The group's tickets done in the period, and those its reports were merged into."""
        window = (to_db_time(start), to_db_time(end))
        own = await self._tickets(DONE_IN_GROUP, (chat_id, *window))
        return own + await self._tickets(DONE_MERGED_FROM_GROUP, (chat_id, chat_id, *window))

    async def in_progress_at(self, chat_id: int, moment: datetime) -> list[Ticket]:
        """Tickets that were open or being handled at `moment` (as far as can be told now):
        the group's, and those of other groups its reports were merged into (as /list)."""
        at = to_db_time(moment)
        own = await self._tickets(IN_PROGRESS_IN_GROUP, (chat_id, at, chat_id, at, at))
        merged = (chat_id, chat_id, at, at)
        return own + await self._tickets(IN_PROGRESS_MERGED_FROM_GROUP, merged)

    async def tickets_of(self, ids: Collection[int]) -> list[Ticket]:
        """These tickets (those that are there), in id order."""
        return await self._by_ids("id IN ({})", ids)

    async def merged_into(self, ids: Collection[int]) -> list[Ticket]:
        """The tickets merged into any of these: found in the partial index `tickets_merged`
        (the subquery), not by reading every ticket."""
        return await self._by_ids(
            "id IN (SELECT id FROM tickets WHERE merged_into IS NOT NULL AND merged_into IN ({}))",
            ids,
        )

    async def _by_ids(self, where: str, ids: Collection[int]) -> list[Ticket]:
        found: list[Ticket] = []
        numbers = sorted(ids)
        for at in range(0, len(numbers), BATCH):
            part = numbers[at : at + BATCH]
            sql = _tickets_where(where.format(", ".join("?" for _ in part)))
            found += await self._tickets(sql, tuple(part))
        return sorted(found, key=lambda t: t.id)

    async def merge_chains(self, tickets: Sequence[Ticket]) -> MergeChains:
        """The merges through `tickets` (those of a period): the tickets that hold those merged
        away now (a merge of a merge followed to its end), and every ticket merged, earlier or
        later, into any ticket on the way."""
        known = {t.id: t for t in tickets}
        ahead = {t.merged_into for t in tickets if t.merged_into is not None} - known.keys()
        while ahead:  # up: what the period's merged tickets were merged into
            found = await self.tickets_of({i for i in ahead if i is not None})
            known.update((t.id, t) for t in found)
            ahead = {t.merged_into for t in found if t.merged_into is not None} - known.keys()
        below = set(known)
        while below:  # down: what was merged into any of them
            found = [t for t in await self.merged_into(below) if t.id not in known]
            known.update((t.id, t) for t in found)
            below = {t.id for t in found}
        merged = {i: t for i, t in known.items() if t.merged_into is not None}
        ours = {t.id for t in tickets}
        holding = {held_in(t.id, merged) for t in tickets if t.merged_into is not None} - ours
        return merged, [known[i] for i in sorted(holding) if i in known]
