"""The start's replay: the updates received but not handled before the last stop are queued
again (`bot.runtime.polling` keeps and marks them)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TypeVar

from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter, TelegramError
from telegram.ext import Application

from bot.core.timeutil import as_seconds
from bot.runtime.polling import Intake, readable_update
from storage.inbox import InboxStore

__all__ = ["replay_inbox"]

log = logging.getLogger(__name__)
T = TypeVar("T")


async def _patiently(call: Callable[[], Awaitable[T]], what: str, limit: float = 30.0) -> T:
    """`call`, tried again for as long as Telegram answers what passes: 429 (after the wait it
    names), 409 (an old process still polling), 5xx and timeouts (waiting longer each time, up
    to `limit` seconds). A refused token or request is raised."""
    delay = 1.0
    while True:
        try:
            return await call()
        except (InvalidToken, BadRequest, Forbidden):
            raise
        except RetryAfter as exc:
            wait = as_seconds(exc.retry_after) + 0.5
        except TelegramError as exc:  # Conflict, NetworkError (5xx), TimedOut
            wait, delay = delay, min(delay * 2, limit)
            log.warning("%s: Telegram answered %s; trying again in %.0f s", what, exc, wait)
        await asyncio.sleep(wait)


async def replay_inbox(
    application: Application,  # type: ignore[type-arg]
    inbox: InboxStore,
    now: datetime,
    intake: Intake,
) -> int:
    """Queue the updates received but not handled before the last stop.

    Telegram is then told that everything already in the inbox arrived (by asking for the
    offset after the update kept last — not the highest number: Telegram numbers its updates
    anew, from any number, after a week without any), so the same updates are not fetched a
    second time. That answer brings the next update, which the inbox keeps and the updater
    fetches again; it is not replayed here, so it is handled once. Only a recent inbox is
    confirmed that way; when it is not, the updates sent again are known by the inbox and
    handed on bare (`Intake.receive`), never handled a second time.
    """
    pending = await inbox.pending()  # before the confirmation below keeps the next update too
    newest = await inbox.newest()
    if newest is not None and now - newest.received_at < timedelta(days=1):
        fetched = await _patiently(
            lambda: application.bot.get_updates(offset=newest.update_id + 1, limit=1, timeout=0),
            "confirming the updates already kept",
        )
        intake.in_hand.difference_update(u.update_id for u in fetched)  # the updater's to hand on
    for item in pending:
        intake.replaying.add(item.update_id)  # its handling counts as a try (`may_handle`)
        intake.in_hand.add(item.update_id)
        if item.tries:  # replayed before without finishing: handled alone (`DurableProcessor`)
            intake.suspects.add(item.update_id)
        await application.update_queue.put(readable_update(item.payload, application.bot))
    intake.replayed()
    if pending:
        log.info("replaying %d update(s) received before the last stop", len(pending))
    return len(pending)
