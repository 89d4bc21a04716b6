"""Imported tickets as the rows `storage.ledger_import` writes: pure, no database, so a worker
process can build them while the importing process writes. An imported ticket's times are
already UTC text in the stored form (`bot.timeutil.utc_text`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.core.imported import IMPORTED_NAME, ImportedTicket, synthetic_message_id
from bot.core.tickets import SOLVED_STATUSES, Detail, Status

__all__ = ["PreparedBlock"]


@dataclass
class PreparedBlock:
    """Tickets of a file as rows ready for `executemany`, and the good tickets that still need
    something from the database: a new number, or the id of a group known by its name."""

    ids: list[int] = field(default_factory=list)  # the numbers of the tickets rows below
    groups: list[tuple[Any, ...]] = field(default_factory=list)
    tickets: list[tuple[Any, ...]] = field(default_factory=list)
    reports: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    unprepared: list[ImportedTicket] = field(default_factory=list)

    @classmethod
    def of(cls, tickets: Iterable[ImportedTicket]) -> PreparedBlock:
        block = cls()
        for ticket in tickets:
            block.add(ticket)
        return block

    def add(self, ticket: ImportedTicket) -> None:
        if ticket.id is None or ticket.chat_id is None or ticket.group is not None:
            self.unprepared.append(ticket)
        else:
            self.add_rows(ticket, ticket.id, ticket.chat_id)

    def add_rows(self, ticket: ImportedTicket, number: int, chat_id: int) -> None:
        """The rows of ticket `number` in group `chat_id`. A done ticket counts as taken when it
        was done (as /done does) unless the file says when it was taken (接单时间), and a
        closed one as closed then. Every report counts as acknowledged; a ledger row's own
        report gets a negative message id."""
        created_at, done_at = ticket.created_at, ticket.done_at
        solved = ticket.status in SOLVED_STATUSES
        reporter = ticket.reports[0].user_id if ticket.reports else None
        self.ids.append(number)
        self.tickets.append(
            (
                number,
                chat_id,
                ticket.category,
                ticket.status.value,
                ticket.location,
                int(ticket.urgent),
                ticket.summary,
                created_at,
                ticket.updated_at,
                ticket.assignee_id,
                ticket.assignee_name,
                done_at,
                ticket.done_note,
                reporter,
                ticket.households,
                ticket.due_at,
                ticket.team,
                ticket.escalation_level,
                ticket.rating,
                done_at if ticket.status is Status.CLOSED else None,
                ticket.assigned_at or (done_at if solved else None),
                ticket.households_rated,
                ticket.households_pleased,
            )
        )
        for report in ticket.reports:
            self.reports.append(
                (
                    number,
                    report.chat_id if report.chat_id is not None else chat_id,
                    report.message_id
                    if report.message_id is not None
                    else synthetic_message_id(number),
                    report.user_id,
                    IMPORTED_NAME if report.message_id is None else "",
                    report.text,
                    report.received_at,
                    int(report.staff),
                )
            )
        self.events.append((number, reporter, None, "create", created_at, Detail.FROM_LEDGER.value))
        if done_at is not None:
            self.events.append(
                (number, ticket.assignee_id, None, "done", done_at, ticket.done_note)
            )
