"""Getting messages to Telegram: retries, limits, plain-text fallback, paced acknowledgements."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from html.parser import HTMLParser
from typing import Any

from telegram import InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from bot.texts import Texts
from storage.chats import ChatStore
from storage.tickets import PendingAck, TicketStore

__all__ = ["AckDispatcher", "Messenger", "html_to_plain"]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
MigrateHook = Callable[[int, int], Awaitable[None]]


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_plain(text: str) -> str:
    """The visible text of an HTML message, for resending when Telegram rejects the markup."""
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class Messenger:
    """Sends one message as reliably as Telegram allows; None when it cannot be delivered.

    429: waits as told and tries again. Network errors and timeouts: retries with backoff.
    403: the bot is no longer in the group, which is marked inactive. A group that became a
    supergroup: its records move to the new id (`on_migrate`) and the message goes there.
    400 about formatting: sent again as plain text.
    """

    def __init__(
        self,
        bot: Any,
        chats: ChatStore,
        clock: Clock,
        on_migrate: MigrateHook | None = None,
        attempts: int = 6,
        backoff: float = 0.5,
    ) -> None:
        self.bot = bot
        self.chats = chats
        self.clock = clock
        self.on_migrate = on_migrate
        self.attempts = attempts
        self.backoff = backoff

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        markup: InlineKeyboardMarkup | None = None,
    ) -> Message | None:
        parse_mode: str | None = ParseMode.HTML
        delay = self.backoff
        for _attempt in range(self.attempts):
            try:
                return await self.bot.send_message(
                    chat_id,
                    text,
                    parse_mode=parse_mode,
                    reply_parameters=(
                        ReplyParameters(reply_to, allow_sending_without_reply=True)
                        if reply_to
                        else None
                    ),
                    reply_markup=markup,
                )
            except RetryAfter as exc:
                await asyncio.sleep(_seconds(exc.retry_after) + 0.1)
            except Forbidden as exc:
                log.warning(
                    "chat %s refuses the bot (%s); marking it inactive", chat_id, exc.message
                )
                await self.chats.set_active(chat_id, False, self.clock())
                return None
            except ChatMigrated as exc:
                log.info("chat %s became supergroup %s", chat_id, exc.new_chat_id)
                if self.on_migrate is not None:
                    await self.on_migrate(chat_id, exc.new_chat_id)
                chat_id = exc.new_chat_id
            except BadRequest as exc:
                message = exc.message.lower()
                if "parse entities" in message and parse_mode is not None:
                    parse_mode, text = None, html_to_plain(text)
                elif "not found" in message and reply_to is not None:
                    reply_to = None
                else:
                    log.error("Telegram refused a message to chat %s: %s", chat_id, exc.message)
                    return None
            except NetworkError as exc:  # includes TimedOut
                log.warning("network trouble sending to chat %s (%s); retrying", chat_id, exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
        log.error("giving up sending to chat %s after %d attempts", chat_id, self.attempts)
        return None


class AckDispatcher:
    """Acknowledges filed reports, one group at a time, at a pace Telegram accepts.

    The first acknowledgement in a quiet group goes out at once as a reply. While a group's
    last message is younger than `interval`, further ones wait and then go out together, so a
    burst of complaints yields a handful of messages. Pending acknowledgements live in the
    database, so none is lost when the process stops.
    """

    def __init__(
        self,
        messenger: Messenger,
        tickets: TicketStore,
        chats: ChatStore,
        texts: Texts,
        *,
        interval: float = 3.0,
        batch_size: int = 20,
        markup_for: Callable[[PendingAck], InlineKeyboardMarkup | None] | None = None,
    ) -> None:
        self.messenger = messenger
        self.tickets = tickets
        self.chats = chats
        self.texts = texts
        self.interval = interval
        self.batch_size = batch_size
        self.markup_for = markup_for
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._dirty: set[int] = set()

    @property
    def idle(self) -> bool:
        """No acknowledgement is being sent or waiting for its turn."""
        return not self._tasks

    def kick(self, chat_id: int) -> None:
        """There may be new acknowledgements for this group."""
        self._dirty.add(chat_id)
        if chat_id not in self._tasks:
            self._tasks[chat_id] = asyncio.create_task(self._run(chat_id), name=f"acks:{chat_id}")

    async def kick_all(self) -> None:
        for chat_id in sorted({p.chat_id for p in await self.tickets.pending_acks()}):
            self.kick(chat_id)

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait (up to `timeout`) for acknowledgements being sent now; for a graceful stop."""
        tasks = list(self._tasks.values())
        if tasks:
            await asyncio.wait(tasks, timeout=timeout)

    async def stop(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        self._tasks.clear()

    async def _run(self, chat_id: int) -> None:
        try:
            while True:
                self._dirty.discard(chat_id)
                chat = await self.chats.get(chat_id)
                if chat is not None and not chat.active:
                    return
                pending = await self.tickets.pending_acks(chat_id)
                if not pending:
                    if chat_id in self._dirty:
                        continue
                    return
                for start in range(0, len(pending), self.batch_size):
                    delivered = await self._send(pending[start : start + self.batch_size])
                    if not delivered:
                        return
                    await asyncio.sleep(self.interval)
        except Exception:
            log.exception("acknowledging reports in chat %s failed; will retry later", chat_id)
        finally:
            self._tasks.pop(chat_id, None)

    async def _send(self, items: Sequence[PendingAck]) -> bool:
        first = items[0]
        if len(items) == 1:
            text = (
                self.texts.ack_created(first.ticket)
                if first.is_first_report
                else self.texts.ack_merged(first.ticket)
            )
            markup = self.markup_for(first) if self.markup_for else None
            message = await self.messenger.send(
                first.chat_id, text, reply_to=first.message_id, markup=markup
            )
        else:
            text = self.texts.ack_batch([(p.ticket, p.is_first_report) for p in items])
            message = await self.messenger.send(first.chat_id, text)
        if message is None:
            return False
        await self.tickets.mark_acked([p.report_id for p in items], message.message_id)
        return True
