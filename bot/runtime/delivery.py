"""Getting messages to Telegram: retries, limits, plain-text fallback, paced group posts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeVar

from telegram import (
    Bot,
    InlineKeyboardMarkup,
    InputFile,
    InputMediaDocument,
    InputMediaPhoto,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.core.timeutil import as_seconds
from bot.texts import html_to_plain
from storage.chats import ChatStore
from storage.outbox import Notice

__all__ = [
    "ATTACHMENTS_KIND",
    "FILE_KINDS",
    "LEDGER_KIND",
    "LOOKBACK_CHARTS_KIND",
    "NO_PREVIEW",
    "PHOTOS_KIND",
    "URGENT_ALERT",
    "Attachment",
    "Messenger",
    "Undeliverable",
]

log = logging.getLogger(__name__)

ATTACHMENTS_KIND = "charts"  # notices that post pictures
# the pictures of a scheduled look back: its kind starts as the look back's does, so they are
# dropped as stale with it (`too_late`) — never posted alone days after it
LOOKBACK_CHARTS_KIND = "lookback:charts"
LEDGER_KIND = "ledger"  # notices that post the ledger workbook
PHOTOS_KIND = "photos"  # notices that send a ticket's photos on (to a worker, in private)
FILE_KINDS = frozenset({ATTACHMENTS_KIND, LOOKBACK_CHARTS_KIND, LEDGER_KIND, PHOTOS_KIND})
URGENT_ALERT = "urgent"  # a worker's private alert of a danger: posted before what waits
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)

Clock = Callable[[], datetime]
T = TypeVar("T")


@dataclass(frozen=True)
class Attachment:
    """A picture (`photo`) or file to post: name, bytes and a plain-text caption; or a
    picture Telegram keeps already (`file_id`: a resident's photo, sent on by its id)."""

    filename: str
    data: bytes
    caption: str = ""
    photo: bool = False
    file_id: str | None = None


AttachmentSource = Callable[[Notice], Awaitable[Sequence[Attachment]]]


class Undeliverable(Exception):
    """The message cannot be delivered: the group is gone, Telegram refused it, no network, or
    the group moved to a supergroup (what waited moved with it: its poster posts it there)."""

    def __init__(
        self, kind: Literal["inactive", "refused", "network", "moved"], detail: str = ""
    ) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


# Telegram's 400s that say the bot cannot write in the group at all (it was muted, or the group
# is gone): like a 403, the group waits until it speaks again, its posts kept, not dropped.
_CANNOT_WRITE = (
    "chat not found",
    "not enough rights",
    "have no rights to send",
    "chat_write_forbidden",
    "chat_restricted",
    "group chat was deactivated",
)


class Messenger:
    """Sends one message as reliably as Telegram allows.

    429: waits as told and tries again. Network errors and timeouts: retries with backoff.
    403: the bot is no longer in the group, which is marked inactive. A group that became a
    supergroup: its records move to the new id, this message with them (`on_moved` has it posted
    there once), and Undeliverable("moved") ends this attempt.
    400 about formatting: sent again as plain text.
    """

    def __init__(
        self,
        bot: Bot,
        chats: ChatStore,
        clock: Clock,
        attempts: int = 6,
        backoff: float = 0.5,
    ) -> None:
        self.bot = bot
        self.chats = chats
        self.clock = clock
        self.attempts = attempts
        self.backoff = backoff
        # told the new id of a group that became a supergroup (what waited there is posted)
        self.on_moved: Callable[[int, int], None] = lambda old_id, new_id: None
        # a chat's turn between its updates (`DurableProcessor.turn`): a move waits for it
        self.group_turn: Callable[[int], AbstractAsyncContextManager[None]] = lambda chat_id: (
            contextlib.nullcontext()
        )

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        markup: InlineKeyboardMarkup | None = None,
    ) -> Message | None:
        """Send, or log why not and return None (for answers to a person)."""
        try:
            return await self.deliver(chat_id, text, reply_to=reply_to, markup=markup)
        except Undeliverable as exc:
            log.warning("message to chat %s not delivered (%s)", chat_id, exc)
            return None

    async def deliver(
        self,
        chat_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        markup: InlineKeyboardMarkup | None = None,
        silent: bool = False,
        thread_id: int | None = None,
    ) -> Message:
        """Send, or raise Undeliverable saying why (`silent`: without a sound on the phones:
        at night, what is not about a danger; `thread_id`: the topic it goes to, whether or not
        the message it answers is still there)."""
        options: dict[str, Any] = {
            "parse_mode": ParseMode.HTML,
            "reply_markup": markup,
            # no preview: Telegram's servers would open a link (a desk's one-time login) first
            "link_preview_options": NO_PREVIEW,
        }
        if silent:
            options["disable_notification"] = True
        if thread_id is not None:
            options["message_thread_id"] = thread_id
        if reply_to is not None and reply_to > 0:  # < 0: a message of the group before it moved
            options["reply_parameters"] = ReplyParameters(
                reply_to, allow_sending_without_reply=True
            )

        async def attempt(target: int) -> Message:
            return await self.bot.send_message(target, text, **options)

        for _ in range(3):
            try:
                return await self.call(chat_id, attempt)
            except BadRequest as exc:
                lowered = exc.message.lower()
                if any(words in lowered for words in _CANNOT_WRITE):  # muted, or gone
                    log.warning("chat %s does not let the bot write (%s)", chat_id, exc.message)
                    await self.chats.set_active(chat_id, False, self.clock())
                    raise Undeliverable("inactive", exc.message) from exc
                if "parse entities" in lowered and options["parse_mode"] is not None:
                    options["parse_mode"], text = None, html_to_plain(text)
                elif "thread not found" in lowered and "message_thread_id" in options:
                    del options["message_thread_id"]  # its topic closed, or topics turned off
                elif "not found" in lowered and "reply_parameters" in options:
                    del options["reply_parameters"]
                else:
                    raise Undeliverable("refused", exc.message) from exc
        raise Undeliverable("refused", "Telegram refused the message three times")

    async def edit(
        self,
        chat_id: int,
        message_id: int,
        text: str,
        markup: InlineKeyboardMarkup | None = None,
    ) -> bool:
        """Replace a message's text, and its buttons with `markup` (none: dropped); whether
        Telegram took it (an old or deleted message, or one already saying this, is not worth
        a retry)."""
        try:
            await self.bot.edit_message_text(
                text,
                chat_id,
                message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                link_preview_options=NO_PREVIEW,
            )
        except TelegramError as exc:
            log.info("message %s in chat %s not edited (%s)", message_id, chat_id, exc)
            return False
        return True

    async def send_file(
        self, chat_id: int, attachment: Attachment, *, photo: bool = False
    ) -> Message | None:
        """A picture (photo=True) or a document, with the same rules as a message."""

        async def attempt(target: int) -> Message:
            upload = attachment.file_id or InputFile(attachment.data, filename=attachment.filename)
            send = self.bot.send_photo if photo else self.bot.send_document
            return await send(target, upload, caption=attachment.caption or None)

        try:
            return await self.call(chat_id, attempt)
        except (BadRequest, Undeliverable) as exc:
            if isinstance(exc, Undeliverable) and exc.kind == "moved":
                raise
            log.warning("%s to chat %s not delivered (%s)", attachment.filename, chat_id, exc)
            return None

    async def send_album(self, chat_id: int, pictures: Sequence[Attachment]) -> Message | None:
        """Pictures Telegram keeps already (2–10, by `file_id`, all photos or all files) as one
        album: one request, so that a retry never sends some of them twice. Its first message,
        or None (refused)."""

        async def attempt(target: int) -> Sequence[Message]:
            media = [
                (InputMediaPhoto if p.photo else InputMediaDocument)(
                    p.file_id or "", caption=p.caption or None
                )
                for p in pictures
            ]
            return await self.bot.send_media_group(target, media)

        try:
            sent = await self.call(chat_id, attempt)
        except (BadRequest, Undeliverable) as exc:
            if isinstance(exc, Undeliverable) and exc.kind == "moved":
                raise
            log.warning("an album of %d to chat %s not delivered (%s)", len(pictures), chat_id, exc)
            return None
        return sent[0] if sent else None

    async def call(self, chat_id: int, request: Callable[[int], Awaitable[T]]) -> T:
        """Run one Bot API request for a chat with the retry and migration rules above.

        BadRequest other than a migration is left to the caller.
        """
        delay = self.backoff
        for _ in range(self.attempts):
            try:
                return await request(chat_id)
            except RetryAfter as exc:
                await asyncio.sleep(as_seconds(exc.retry_after) + 0.1)
            except Forbidden as exc:
                log.warning("chat %s refuses the bot (%s); marking it inactive", chat_id, exc)
                await self.chats.set_active(chat_id, False, self.clock())
                raise Undeliverable("inactive", exc.message) from exc
            except ChatMigrated as exc:
                async with self.group_turn(chat_id):  # not under a command reading its tickets
                    moved = await self.chats.move(chat_id, exc.new_chat_id, self.clock())
                log.info(
                    "group %s is now supergroup %s; %d ticket(s) moved",
                    chat_id,
                    exc.new_chat_id,
                    moved,
                )
                self.on_moved(chat_id, exc.new_chat_id)
                # This message moved too (unsent, unmarked): the supergroup's poster sends it,
                # once; sending it from here as well would post it twice.
                raise Undeliverable("moved", f"now supergroup {exc.new_chat_id}") from exc
            except NetworkError as exc:  # includes TimedOut, but not BadRequest/Forbidden
                if isinstance(exc, BadRequest):
                    raise
                log.warning("network trouble with chat %s (%s); retrying", chat_id, exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
        raise Undeliverable("network", f"gave up after {self.attempts} attempts")
