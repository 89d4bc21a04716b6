"""Durable intake: an update is in the database before Telegram hears its offset confirmed.

Built only on python-telegram-bot's public extension points:

- `InboxRequest`, the `BaseRequest` that carries `getUpdates`, sees Telegram's raw answer
  before the library does and writes every update in it to the inbox. The library confirms a
  batch (by asking for the next offset) only after that, so nothing fetched can be lost.
- When the library could not read a batch (it asks again for the same offset), the request
  checks each update and hands the library a bare `{"update_id": n}` in place of any it cannot
  read, so one strange update never stops intake.
- `DurableProcessor`, the `BaseUpdateProcessor`, runs the updates of different groups at once
  and those of one group in order, and marks each handled in the inbox once its handlers ran
  without failing (an update whose handler failed stays, and is tried again on the next start).
- `replay_inbox` queues, at start, what was received but not handled before the last stop.

Handlers are idempotent (a message is in at most one report), so a replay never doubles.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import orjson
from telegram import Bot, Update
from telegram.ext import Application, BaseUpdateProcessor
from telegram.request import BaseRequest, RequestData

from storage.inbox import InboxStore

__all__ = ["DurableProcessor", "InboxRequest", "Intake", "readable_update", "replay_inbox"]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def _read(item: dict[str, Any], bot: Bot | None = None) -> Update | None:
    """The update, or None (said once in the log) when this library cannot read it."""
    try:
        return Update.de_json(item, bot)
    except Exception:
        log.warning("skipping update %s that this version cannot read", item.get("update_id"))
        return None


def readable_update(item: dict[str, Any], bot: Bot | None = None) -> Update:
    """The update, or a bare one with only its id when this library cannot read it."""
    return _read(item, bot) or Update(update_id=item["update_id"])


class Intake:
    """The inbox side of polling: keeps what arrives, marks what was handled.

    Built with the application; `open` gives it the inbox once the database is open (in
    `post_init`), `close` writes the last marks (in `post_stop`).
    """

    MARK_DELAY = 0.05  # marks are written a few at a time

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.inbox: InboxStore | None = None
        self._failed: set[int] = set()
        self._handled: list[int] = []
        self._marking: asyncio.Task[None] | None = None
        self._last_asked: int | None = None  # the offset of the last getUpdates
        self._last_count = 0  # how many updates it brought

    def open(self, inbox: InboxStore) -> None:
        self.inbox = inbox

    async def close(self) -> None:
        await self.flush()
        self.inbox = None

    async def receive(self, payload: bytes, offset: int | None) -> bytes:
        """Keep a getUpdates answer's updates; the answer as the library should read it."""
        answer = orjson.loads(payload)
        items = answer.get("result") if isinstance(answer, dict) else None
        updates = [
            i for i in (items if isinstance(items, list) else [])
            if isinstance(i, dict) and isinstance(i.get("update_id"), int)
        ]  # fmt: skip
        if self.inbox is not None and updates:
            await self.inbox.save([(i["update_id"], i) for i in updates], self.clock())
        # The library asks for the same offset again only when it could not read what came.
        again = self._last_count > 0 and offset is not None and offset == self._last_asked
        self._last_asked, self._last_count = offset, len(updates)
        if not again or not updates:
            return payload
        answer["result"] = [
            i if _read(i) is not None else {"update_id": i["update_id"]} for i in updates
        ]
        return orjson.dumps(answer)

    def failed(self, update_id: int) -> None:
        """A handler failed: the update stays in the inbox for the next start."""
        self._failed.add(update_id)

    def handled(self, update_id: int) -> None:
        if update_id in self._failed:
            self._failed.discard(update_id)
            return
        self._handled.append(update_id)
        if self._marking is None or self._marking.done():
            self._marking = asyncio.create_task(self._mark_soon())

    async def _mark_soon(self) -> None:
        await asyncio.sleep(self.MARK_DELAY)
        await self.flush()

    async def flush(self) -> None:
        """Write the marks gathered so far."""
        while self._handled and self.inbox is not None:
            batch, self._handled = self._handled, []
            await self.inbox.mark_processed(batch, self.clock())


class InboxRequest(BaseRequest):
    """The request that carries getUpdates: every answer goes through `Intake.receive`."""

    def __init__(self, inner: BaseRequest, intake: Intake) -> None:
        self.inner = inner
        self.intake = intake

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *timeouts: Any,
        **named_timeouts: Any,
    ) -> tuple[int, bytes]:
        """The inner request's answer; a getUpdates answer goes through the inbox first."""
        code, payload = await self.inner.do_request(
            url, method, request_data, *timeouts, **named_timeouts
        )
        if 200 <= code <= 299 and url.endswith("/getUpdates"):
            offset = request_data.parameters.get("offset") if request_data else None
            payload = await self.intake.receive(
                payload, offset if isinstance(offset, int) else None
            )
        return code, payload


class DurableProcessor(BaseUpdateProcessor):
    """Updates of different groups run concurrently; within one group, in arrival order.
    Each is marked handled in the inbox once its handlers ran."""

    def __init__(self, max_concurrent_updates: int, intake: Intake) -> None:
        super().__init__(max_concurrent_updates)
        self.intake = intake
        self._locks: dict[int | None, asyncio.Lock] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        lock = self._locks.setdefault(chat.id if chat else None, asyncio.Lock())
        async with lock:
            await coroutine
        if isinstance(update, Update):
            self.intake.handled(update.update_id)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


async def replay_inbox(
    application: Application,  # type: ignore[type-arg]
    inbox: InboxStore,
    now: datetime,
) -> int:
    """Queue the updates received but not handled before the last stop.

    Telegram is then told that everything already in the inbox arrived (by asking for the
    offset after the newest stored update), so the same updates are not fetched a second time.
    That answer brings the next update, which the inbox keeps and the updater fetches again; it
    is not replayed here, so it is handled once. Only a recent inbox is confirmed that way:
    after a week without updates Telegram may start numbering them anew.
    """
    pending = await inbox.pending()  # before the confirmation below keeps the next update too
    newest = await inbox.newest()
    if newest is not None and now - newest.received_at < timedelta(days=1):
        await application.bot.get_updates(offset=newest.update_id + 1, limit=1, timeout=0)
    for item in pending:
        await application.update_queue.put(readable_update(item.payload, application.bot))
    if pending:
        log.info("replaying %d update(s) received before the last stop", len(pending))
    return len(pending)
