"""One problem told in many groups at once (a storm's outage, a district's water cut): the
office should see one event, not a dozen unrelated tickets."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from bot.core.tickets import Ticket

__all__ = ["BURST_GROUPS", "BURST_WINDOW", "DONE_AT_ONCE", "burst"]

BURST_WINDOW = timedelta(hours=1)  # the tickets opened within this long of each other
BURST_GROUPS = 3  # in at least this many groups
DONE_AT_ONCE = 20  # tickets one /done closes at most (/done 1、2、5 已恢复供电)


def burst(recent: Sequence[Ticket], category: str) -> list[Ticket] | None:
    """The open tickets of `category` among `recent` (those opened within BURST_WINDOW), oldest
    first, when they come from at least BURST_GROUPS groups — else None. "other" is no one
    problem, and a ticket merged into another is counted there."""
    if category == "other":
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
