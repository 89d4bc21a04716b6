"""Tickets as the domain sees them: records, statuses, the allowed moves, deadlines. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.core.categories import CATEGORIES

__all__ = [
    "ACTIVE_STATUSES",
    "SOLVED_STATUSES",
    "Action",
    "DeadlinePolicy",
    "Detail",
    "Event",
    "Person",
    "Rating",
    "Refusal",
    "Report",
    "Status",
    "Ticket",
    "TicketNotFound",
    "TransitionError",
    "complaints",
    "next_status",
    "solved_result",
    "standing_verdicts",
    "transition",
]


class Status(StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    DONE = "done"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def is_active(self) -> bool:
        """Still waiting for someone to act (shown in /list, counted as in progress)."""
        return self in ACTIVE_STATUSES

    @property
    def is_solved(self) -> bool:
        """Done or closed: a ticket reopened as not fixed is not, though it keeps the time of
        the /done its reporter rejected (`done_at`, so that its lesson is recorded once)."""
        return self in SOLVED_STATUSES


# The one definition of "active" and of "solved": storage builds its SQL filters from them.
ACTIVE_STATUSES: frozenset[Status] = frozenset({Status.OPEN, Status.ASSIGNED})
SOLVED_STATUSES: frozenset[Status] = frozenset({Status.DONE, Status.CLOSED})


class Rating(StrEnum):
    """The reporter's verdict on a done ticket."""

    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"

    @property
    def closes(self) -> bool:
        return self is not Rating.DISSATISFIED


class Action(StrEnum):
    ASSIGN = "assign"
    DONE = "done"
    CLOSE = "close"
    REOPEN = "reopen"
    CANCEL = "cancel"
    NOTE = "note"
    RESTORE = "restore"  # a cancelled ticket back to work: withdrawn by mistake


class Refusal(Exception):
    """A rule of the loop says no. Every refusal has a polite answer (`texts.refusal`)."""


class TicketNotFound(Refusal, LookupError):
    """No ticket with that number (in that group)."""

    def __init__(self, ticket_id: int) -> None:
        super().__init__(ticket_id)
        self.ticket_id = ticket_id


class TransitionError(Refusal, ValueError):
    """The move is not allowed from the ticket's status (the ticket, when known, names it)."""

    def __init__(self, status: Status, action: Action, ticket: Ticket | None = None) -> None:
        super().__init__(f"cannot {action} a ticket that is {status}")
        self.status = status
        self.action = action
        self.ticket = ticket


_ALLOWED: Mapping[Action, frozenset[Status]] = {
    Action.ASSIGN: ACTIVE_STATUSES,
    Action.DONE: ACTIVE_STATUSES,
    Action.CLOSE: frozenset({Status.DONE}),
    Action.REOPEN: SOLVED_STATUSES,
    Action.CANCEL: ACTIVE_STATUSES,
    Action.NOTE: frozenset(Status) - {Status.CANCELLED},
    Action.RESTORE: frozenset({Status.CANCELLED}),
}


def allowed(current: Status, action: Action) -> bool:
    """May `action` be taken on a ticket in status `current`?"""
    return current in _ALLOWED[action]


def next_status(current: Status, action: Action, *, has_assignee: bool = False) -> Status:
    """The status after `action`, or TransitionError when the move is not allowed."""
    if not allowed(current, action):
        raise TransitionError(current, action)
    if action is Action.ASSIGN:
        return Status.ASSIGNED
    if action is Action.DONE:
        return Status.DONE
    if action is Action.CLOSE:
        return Status.CLOSED
    if action is Action.CANCEL:
        return Status.CANCELLED
    if action is Action.NOTE:
        return current
    return Status.ASSIGNED if has_assignee else Status.OPEN


def transition(ticket: Ticket, action: Action) -> Status:
    """`next_status` for a ticket; the refusal names the ticket."""
    try:
        return next_status(ticket.status, action, has_assignee=ticket.assignee_id is not None)
    except TransitionError as exc:
        raise TransitionError(exc.status, exc.action, ticket) from None


@dataclass(frozen=True)
class Person:
    """Someone acting on a ticket: a resident, a grid worker, an admin."""

    id: int | None
    name: str
    username: str | None = None


