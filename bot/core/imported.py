"""A ticket brought in from a ledger file (台账) or an export, validated and ready to store.

Its times are UTC text as the database keeps them (2026-11-03T01:00:00+00:00): they sort in
time order, and a million rows need not be formatted again to be stored. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.tickets import Status

__all__ = [
    "IMPORTED_NAME",
    "MAX_COUNT",
    "MAX_ID",
    "MAX_TICKET_ID",
    "SYNTHETIC_CHAT_BASE",
    "ImportedReport",
    "ImportedTicket",
    "UtcText",
    "synthetic_message_id",
]

# Telegram ids have at most 52 significant bits: groups made for a ledger's unknown group
# names get ids beyond that (and within JSON's exact integers), so they never meet a real one.
SYNTHETIC_CHAT_BASE = -(2**52)

# What the database's columns hold, alike on both engines: ids (tickets, chats, people,
# messages) are 64-bit, counts (households, 督办 levels) 32-bit as PostgreSQL's INTEGER keeps
# them (SQLite's would take more: the engines would disagree). A file's number past these is
# its row's problem, named, never the insert's overflow.
MAX_ID = 2**63 - 1
MAX_COUNT = 2**31 - 1
# A ticket's own number: new tickets are numbered on from the highest, so an import leaves them
# room (one at 2**63 - 1 would have every later complaint refused, "database or disk is full")
MAX_TICKET_ID = 9 * 10**18


def synthetic_message_id(ticket_id: int) -> int:
    """The report made for a ledger row: Telegram message ids are positive, these negative."""
    return -ticket_id


UtcText = str

# The name a ledger row's reporter is stored under (the file does not say who it was).
IMPORTED_NAME = "（台账导入）"


@dataclass(frozen=True, slots=True)
class ImportedReport:
    """A message that raised or joined a ticket; chat and message None for a ledger row."""

    chat_id: int | None
    message_id: int | None
    user_id: int | None
    text: str
    received_at: UtcText
    staff: bool = False  # filed by a worker in their own words: no household


@dataclass(frozen=True, slots=True)
class ImportedTicket:
    """A ticket read from a file, valid, ready to store (id None: give it a new number)."""

    line: int
    id: int | None
    chat_id: int | None  # a group by its id; with `group` too, the title may win (its 群 cell)
    group: str | None  # a group by its title
    category: str
    status: Status
    location: str | None
    urgent: bool
    summary: str
    households: int
    created_at: UtcText
    team: str | None
    assignee_id: int | None
    assignee_name: str | None
    due_at: UtcText | None
    done_at: UtcText | None
    done_note: str | None
    rating: str | None
    escalation_level: int
    reports: tuple[ImportedReport, ...]
    households_rated: int = 0  # households that gave a verdict …
    households_pleased: int = 0  # … and those of them who were pleased
    assigned_at: UtcText | None = None  # when a worker took it (a file from before: unknown)

    @property
    def message_keys(self) -> tuple[tuple[int, int], ...]:
        """(chat, message) of each report that came from a group message."""
        return tuple(
            (r.chat_id, r.message_id)
            for r in self.reports
            if r.chat_id is not None and r.message_id is not None
        )

    @property
    def updated_at(self) -> UtcText:
        moments = [self.created_at, *(r.received_at for r in self.reports)]
        if self.done_at is not None:
            moments.append(self.done_at)
        return max(moments)
