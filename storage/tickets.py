"""Tickets and their reports: filing (with merging), reading, acknowledgements."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial

from bot.core.tickets import (
    DeadlinePolicy,
    Event,
    Person,
    Rating,
    Report,
    Ticket,
    TicketNotFound,
)
from storage import filing
from storage.acks import PendingAck, mark_acked, pending_ack, pending_acks_query
from storage.acted import AlreadyActed, once
from storage.db import from_db_time, to_db_time
from storage.filing import Filing, NewReport
from storage.rows import (
    ACTIVE,
    DONE_ROUND,
    HAS_REPORT_FROM,
    TICKET_COLUMNS,
    event_from_row,
    insert_event,
    report_from_row,
    ticket_from_row,
)
from storage.sql import Door
from storage.ticket_lists import TicketLists

__all__ = [
    "COUNT_ACTIVE",
    "GET_TICKET",
    "HISTORY",
    "LIST_ACTIVE",
    "Filing",
    "NewReport",
    "PendingAck",
    "TicketStore",
]

_T_COLUMNS = ", ".join(f"t.{c.strip()}" for c in TICKET_COLUMNS.split(","))
# What /list and /ticket read (the benchmark's baseline runs the very same).
GET_TICKET = f"SELECT {TICKET_COLUMNS} FROM tickets WHERE id = ?"
# A group's active tickets: raised there, and those its reports were merged into (few: found by
# the partial index on merged tickets, not by reading the group's whole history of reports).
_MERGED_FROM = "SELECT merged_into FROM tickets WHERE chat_id = ? AND merged_into IS NOT NULL"
_OF_GROUP = (
    f"SELECT {TICKET_COLUMNS} FROM tickets WHERE chat_id = ? AND {ACTIVE} "
    f"UNION ALL SELECT {TICKET_COLUMNS} FROM tickets WHERE id IN ({_MERGED_FROM}) "
    f"AND chat_id <> ? AND {ACTIVE}"
)
LIST_ACTIVE = f"{_OF_GROUP} ORDER BY urgent DESC, households DESC, id LIMIT ?"
COUNT_ACTIVE = f"SELECT count(*) AS n FROM ({_OF_GROUP}) AS mine"
# A ticket's reports (from one group, or all when the group is NULL), the first of each
# household only (a report without an author is a household of its own; a worker's own is none).
_FIRST_OF_HOUSEHOLD = (
    "r.ticket_id = ? AND r.staff = 0 AND (? IS NULL OR r.chat_id = ?) "
    "AND r.id = (SELECT min(o.id) FROM reports o "
    "WHERE o.ticket_id = r.ticket_id AND o.staff = 0 AND (? IS NULL OR o.chat_id = ?) "
    "AND coalesce(o.user_id, -o.id) = coalesce(r.user_id, -r.id))"
)
# Report r of ticket t was said in the topic asked of (its message_thread_id, 0: General), in a
# group with topics: a bare "+1" there is about what was said in it, not in another topic.
_IN_TOPIC = (
    "(NOT EXISTS (SELECT 1 FROM chats c WHERE c.chat_id = t.chat_id AND c.forum = 1) "
    "OR (r.chat_id = t.chat_id AND coalesce(r.thread_id, 0) = ?))"
)
# When ticket t was last told of (in that topic): its newest report or reopening ("没修好"; of
# one reported there). Parameters: the topic, twice.
_HEARD_AT = (
    "(SELECT max(h.at) FROM (SELECT r.received_at AS at FROM reports r WHERE r.ticket_id = t.id "
    f"AND {_IN_TOPIC} UNION ALL SELECT e.at FROM events e WHERE e.ticket_id = t.id "
    "AND e.action = 'reopen' AND EXISTS (SELECT 1 FROM reports r WHERE r.ticket_id = t.id "
    f"AND {_IN_TOPIC})) AS h)"
)
HISTORY = (
    "SELECT ticket_id, actor_id, actor_name, action, at, detail FROM events "
    "WHERE ticket_id = ? ORDER BY id"
)


class TicketStore(TicketLists):
    """Filing and reading tickets (the lists of whose and which are late: `TicketLists`);
    changes to them are in `storage.ticket_actions`."""

    def __init__(
        self,
        db: Door,
        policy: DeadlinePolicy | None = None,
        merge_window: timedelta = timedelta(days=7),
    ) -> None:
        self.db = db
        self.policy = policy or DeadlinePolicy.shipped()
        self.merge_window = merge_window

    # -- intake ---------------------------------------------------------------------------
    async def file_report(self, new: NewReport, *, into: int | None = None) -> Filing:
        """Store a complaint: it joins an open ticket about the same problem or opens one.

        `into` names the ticket a "me too" is about (when it is still open). A message filed
        before (a replayed update) is returned as it was, never filed twice.
        """
        return await self.db.write(
            partial(
                filing.file_report, new=new, into=into, policy=self.policy, window=self.merge_window
            )
        )

    async def ticket_of_message(self, chat_id: int, message_id: int) -> Ticket | None:
        """The ticket a group message raised or joined, or the one a bot acknowledgement named."""
        row = await self.db.fetchone(
            f"SELECT {_T_COLUMNS} FROM reports r JOIN tickets t ON t.id = r.ticket_id "
            "WHERE r.chat_id = ? AND (r.message_id = ? OR r.ack_message_id = ?) "
            "ORDER BY r.id LIMIT 2",
            (chat_id, message_id, message_id),
        )
        return ticket_from_row(row) if row else None

    async def urgent_among(self, ticket_ids: Sequence[int]) -> bool:
        """Whether any of these tickets is urgent (a number no longer found is not)."""
        marks = ", ".join("?" for _ in ticket_ids) or "NULL"
        sql = f"SELECT 1 FROM tickets WHERE urgent = 1 AND id IN ({marks}) LIMIT 1"
        return bool(ticket_ids) and await self.db.fetchone(sql, tuple(ticket_ids)) is not None

    async def latest_active(
        self, chat_id: int, since: datetime, thread_id: int | None = None
    ) -> Ticket | None:
        """The group's most recently reported open ticket, if reported (or reopened: "没修好")
        after `since` — a worker taking or noting an older ticket does not make it the one a
        bare "+1" is about. In a group with topics, reported in topic `thread_id` (None:
        General): a "+1" there is not about another topic's problem."""
        topic = thread_id or 0
        row = await self.db.fetchone(
            f"SELECT {TICKET_COLUMNS} FROM (SELECT {TICKET_COLUMNS}, {_HEARD_AT} AS heard_at "
            f"FROM tickets t WHERE chat_id = ? AND {ACTIVE}) AS open_tickets "
            "WHERE heard_at >= ? ORDER BY heard_at DESC, id DESC LIMIT 1",
            (topic, topic, chat_id, to_db_time(since)),
        )
        return ticket_from_row(row) if row else None

    async def heard_at(self, ticket_id: int, thread_id: int | None = None) -> datetime | None:
        """When the ticket was last told of: its newest report or reopening (in a group with
        topics, in topic `thread_id`; None: General)."""
        topic = thread_id or 0
        row = await self.db.fetchone(
            f"SELECT {_HEARD_AT} AS at FROM tickets t WHERE id = ?", (topic, topic, ticket_id)
        )
        return from_db_time(row["at"]) if row else None

    async def update_report_text(
        self, chat_id: int, message_id: int, text: str, at: datetime, beside: bool = False
    ) -> Report | None:
        """An edited message that is a report: keep the new text (`beside` the reported one:
        words that report nothing). None when it is no report."""
        return await self.db.write(
            partial(filing.edit_report, key=(chat_id, message_id), text=text, at=at, beside=beside)
        )

    # -- reading --------------------------------------------------------------------------
    async def alarm_acknowledged(self, ticket_id: int) -> bool:
        """Whether the group was answered about the ticket's danger: the acknowledgement of the
        report it hears the danger on (its first urgent one, else its first) was posted — not
        that of the problem a danger joined later ("电梯坏了", answered this morning)."""
        row = await self.db.fetchone(
            "SELECT 1 AS found FROM reports WHERE ack_state = 'sent' AND id = COALESCE("
            "(SELECT min(id) FROM reports WHERE ticket_id = ? AND urgent = 1), "
            "(SELECT min(id) FROM reports WHERE ticket_id = ?))",
            (ticket_id, ticket_id),
        )
        return row is not None

    async def get(self, ticket_id: int, chat_id: int | None = None) -> Ticket:
        """The ticket; with `chat_id`, only if it belongs to that group (else TicketNotFound)."""
        row = await self.db.fetchone(GET_TICKET, (ticket_id,))
        if row is None:
            raise TicketNotFound(ticket_id)
        elsewhere = chat_id is not None and row["chat_id"] != chat_id
        if elsewhere and await self.db.fetchone(HAS_REPORT_FROM, (ticket_id, chat_id)) is None:
            raise TicketNotFound(ticket_id)  # neither raised there nor merged in from there
        return ticket_from_row(row)

    async def other_groups(self, ticket: Ticket) -> list[int]:
        """Groups other than the ticket's own whose reports were merged into it."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT chat_id FROM reports WHERE ticket_id = ? AND chat_id != ? "
            "ORDER BY chat_id",
            (ticket.id, ticket.chat_id),
        )
        return [row["chat_id"] for row in rows]

    async def list_active(self, chat_id: int, limit: int = 50) -> list[Ticket]:
        """Open and assigned tickets of one group (with those its reports were merged into):
        urgent first, then most households, oldest."""
        rows = await self.db.fetchall(LIST_ACTIVE, (chat_id, chat_id, chat_id, limit))
        return [ticket_from_row(r) for r in rows]

    async def count_active(self, chat_id: int) -> int:
        row = await self.db.fetchone(COUNT_ACTIVE, (chat_id, chat_id, chat_id))
        return int(row["n"]) if row else 0

    async def ticket_of_ack(self, chat_id: int, message_id: int) -> list[int]:
        """The tickets an acknowledgement message named (one, or several for a batch)."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT ticket_id FROM reports WHERE chat_id = ? AND ack_message_id = ?",
            (chat_id, message_id),
        )
        return [r["ticket_id"] for r in rows]

    async def history(self, ticket_id: int) -> list[Event]:
        rows = await self.db.fetchall(HISTORY, (ticket_id,))
        return [event_from_row(r) for r in rows]

    async def note_desk(
        self, ticket_id: int, actor: Person, action: str, at: datetime, origin: str
    ) -> None:
        """A line in the history: `actor` did `action` from the office desk (once per form)."""
        work = partial(insert_event, ticket_id=ticket_id, actor=actor, action="desk", at=at,
                       detail=action)  # fmt: skip
        with contextlib.suppress(AlreadyActed):
            await self.db.write(once(f"{origin}:desk", at, work))

    async def reports_from(self, ticket_id: int, chat_id: int) -> list[Report]:
        """The ticket's reports from one group, oldest first."""
        return [r for r in await self.reports(ticket_id) if r.chat_id == chat_id]

    async def reports(self, ticket_id: int) -> list[Report]:
        rows = await self.db.fetchall(
            "SELECT * FROM reports WHERE ticket_id = ? ORDER BY id", (ticket_id,)
        )
        return [report_from_row(r) for r in rows]

    async def reports_of(self, ticket_ids: Sequence[int]) -> dict[int, list[Report]]:
        """The reports of several tickets at once (a page of the desk's API), by ticket, each
        oldest first: one read for the page, not one per ticket."""
        if not ticket_ids:
            return {}
        marks = ", ".join("?" for _ in ticket_ids)
        rows = await self.db.fetchall(
            f"SELECT * FROM reports WHERE ticket_id IN ({marks}) ORDER BY id", tuple(ticket_ids)
        )
        found: dict[int, list[Report]] = {ticket_id: [] for ticket_id in ticket_ids}
        for row in rows:
            found[row["ticket_id"]].append(report_from_row(row))
        return found

    async def reporters(self, ticket_id: int, chat_id: int | None = None) -> list[Person]:
        """Everyone who reported this ticket (from group `chat_id`, if given), once each, first
        reporter first."""
        rows = await self.db.fetchall(
            f"SELECT r.user_id, r.display_name FROM reports r WHERE {_FIRST_OF_HOUSEHOLD} "
            "ORDER BY r.id",
            (ticket_id, chat_id, chat_id, chat_id, chat_id),
        )
        return [Person(r["user_id"], r["display_name"]) for r in rows]

    async def done_round(self, ticket_id: int) -> int:
        """How many times it was marked done: the round of verdicts now open."""
        row = await self.db.fetchone(DONE_ROUND, (ticket_id,))
        return int(row["n"]) if row else 0

    async def verdict_of(self, ticket_id: int, user_id: int | None) -> Rating | None:
        """The household's verdict of this round, if it gave one."""
        row = await self.db.fetchone(
            "SELECT rating FROM ratings WHERE ticket_id = ? AND user_id = ?", (ticket_id, user_id)
        )
        return Rating(row["rating"]) if row else None

    async def verdicts(
        self, ticket_id: int, chat_id: int | None = None
    ) -> list[tuple[Person, Rating | None]]:
        """Each reporting household (from group `chat_id`, if given) and its verdict of this
        round (None: not given yet)."""
        rows = await self.db.fetchall(
            "SELECT r.user_id, r.display_name, g.rating FROM reports r "
            "LEFT JOIN ratings g ON g.ticket_id = r.ticket_id AND g.user_id = r.user_id "
            f"WHERE {_FIRST_OF_HOUSEHOLD} ORDER BY r.id",
            (ticket_id, chat_id, chat_id, chat_id, chat_id),
        )
        return [
            (Person(r["user_id"], r["display_name"]), Rating(r["rating"]) if r["rating"] else None)
            for r in rows
        ]

    # -- acknowledgements -----------------------------------------------------------------
    async def pending_acks(
        self, chat_id: int | None = None, limit: int | None = None
    ) -> list[PendingAck]:
        """Reports not yet acknowledged (all groups when chat_id is None): a danger's alarm
        first (the report that made its ticket urgent), then oldest first; the first `limit`
        (more than one message can hold: a storm's backlog is not read whole each turn)."""
        sql, params = pending_acks_query(chat_id, limit)
        return [pending_ack(row) for row in await self.db.fetchall(sql, params)]

    async def mark_acked(self, report_ids: Sequence[int], ack_message_id: int | None) -> None:
        await self.db.write(partial(mark_acked, report_ids=report_ids, message_id=ack_message_id))
