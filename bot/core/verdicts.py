"""Each household's verdict on a done ticket, and what the verdicts together do to it. Pure.

A ticket may be reported by several households. After /done each of them is asked; every
verdict is kept (one per household, the latest counts) until the rating window ends:

- the first 不满意 sends the ticket back to its worker; later verdicts in that round are kept;
- when every household has answered 满意 or 基本满意, the ticket closes at once;
- otherwise it stays done, still asking those who have not answered, and closes when the
  window ends with the verdicts it has;
- a household that said 不满意 by mistake may change its mind: when no 不满意 is left the
  ticket is done again (or closes, if everyone is pleased).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from bot.core.tickets import Rating, Status

__all__ = ["VerdictEffect", "Verdicts", "verdict_effect"]

_ORDER = (Rating.DISSATISFIED, Rating.BASICALLY_SATISFIED, Rating.SATISFIED)


class VerdictEffect(StrEnum):
    """What one more verdict does to the ticket (the values are stored as outcomes)."""

    CLOSED = "closed"  # every household pleased
    REOPENED = "reopened"  # the first 不满意 of the round: back to the worker
    RECORDED = "recorded"  # kept; the ticket waits for the others (or is being redone)
    CHANGED = "changed"  # a mind changed after 不满意: nobody unhappy left, done again
    UNCHANGED = "unchanged"  # the same verdict again


@dataclass(frozen=True)
class Verdicts:
    """This round's verdicts (since the last /done), by household."""

    by_household: Mapping[int | None, Rating]
    households: frozenset[int | None]

    @property
    def rated(self) -> int:
        return len(self.by_household)

    @property
    def pleased(self) -> int:
        return sum(1 for rating in self.by_household.values() if rating.closes)

    @property
    def unhappy(self) -> bool:
        return any(not rating.closes for rating in self.by_household.values())

    @property
    def waiting(self) -> frozenset[int | None]:
        """Households still to answer."""
        return self.households - self.by_household.keys()

    @property
    def everyone_pleased(self) -> bool:
        return not self.waiting and not self.unhappy and bool(self.by_household)

    @property
    def summary(self) -> Rating | None:
        """The ticket's verdict as one word: the least pleased of those given."""
        given = set(self.by_household.values())
        return next((rating for rating in _ORDER if rating in given), None)

    def with_verdict(self, household: int | None, rating: Rating) -> Verdicts:
        return Verdicts({**self.by_household, household: rating}, self.households)


def verdict_effect(status: Status, before: Verdicts, after: Verdicts) -> VerdictEffect:
    """What the verdict that turned `before` into `after` does to a ticket in `status`
    (which is done, or active after a 不满意 of this round: `permissions.check_rate`)."""
    if before.by_household == after.by_household:
        return VerdictEffect.UNCHANGED
    if after.unhappy:
        return VerdictEffect.REOPENED if status is Status.DONE else VerdictEffect.RECORDED
    if after.everyone_pleased:
        return VerdictEffect.CLOSED
    return VerdictEffect.CHANGED if status.is_active else VerdictEffect.RECORDED
