"""Durable intake: an update is in the database before Telegram hears its offset confirmed.

Built only on python-telegram-bot's public extension points:

- `InboxRequest`, the `BaseRequest` that carries `getUpdates`, sees Telegram's raw answer
  before the library does and writes every update in it to the inbox. The library confirms a
  batch (by asking for the next offset) only after that, so nothing fetched can be lost.
- Each update is checked: one this library cannot read is set aside in the inbox (one log
  line) and the library gets a bare `{"update_id": n}` in its place, so one strange update
  never stops intake, nor the start or the stop. Text no database can store (a lone UTF-16
  surrogate) is kept with U+FFFD in its place.
- `DurableProcessor`, the `BaseUpdateProcessor`, runs the updates of different groups at once
  and those of one group in order, and marks each handled in the inbox once its handlers ran
  without failing — at once, before its group's next update is handled (an update whose
  handler failed stays, and is tried again at the next starts: after three failures it is
  set aside).
- `replay_inbox` (`bot.runtime.replay`) queues, at start, what was received but not handled
  before the last stop; each start that finds an update there counts one try of it (its
  handling failed, or never finished), so an update is tried three times, once per start,
  whatever went wrong.

A replay never doubles: a message is in at most one report, and a command's or button press's
change is stored with its origin (`storage.acted`), its answers queued once per origin.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextvars import ContextVar
from datetime import datetime
from typing import Any

import orjson
from telegram import Bot, Update
from telegram.error import NetworkError
from telegram.ext import BaseUpdateProcessor
from telegram.request import BaseRequest, RequestData

from storage.inbox import InboxStore

__all__ = [
    "REPLAYED",
    "DurableProcessor",
    "InboxRequest",
    "Intake",
    "readable_update",
]

log = logging.getLogger(__name__)
# Whether the update being handled was replayed from the inbox at this start: only then may
# its message have been heard before (`bot.runtime.heard_before`).
REPLAYED: ContextVar[bool] = ContextVar("replayed", default=False)

Clock = Callable[[], datetime]
MAX_TRIES = 3  # an update whose handling failed this often is set aside


def _storable(value: Any) -> Any:
    """`value` with every lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [_storable(v) for v in value]
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    return value


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
    `post_init`), `close` lets it go (in `post_stop`).
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.inbox: InboxStore | None = None
        self._failed: set[int] = set()
        self._save_failures = 0
        self.replaying: set[int] = set()  # updates replayed from the inbox at this start
        self.sent_again: set[int] = set()  # updates kept already, handed on bare
        self.in_hand: set[int] = set()  # replayed or handed on, their handling not ended yet
        self.suspects: set[int] = set()  # replayed, and replayed before without finishing
        self.receiving = 0  # getUpdates answers being kept right now (tests wait for none)
        self._backlog: set[int] | None = None  # what came before the start caught up, in hand

    def backlog_handled(self) -> bool:
        """Whether everything sent while the bot was down has been handled: a getUpdates
        answer came with less than it asked for (Telegram had nothing more waiting) and every
        update in hand then (fetched, or replayed from the inbox) has been handled since."""
        if self._backlog is None:
            return False
        self._backlog &= self.in_hand
        return not self._backlog

    def replayed(self) -> None:
        """The start's replay is queued: the backlog is taken at the next answer (the start's
        confirmation of the inbox came before the updates replayed were in hand)."""
        self._backlog = None

    def open(self, inbox: InboxStore) -> None:
        self.inbox = inbox

    async def close(self) -> None:
        self.inbox = None

    async def receive(self, payload: bytes, offset: int | None, limit: int = 100) -> bytes:
        """Keep a getUpdates answer's updates (`limit`: how many it asked for); the answer as
        the library should read it."""
        self.receiving += 1
        try:
            return await self._receive(payload, offset, limit)
        finally:
            self.receiving -= 1

    async def _receive(self, payload: bytes, offset: int | None, limit: int) -> bytes:
        try:
            answer = orjson.loads(payload)
        except orjson.JSONDecodeError:
            # Valid JSON orjson refuses: text with a lone UTF-16 surrogate, which no database
            # can store. Read it leniently, replace what cannot be stored, go on.
            answer = _storable(json.loads(payload))
            payload = orjson.dumps(answer)
        items = answer.get("result") if isinstance(answer, dict) else None
        updates = [
            i for i in (items if isinstance(items, list) else [])
            if isinstance(i, dict) and isinstance(i.get("update_id"), int)
        ]  # fmt: skip
        if self.inbox is None:  # not open yet, or closed: nothing may be confirmed unkept
            raise NetworkError("updates fetched while the inbox is closed; not kept")
        said = await self._hand_on(answer, updates, payload)
        if self._backlog is None and len(updates) < limit:  # Telegram had no more waiting
            self._backlog = set(self.in_hand)
        return said

    async def _hand_on(
        self, answer: dict[str, Any], updates: list[dict[str, Any]], payload: bytes
    ) -> bytes:
        """The updates kept and in hand; the answer as the library should read it."""
        if not updates:
            return payload
        assert self.inbox is not None  # (`_receive` checked it)
        # One already kept, sent again (Telegram never heard that it arrived: the process died
        # first, or the start could not confirm the inbox), that was handled, or is in hand
        # (being handled, or replayed at this start), is never handled a second time. Dedupe by
        # the update itself (`InboxStore.save`): its number may be an old one's after Telegram
        # numbered its updates anew. (One kept but never handed on — the start's confirmation
        # fetched it — is handed on now.)
        kept = await self._keep(updates)
        known = {uid for uid, done in kept.items() if done or uid in self.in_hand}
        self.in_hand |= {i["update_id"] for i in updates} - known
        # One update this library cannot read would make it drop the whole batch (and, at the
        # start or the stop, fail): it gets a bare update in its place, and is set aside.
        unreadable = {i["update_id"] for i in updates if _read(i) is None} - known
        if unreadable:
            await self.inbox.set_aside(sorted(unreadable), "this version cannot read it")
        if not unreadable and not known:
            return payload
        self.sent_again |= known  # the library still gets each number: its offset moves on
        bare = unreadable | known
        answer["result"] = [
            {"update_id": i["update_id"]} if i["update_id"] in bare else i for i in updates
        ]
        return orjson.dumps(answer)

    async def _keep(self, updates: list[dict[str, Any]]) -> dict[int, bool]:
        """Write the updates to the inbox (those kept already: whether each is done with); when
        the database cannot take them (disk full, locked), wait — longer each time — and have
        the library ask Telegram again."""
        assert self.inbox is not None
        try:
            known = await self.inbox.save([(i["update_id"], i) for i in updates], self.clock())
        except Exception as exc:
            self._save_failures += 1
            wait = min(2.0**self._save_failures, 60.0)
            log.error("cannot keep updates in the database (%s); trying again in %.0f s", exc, wait)
            await asyncio.sleep(wait)
            raise NetworkError(f"updates not kept: {exc}") from None
        self._save_failures = 0
        return known

    def is_sent_again(self, update: object) -> bool:
        """Whether `update` is the bare stand-in of one sent again: nobody's to handle or mark
        (the update itself, replayed, is not bare)."""
        if not isinstance(update, Update) or update.update_id not in self.sent_again:
            return False
        if update.to_dict() != {"update_id": update.update_id}:
            return False
        self.sent_again.discard(update.update_id)
        return True

    async def may_handle(self, update_id: int) -> bool:
        """Whether to handle the update now. One replayed from the inbox was tried by the last
        process without its handling finishing well — a handler failed, or the process stopped
        during it (perhaps because its handling stalled the process: the watchdog): each such
        start counts one try, here and only here, and after MAX_TRIES the update is set aside
        instead of failing (or stopping) every start."""
        if update_id not in self.replaying:
            return True
        self.replaying.discard(update_id)
        if self.inbox is None or not await self.inbox.failed(update_id, MAX_TRIES):
            return True
        log.error(
            "update %s was replayed %d times without its handling ever finishing (it failed, "
            "or the process stopped during it); set aside (it stays in the inbox table)",
            update_id,
            MAX_TRIES,
        )
        return False

    def failed(self, update_id: int) -> None:
        """A handler failed: the update stays in the inbox, unmarked, to be tried again at the
        next start (which counts the try: `may_handle`)."""
        self._failed.add(update_id)

    async def handled(self, update_id: int) -> None:
        """The update's handling finished (unless a handler failed): marked so in the inbox now.

        Not later, a few at a time: a mark still to be written when the process dies (killed,
        or stopped by the watchdog while its loop was stalled by another update) made a
        finished update "not handled", replayed at the next start in a group that had moved on
        since — heard anew, a progress question answered while the lift was being fixed was
        her 不满意 once it was done, and words that had filed nothing could file now. Awaited
        before the group's next update is handled, the mark leaves a replay only the updates
        whose handling did not finish, or finished the moment before the process died, with
        nothing said in the group since. (The writer commits the marks of updates finishing
        together in one transaction.)"""
        if update_id in self._failed:
            self._failed.discard(update_id)
            return
        if self.inbox is None:
            return
        try:
            await self.inbox.mark_processed([update_id], self.clock())
        except Exception as exc:  # replayed at the next start, which finds what it did
            log.error("cannot mark update %s handled (%s); it is replayed", update_id, exc)


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
            asked = request_data.parameters if request_data else {}
            offset, limit = asked.get("offset"), asked.get("limit")
            payload = await self.intake.receive(
                payload,
                offset if isinstance(offset, int) else None,
                limit if isinstance(limit, int) else 100,  # Telegram's default
            )
        return code, payload


