"""Durable intake: an update is in the database before Telegram hears its offset confirmed.

python-telegram-bot confirms a batch of updates (by asking for the next offset) before its
handlers have finished. `DurableBot` writes every update it fetched to the inbox first, and
`DurableApplication` marks it handled afterwards; at start the unhandled ones are replayed.
Handlers are idempotent (a message is in at most one report), so a replay never doubles.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ExtBot

from storage.inbox import InboxStore

__all__ = ["DurableApplication", "DurableBot", "replay_inbox"]

log = logging.getLogger(__name__)


class DurableBot(ExtBot[Any]):
    """An ExtBot whose `get_updates` keeps every fetched update in the inbox before returning."""

    __slots__ = ("_clock", "_inbox", "_raw_updates")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():
            self._inbox: InboxStore | None = None
            self._clock: Callable[[], datetime] | None = None
            self._raw_updates: list[Any] = []

    def attach_inbox(self, inbox: InboxStore | None, clock: Callable[[], datetime]) -> None:
        with self._unfrozen():
            self._inbox = inbox
            self._clock = clock

    async def _post(self, endpoint: str, *args: Any, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, *args, **kwargs)
        if endpoint == "getUpdates":  # keep Telegram's own JSON: it is what the inbox stores
            with self._unfrozen():
                self._raw_updates = result if isinstance(result, list) else []
        return result

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        try:
            updates = await super().get_updates(*args, **kwargs)
        except TelegramError:
            raise
        except Exception:  # an update this library cannot read: do not get stuck on it
            updates = self._salvage()
        raw = {item["update_id"]: item for item in self._raw_updates if isinstance(item, dict)}
        if updates and self._inbox is not None and self._clock is not None:
            rows = [(u.update_id, raw.get(u.update_id) or u.to_dict()) for u in updates]
            await self._inbox.save(rows, self._clock())
        return updates

    def _salvage(self) -> tuple[Update, ...]:
        """Read the batch one update at a time; what cannot be read becomes an empty update,
        so that its offset is still confirmed and the updates after it keep flowing."""
        updates = []
        for item in self._raw_updates:
            if not isinstance(item, dict) or not isinstance(item.get("update_id"), int):
                continue
            try:
                update = Update.de_json(item, self)
            except Exception:
                log.warning("skipping update %s that cannot be read", item["update_id"])
                update = Update(update_id=item["update_id"])
            if update is not None:
                updates.append(update)
        return tuple(updates)


class DurableApplication(Application):  # type: ignore[type-arg]
    """Marks each update handled in the inbox once every handler has run without failing.

    Marks are written in small batches (a few per transaction); an update whose mark was not
    written yet when the process died is handled again on start, which handlers are built to
    survive. An update whose handler failed (the error handler adds it to `failed`) stays in
    the inbox and is tried again on the next start.
    """

    MARK_DELAY = 0.05

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.inbox: InboxStore | None = None
        self.clock: Callable[[], datetime] | None = None
        self.failed: set[int] = set()
        self._handled: list[int] = []
        self._marking: asyncio.Task[None] | None = None

    async def process_update(self, update: object) -> None:
        await super().process_update(update)
        if not isinstance(update, Update) or self.inbox is None or self.clock is None:
            return
        if update.update_id in self.failed:
            self.failed.discard(update.update_id)
            return
        self._handled.append(update.update_id)
        if self._marking is None or self._marking.done():
            self._marking = asyncio.create_task(self._mark_soon())

    async def _mark_soon(self) -> None:
        await asyncio.sleep(self.MARK_DELAY)
        await self.flush_marks()

    async def flush_marks(self) -> None:
        """Write the marks gathered so far (also called when the application stops)."""
        while self._handled and self.inbox is not None and self.clock is not None:
            batch, self._handled = self._handled, []
            await self.inbox.mark_processed(batch, self.clock())


async def replay_inbox(
    application: Application,  # type: ignore[type-arg]
    inbox: InboxStore,
    now: datetime,
) -> int:
    """Queue the updates received but not handled before the last stop.

    Telegram is first told that everything already in the inbox arrived (by asking for the
    offset after the newest stored update), so the same updates are not fetched a second time.
    Only a recent inbox is confirmed that way: after a week without updates Telegram may start
    numbering them anew.
    """
    newest = await inbox.newest()
    if newest is not None and now - newest.received_at < timedelta(days=1):
        await application.bot.get_updates(offset=newest.update_id + 1, limit=1, timeout=0)
    pending = await inbox.pending()
    updates: Sequence[Update | None] = [
        Update.de_json(item.payload, application.bot) for item in pending
    ]
    for update in updates:
        if update is not None:
            await application.update_queue.put(update)
    if pending:
        log.info("replaying %d update(s) received before the last stop", len(pending))
    return len(pending)
