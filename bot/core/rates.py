"""The three rates hotlines are judged by (接诉即办 三率): response, resolution, satisfaction.

All three are computed over a cohort: the tickets *created* in a period (a day, the last 30
days), leaving out cancelled ones (withdrawn, not a complaint, merged into another).

- 响应率 (response): tickets taken by a worker within the response limit (default 2 h for urgent,
  from when it became urgent; 24 h for others, from filing) ÷ tickets that were taken, or whose
  response limit has passed.
- 解决率 (resolution): tickets done or closed ÷ tickets that are done or closed, or whose own
  deadline has passed (those that fell due).
- 满意率 (satisfaction): households that answered 满意 or 基本满意 ÷ households that gave a
  verdict (each household of a ticket counts; a ticket's latest round of verdicts counts, and
  none while it is redone after a /reopen: `standing_verdicts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.tickets import SOLVED_STATUSES, Status, Ticket, standing_verdicts

__all__ = ["Rate", "ResponseLimits", "ThreeRates", "three_rates"]

_PLEASED = ("satisfied", "basically_satisfied")


@dataclass(frozen=True)
class Rate:
    numerator: int = 0
    denominator: int = 0

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.numerator + other.numerator, self.denominator + other.denominator)


@dataclass(frozen=True)
class ResponseLimits:
    urgent: timedelta = timedelta(hours=2)
    normal: timedelta = timedelta(hours=24)

    def respond_by(self, ticket: Ticket) -> datetime:
        """When a worker should have taken the ticket: the normal limit from its filing, or,
        once it is urgent, the urgent limit from when it became so, if that comes first (a
        lift taken five hours after it was reported broken, an hour after a neighbour was
        trapped in it, responded in time)."""
        by = ticket.created_at + self.normal
        if ticket.urgent:
            by = min(by, (ticket.urgent_at or ticket.created_at) + self.urgent)
        return by


@dataclass(frozen=True)
class ThreeRates:
    response: Rate
    resolution: Rate
    satisfaction: Rate


def _verdicts(ticket: Ticket) -> Rate:
    """Pleased households over households that answered, of the verdicts that still stand (not
    a 满意 its reporter took back with /reopen); a ticket rated before households were counted
    (an old ledger) is one household."""
    rating, rated, pleased = standing_verdicts(ticket)
    if rated:
        return Rate(pleased, rated)
    if rating is not None:
        return Rate(int(rating in _PLEASED), 1)
    return Rate()


def three_rates(tickets: Iterable[Ticket], now: datetime, limits: ResponseLimits) -> ThreeRates:
    response = resolution = satisfaction = Rate()
    for ticket in tickets:
        if ticket.status is Status.CANCELLED:
            continue
        by = limits.respond_by(ticket)
        in_time = ticket.assigned_at is not None and ticket.assigned_at <= by
        if in_time or now >= by:
            response += Rate(int(in_time), 1)
        solved = ticket.status in SOLVED_STATUSES
        if solved or (ticket.due_at is not None and ticket.due_at <= now):
            resolution += Rate(int(solved), 1)
        satisfaction += _verdicts(ticket)
    return ThreeRates(response, resolution, satisfaction)