class DurableProcessor(BaseUpdateProcessor):
    """Updates of different groups run concurrently; within one group, in arrival order.
    Each is marked handled in the inbox once its handlers ran.

    An update waiting for its group's turn holds no running slot: a flood in one group never
    delays another. An update whose handling takes longer than `patience` seconds is stopped
    and counted as failed, so no single update holds its group for ever.
    """

    WAITING = 100_000  # updates that may wait for their group's turn (each is a small task)

    def __init__(self, max_concurrent_updates: int, intake: Intake, patience: float = 300.0):
        super().__init__(self.WAITING)
        self.intake = intake
        self.patience = patience
        self._running = asyncio.Semaphore(max_concurrent_updates)
        self._turns: dict[int | None, tuple[asyncio.Lock, int]] = {}  # per chat: lock, users
        self._alone = asyncio.Lock()  # held by a suspect's handling (`_suspect_alone`)

    @contextlib.asynccontextmanager
    async def turn(self, chat_id: int | None) -> AsyncIterator[None]:
        """The chat's turn: between its updates, never during one (also for a group's move to
        its supergroup, which must not happen under a command looking up its tickets)."""
        lock, users = self._turns.get(chat_id) or (asyncio.Lock(), 0)
        self._turns[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._turns[chat_id]
            if users > 1:
                self._turns[chat_id] = (lock, users - 1)
            else:
                del self._turns[chat_id]  # a quiet chat keeps no lock

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self.intake.is_sent_again(update):
            if inspect.iscoroutine(coroutine):
                coroutine.close()
            return
        chat = update.effective_chat if isinstance(update, Update) else None
        update_id = update.update_id if isinstance(update, Update) else None
        try:
            await self._process(update_id, chat.id if chat else None, coroutine)
        finally:
            if update_id is not None:
                self.intake.in_hand.discard(update_id)

    async def _process(
        self, update_id: int | None, chat_id: int | None, coroutine: Awaitable[Any]
    ) -> None:
        async with self.turn(chat_id), self._suspect_alone(update_id):
            # its turn first: a replayed update keeps its place before new ones
            replayed = update_id in self.intake.replaying
            if update_id is not None and not await self.intake.may_handle(update_id):
                if inspect.iscoroutine(coroutine):
                    coroutine.close()  # set aside: never run
                return
            async with self._running:
                said = REPLAYED.set(replayed)  # (each update is handled in a task of its own)
                try:
                    async with asyncio.timeout(self.patience):
                        await coroutine
                except TimeoutError:
                    log.error("update %s took over %.0f s; stopped", update_id, self.patience)
                    if update_id is not None:
                        self.intake.failed(update_id)
                finally:
                    REPLAYED.reset(said)
            if update_id is not None:  # marked before the group's next update is handled
                await self.intake.handled(update_id)

    @contextlib.asynccontextmanager
    async def _suspect_alone(self, update_id: int | None) -> AsyncIterator[None]:
        """A suspect — replayed at an earlier start too, without its handling finishing — is
        tried while no other suspect is: one at a time, its try counted (`may_handle`) only
        when its turn comes.

        An update that stalls the loop makes the watchdog stop the process at every start;
        every update under way at that moment is replayed at the next start and counted one
        try, the innocent with the guilty. Tried together again, start after start, updates of
        other groups were set aside with the one that stalled. Tried alone, the one that stalls
        is the only one whose tries go on being counted: the others wait behind it (uncounted)
        or are handled before it, and are handled once it is set aside. (A first replay is
        still handled at once: most updates left over by a stop merely wait to be handled.)"""
        if update_id is None or update_id not in self.intake.suspects:
            yield
            return
        async with self._alone:
            self.intake.suspects.discard(update_id)
            yield

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
