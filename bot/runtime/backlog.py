"""The schedule's wait, after a start, for the updates sent while the bot was down.

A /done, an /assign or a 研判 press among them was in time: a pass that read the tickets before
they were handled would raise a 督办, remind a worker or file an item for what is already
done. A backlog that never comes (Telegram unreachable at the start) holds the passes only
for `BACKLOG_PATIENCE`: late supervision is better than none. The start's check of the
workers' private chats waits for it too (`backlog_read`): a /start among it counts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

__all__ = ["BACKLOG_PATIENCE", "Backlog", "backlog_read"]

log = logging.getLogger(__name__)

BACKLOG_PATIENCE = timedelta(minutes=10)
_LOOK_EVERY = 0.05  # seconds between two looks at whether the backlog is handled


async def backlog_read(handled: Callable[[], bool]) -> None:
    """Return once `handled()` (the intake's `backlog_handled`) is true, or after
    `BACKLOG_PATIENCE`."""
    loop = asyncio.get_running_loop()
    give_up = loop.time() + BACKLOG_PATIENCE.total_seconds()
    while not handled() and loop.time() < give_up:
        await asyncio.sleep(_LOOK_EVERY)


class Backlog:
    """`caught_up`, asked by each run of the schedule; `handled` is the intake's
    `backlog_handled` (once true, true for good)."""

    def __init__(self, handled: Callable[[], bool]) -> None:
        self.handled = handled
        self._since: datetime | None = None  # when the schedule first asked
        self._over = False

    def caught_up(self, now: datetime) -> bool:
        """Whether the scheduled passes may act on the tickets now: the backlog is handled,
        or it has been waited for long enough (said once in the log)."""
        if self._over:
            return True
        if self.handled():
            self._over = True
        elif self._since is None:
            self._since = now
        elif now - self._since >= BACKLOG_PATIENCE:
            log.warning(
                "the updates sent while the bot was down are still not all handled after %s; "
                "the schedule goes on without them",
                BACKLOG_PATIENCE,
            )
            self._over = True
        return self._over
