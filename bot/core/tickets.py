"""Tickets as the domain sees them: records, statuses, the allowed moves, deadlines. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.core.categories import CATEGORIES

__all__ = [
    "Action",
    "DeadlinePolicy",
    "Event",
    "Person",
    "Rating",
    "Report",
    "Status",
    "Ticket",
    "TransitionError",
    "next_status",
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
        return self in (Status.OPEN, Status.ASSIGNED)

    @property
    def is_finished(self) -> bool:
        return self in (Status.DONE, Status.CLOSED, Status.CANCELLED)


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


class TransitionError(ValueError):
    """The move is not allowed from the ticket's status; `reason` is a key into texts."""

    def __init__(self, status: Status, action: Action) -> None:
        super().__init__(f"cannot {action} a ticket that is {status}")
        self.status = status
        self.action = action


_ALLOWED: Mapping[Action, frozenset[Status]] = {
    Action.ASSIGN: frozenset({Status.OPEN, Status.ASSIGNED}),
    Action.DONE: frozenset({Status.OPEN, Status.ASSIGNED}),
    Action.CLOSE: frozenset({Status.DONE}),
    Action.REOPEN: frozenset({Status.DONE, Status.CLOSED}),
    Action.CANCEL: frozenset({Status.OPEN, Status.ASSIGNED}),
}


def next_status(current: Status, action: Action, *, has_assignee: bool = False) -> Status:
    """The status after `action`, or TransitionError when the move is not allowed."""
    if current not in _ALLOWED[action]:
        raise TransitionError(current, action)
    if action is Action.ASSIGN:
        return Status.ASSIGNED
    if action is Action.DONE:
        return Status.DONE
    if action is Action.CLOSE:
        return Status.CLOSED
    if action is Action.CANCEL:
        return Status.CANCELLED
    return Status.ASSIGNED if has_assignee else Status.OPEN


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

    @property
    def time_limit(self) -> timedelta | None:
        """How long the ticket was given (its deadline measured from its creation)."""
        return self.due_at - self.created_at if self.due_at else None

    def is_overdue(self, now: datetime) -> bool:
        return self.status.is_active and self.due_at is not None and now > self.due_at

    def age(self, now: datetime) -> timedelta:
        return now - self.created_at


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

    def due_at(self, created_at: datetime, category: str, urgent: bool) -> datetime:
        if urgent:
            return created_at + timedelta(hours=self.urgent_hours)
        hours = (self.hours_by_category or {}).get(category, self.default_hours)
        return created_at + timedelta(hours=hours)

    def team(self, category: str) -> str:
        return (self.team_by_category or {}).get(category, self.default_team)