@dataclass(frozen=True)
class Ticket:
    """One problem in one group, raised by one or more reports."""

    id: int
    chat_id: int
    category: str
    status: Status
    location: str | None
    urgent: bool
    summary: str
    created_at: datetime
    updated_at: datetime
    assignee_id: int | None = None
    assignee_name: str | None = None
    done_at: datetime | None = None
    done_note: str | None = None
    reporter_id: int | None = None
    reporter_name: str | None = None
    households: int = 1
    due_at: datetime | None = None
    team: str | None = None
    rating: str | None = None
    escalation_level: int = 0
    closed_at: datetime | None = None
    reopened: int = 0
    merged_into: int | None = None
    assigned_at: datetime | None = None
    households_rated: int = 0  # households that gave a verdict since the last /done …
    households_pleased: int = 0  # … and those of them who were pleased (满意, 基本满意)
    urgent_at: datetime | None = None  # when it became urgent (None: not urgent, or not known)

    def is_overdue(self, now: datetime) -> bool:
        return self.status.is_active and self.due_at is not None and now > self.due_at

    def age(self, now: datetime) -> timedelta:
        return now - self.created_at

    @property
    def follows_edits(self) -> bool:
        """Its report edited into another problem, it follows the new words (category,
        place): nobody has taken it yet and no neighbour joined it."""
        return self.status is Status.OPEN and self.households <= 1


def solved_result(ticket: Ticket) -> tuple[datetime | None, str | None]:
    """When and how a ticket was solved (办结时间, 办理结果) as the ledger shows it: nothing
    while it is not solved (one reopened as not fixed keeps its rejected /done's time)."""
    return (ticket.done_at, ticket.done_note) if ticket.status.is_solved else (None, None)


def standing_verdicts(ticket: Ticket) -> tuple[str | None, int, int]:
    """The verdicts on a ticket's work that still stand (满意度, households that gave one, those
    pleased), as the rates and the ledger count them: none once it was reopened other than by a
    不满意 (its reporter said 又坏了 after 满意: the work is being redone, and the verdicts of
    its next /done will count); a 不满意 that reopened it stands until then."""
    if ticket.status.is_solved or ticket.rating == Rating.DISSATISFIED.value:
        return ticket.rating, ticket.households_rated, ticket.households_pleased
    return None, 0, 0


def complaints(tickets: Iterable[Ticket], *, merged: bool = False) -> list[Ticket]:
    """The complaints among tickets, as every count of them takes them (the digest, the look
    back, the hotspots, the monthly report): none withdrawn or found not to be one; one merged
    into another kept only if `merged` (else it is counted in the one it joined)."""
    return [
        t
        for t in tickets
        if t.status is not Status.CANCELLED or (merged and t.merged_into is not None)
    ]


@dataclass(frozen=True)
class Report:
    """One group message that raised or joined a ticket."""

    id: int
    ticket_id: int
    chat_id: int
    message_id: int
    user_id: int | None
    display_name: str
    text: str
    received_at: datetime
    edited_at: datetime | None = None
    staff: bool = False  # a worker's or admin's own words: no household (not asked to rate)


class Detail(StrEnum):
    """What the system writes in a history line it makes itself (texts say it in Chinese)."""

    UNRATED = "unrated"  # closed: nobody rated it in time
    RATING_ENDED = "rating_ended"  # closed: the rating window ended with some verdicts
    DISSATISFIED = "dissatisfied"  # reopened: a reporter was not satisfied
    FROM_LEDGER = "ledger"  # created: brought in from a ledger file
    FORMER_WORKER = "former_worker"  # released: its worker is no longer on the roster


@dataclass(frozen=True)
class Event:
    """One line of a ticket's history."""

    ticket_id: int
    actor_id: int | None
    actor_name: str | None
    action: str
    at: datetime
    detail: str | None = None


@dataclass(frozen=True)
class DeadlinePolicy:
    """How long a ticket may take, from its category and urgency, and who is responsible."""

    urgent_hours: int = 2
    default_hours: int = 72
    hours_by_category: Mapping[str, int] | None = None
    team_by_category: Mapping[str, str] | None = None
    default_team: str = "社区网格站"

    @classmethod
    def shipped(cls) -> DeadlinePolicy:
        return cls(
            hours_by_category={c.id: c.due_hours for c in CATEGORIES},
            team_by_category={c.id: c.team for c in CATEGORIES},
        )

    def limit(self, category: str, urgent: bool) -> timedelta:
        """The time limit (办理时限) of a ticket of `category`, urgent or not, as configured:
        what each handling round is given, the first and every one after a reopen."""
        if urgent:
            return timedelta(hours=self.urgent_hours)
        return timedelta(hours=(self.hours_by_category or {}).get(category, self.default_hours))

    def due_at(self, start: datetime, category: str, urgent: bool) -> datetime:
        """The deadline of a handling round that started at `start` (the filing, a reopen)."""
        return start + self.limit(category, urgent)

    def recategorised_due(self, ticket: Ticket, category: str, since: datetime) -> datetime | None:
        """The deadline of a ticket given another category during its handling round that
        started at `since` (its filing, or its latest reopen): the new category's limit from
        then, not from its filing (a ticket reopened days ago would be overdue at once). An
        urgent ticket keeps its deadline (the urgent limit is no category's), and so does one
        no longer being handled."""
        if not ticket.status.is_active or ticket.urgent:
            return ticket.due_at
        return self.due_at(since, category, urgent=False)

    def team(self, category: str) -> str:
        return (self.team_by_category or {}).get(category, self.default_team)
