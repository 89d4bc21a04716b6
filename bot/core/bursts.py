"""One problem told in many groups at once (a storm's outage, a district's water cut): the
office should see one event, not a dozen unrelated tickets."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from bot.core.tickets import Ticket

__all__ = ["BURST_CATEGORIES", "BURST_GROUPS", "BURST_WINDOW", "DONE_AT_ONCE", "burst", "may_burst"]

BURST_WINDOW = timedelta(hours=1)  # the tickets opened within this long of each other
BURST_GROUPS = 3  # in at least this many groups
DONE_AT_ONCE = 20  # tickets one /done closes at most (/done 1、2、5 已恢复供电)
# What one cause can take from many buildings at once: the supply of power and of water. Noise,
# lifts or rubbish in three groups in an hour are three neighbourhoods' problems, not one.
BURST_CATEGORIES = frozenset({"power", "water"})


def may_burst(ticket: Ticket, recent: Sequence[Ticket]) -> bool:
    """Whether a ticket just opened may start or grow a burst: of a shared supply, and the first
    open one of its category in its group among `recent` (a second one there changes no
    group's line of the office's notice)."""
    if ticket.category not in BURST_CATEGORIES:
        return False
    return not any(
        t.chat_id == ticket.chat_id and t.category == ticket.category and t.id < ticket.id
        for t in recent
    )


def burst(recent: Sequence[Ticket], category: str) -> list[Ticket] | None:
    """The open tickets of `category` among `recent` (those opened within BURST_WINDOW), oldest
    first, when they come from at least BURST_GROUPS groups — else None. Only a shared supply
    (BURST_CATEGORIES) makes one, and a ticket merged into another is counted there."""
    if category not in BURST_CATEGORIES:
        return None
    same = sorted(
        (
            t
            for t in recent
            if t.category == category and t.merged_into is None and t.status.is_active
        ),
        key=lambda t: (t.created_at, t.id),
    )
    return same if len({t.chat_id for t in same}) >= BURST_GROUPS else None
