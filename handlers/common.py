"""What every handler shares: who is speaking, ticket numbers, and the guard that opens each
command (group or private only, workers only) and answers any refusal politely."""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from telegram import Message, Update, User
from telegram.constants import ChatType

from bot import texts
from bot.core.bursts import DONE_AT_ONCE
from bot.core.photos import IMAGE_FILES, Picture
from bot.core.tickets import Person, Refusal, Ticket
from bot.runtime import usecases
from bot.runtime.context import BotContext
from bot.runtime.services import Services
from bot.runtime.ticket_view import tickets_named
from bot.runtime.usecases import GroupMessage
from handlers.arguments import (
    parse_ticket_number,
    plain,
    rest_text,
    split_number,
    split_numbers,
)
from storage.acted import message_origin
from storage.chats import retired_id
from storage.photos import NewPhoto

__all__ = [
    "MAX_NEW_CHARS",
    "Asked",
    "Handler",
    "command",
    "describes_something",
    "group_message",
    "is_group",
    "parse_ticket_number",
    "person_of",
    "picture_of",
    "plain",
    "replied_ticket",
    "replied_to",
    "resident_message",
    "resident_photo",
    "rest_text",
    "split_number",
    "split_numbers",
    "thread_of",
]

MAX_NEW_CHARS = 1000  # what /new files, at most

Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


def person_of(user: User | None) -> Person:
    if user is None:
        return Person(None, texts.ANONYMOUS)
    return Person(user.id, user.full_name or user.username or str(user.id), user.username)


def is_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def replied_to(message: Message) -> Message | None:
    """The message this one answers. In a group with topics every message "answers" its
    topic's opening: that is where it was said, not an answer to anyone."""
    replied = message.reply_to_message
    if replied is None or replied.forum_topic_created is not None:
        return None
    return replied


def thread_of(message: Message) -> int | None:
    """The topic a message was written in, in a group with topics (None: General, or none)."""
    return message.message_thread_id if message.is_topic_message else None


def group_message(message: Message, text: str, picture: Picture | None = None) -> GroupMessage:
    """A Telegram group message as the use cases take it."""
    replied = replied_to(message)
    return GroupMessage(
        chat_id=message.chat_id,
        message_id=message.message_id,
        author=person_of(message.from_user),
        text=text,
        reply_to=replied.message_id if replied is not None else None,
        reply_to_bot=bool(replied and replied.from_user and replied.from_user.is_bot),
        reply_to_author=replied.from_user.id if replied and replied.from_user else None,
        reply_to_text=(replied.text or replied.caption or "") if replied else "",
        picture=picture,
        sent_at=message.date,
        thread_id=thread_of(message),
    )


def picture_of(message: Message) -> Picture | None:
    """The photo a message is or carries (its largest size), or the picture it sends as a
    file (a JPEG, PNG, WebP or GIF), if any."""
    document = message.document  # its type in any case: IMAGE/PNG too
    if document is not None and (mime := (document.mime_type or "").lower()) in IMAGE_FILES:
        return Picture(
            document.file_id, document.file_unique_id, message.date, message.media_group_id, mime
        )
    if not message.photo:
        return None
    largest = max(message.photo, key=lambda size: size.width * size.height)
    return Picture(largest.file_id, largest.file_unique_id, message.date, message.media_group_id)


def _residents(asked: Asked) -> Message | None:
    """The resident's message a worker's command answers (a worker's only: no one else's)."""
    replied = replied_to(asked.message)
    if replied is None or replied.from_user is None or replied.from_user.is_bot:
        return None
    return replied if asked.services.config.roles.is_worker(asked.actor.id) else None


def resident_message(asked: Asked) -> GroupMessage | None:
    """The resident's message a worker's command answers, as if the resident had said it."""
    replied = _residents(asked)
    text = (replied.text or replied.caption or "").strip() if replied is not None else ""
    return _as_said(asked, replied, text) if replied is not None and text else None


def resident_photo(asked: Asked, words: str) -> GroupMessage | None:
    """The resident's photo without words a worker's command answers, as if she had said the
    worker's `words` with it (`/new 3栋门口井盖松了` under her picture of it)."""
    replied = _residents(asked)
    if replied is None or picture_of(replied) is None or (replied.caption or "").strip():
        return None
    return _as_said(asked, replied, words)


def _as_said(asked: Asked, replied: Message, text: str) -> GroupMessage:
    return GroupMessage(
        chat_id=asked.chat_id,
        message_id=asked.here(replied.message_id),
        author=person_of(replied.from_user),
        text=text[:MAX_NEW_CHARS],
        first_origin=message_origin(replied.chat_id, replied.message_id),  # before any move
        thread_id=thread_of(replied),
    )


@dataclass(frozen=True)
class Asked:
    """A command as its handler sees it: the bot, the message, who sent it, its arguments."""

    services: Services
    message: Message
    actor: Person
    args: list[str]
    in_group: bool
    moved_to: int | None = None  # the supergroup this group became (a late command of the old)

    @property
    def chat_id(self) -> int:
        """The chat the command acts in: its own, or the supergroup its group became."""
        return self.message.chat_id if self.moved_to is None else self.moved_to

    def here(self, message_id: int) -> int:
        """A message's number as `chat_id` keeps it (the old group's, retired by the move)."""
        return message_id if self.moved_to is None else retired_id(message_id)

    @property
    def plain_args(self) -> list[str]:
        """The arguments as `plain` reads them: for a month, a date, a category."""
        return [plain(argument) for argument in self.args]

    @property
    def scope(self) -> int | None:
        """The group tickets must belong to; None in a private chat (any group)."""
        return self.chat_id if self.in_group else None

    @property
    def origin(self) -> str:
        """What makes this command happen once, however often its update is handled."""
        return message_origin(self.message.chat_id, self.message.message_id)

    def act(self, ticket_id: int) -> usecases.Act:
        """This person acting on a ticket of this chat, answered under the command."""
        reply_to = self.here(self.message.message_id)
        picture = picture_of(self.message)  # a worker's picture of the repair goes with it
        staff = self.services.config.roles.is_worker(self.actor.id)
        photo = None if picture is None else NewPhoto.of(
            self.chat_id, reply_to, self.actor.id, picture, staff
        )  # fmt: skip
        return usecases.Act(
            ticket_id, self.actor, self.scope, reply_to, self.origin, photo,
            thread_of(self.message),
        )  # fmt: skip

    async def too_many(self, numbers: Sequence[int], command: str) -> bool:
        """More tickets than one command acts on at once (`DONE_AT_ONCE`): said so; whether."""
        if len(numbers) <= DONE_AT_ONCE:
            return False
        await self.answer(texts.too_many_at_once(DONE_AT_ONCE, command))
        return True

    async def on_each(
        self, numbers: Sequence[int], action: Callable[[usecases.Act], Awaitable[Ticket]]
    ) -> tuple[list[texts.Told], list[str]]:
        """One command on several tickets (/done 1、2、5, /note 12、15): `action` on each as
        its own act, once (each its own origin); what was done (each ticket's label, its
        group's title and whether the group heard of it) and why each of the others was
        refused."""
        acted: list[texts.Told] = []
        refused: list[str] = []
        for number in numbers:
            act = replace(self.act(number), origin=f"{self.origin}:#{number}")
            try:
                ticket = await action(act)
            except Refusal as exc:
                refused.append(self.services.texts.refusal(exc, seen_in=self.chat_id))
                continue
            group = await self.services.stores.chats.get(ticket.chat_id)
            title, heard = (group.title, group.active) if group else (None, True)
            acted.append((self.services.texts.label(ticket, self.chat_id), title, heard))
        return acted, refused

    async def told_in_group(self, ticket: Ticket, what: str) -> None:
        """In private, say back what a worker's command did and in which group it was told
        (in a group, the group's own announcement answers the command)."""
        if self.in_group:
            return
        group = await self.services.stores.chats.get(ticket.chat_id)
        title, heard = (group.title, group.active) if group is not None else (None, True)
        await self.answer(self.services.texts.told_in_group(ticket, what, title, heard=heard))

    async def answer(self, text: str) -> None:
        """Answer the command in its chat, once (a replayed command is not answered again; the
        same answer still waiting there is not queued twice)."""
        await usecases.answer(  # in the supergroup, if the group moved since (`answer` says)
            self.services,
            self.message.chat_id,
            text,
            reply_to=self.message.message_id,
            origin=f"{self.origin}:answer",
            coalesce=True,
            thread_id=thread_of(self.message),  # there, should the command be deleted
        )


async def replied_ticket(
    asked: Asked, usage: str, ambiguous: str, unfiled: str = texts.WAITS_FOR_JUDGING
) -> int | None:
    """The ticket named by the acknowledgement or the bot's post about it (接单, 进展, a
    reminder, an alert) a command without a number replies to, or raised by the resident's
    report it replies to (as /assign takes it) — after saying why not (its `usage`, or
    `ambiguous` under a post about several tickets)."""
    replied = replied_to(asked.message)
    if replied is None or replied.from_user is None:
        await asked.answer(usage)
        return None
    here, by_bot = asked.here(replied.message_id), replied.from_user.is_bot
    named = await tickets_named(asked.services, asked.chat_id, here, by_bot=by_bot)
    if not named and not by_bot:
        await unfiled_reply(asked, here, usage, unfiled)
    elif len(named) != 1:
        await asked.answer(ambiguous if named else usage)
    return named[0] if len(named) == 1 else None


async def unfiled_reply(
    asked: Asked, message_id: int, usage: str, unfiled: str = texts.WAITS_FOR_JUDGING
) -> None:
    """A command without a number replies to a resident's message that is no ticket: one that
    waits for 研判 is said to (`unfiled`: by default how to file it, /new as a reply); else the
    `usage`."""
    waiting = await asked.services.stores.triage.waiting(asked.chat_id, message_id)
    await asked.answer(unfiled if waiting is not None else usage)


def command(
    *,
    where: Literal["group", "private", "any", "group_or_worker"] = "any",
    workers_only: bool = False,
    reads_only: bool = False,
) -> Callable[[Callable[[Asked], Awaitable[None]]], Handler]:
    """The opening every command shares: the right kind of chat, the right role, and a polite
    answer for any refusal the rules of the loop raise (`Texts.refusal`). `reads_only`: it
    changes nothing, so an anonymous admin (whom nobody can recognise) may use it too.
    `where="group_or_worker"`: in a group, or in private for a worker (by number, any group's
    ticket); a resident in private is pointed to her group."""

    def wrap(body: Callable[[Asked], Awaitable[None]]) -> Handler:
        @functools.wraps(body)
        async def handler(update: Update, context: BotContext) -> None:
            message = update.effective_message
            if message is None:
                return
            services = context.services
            in_group = is_group(update)
            moved = await services.stores.chats.moved_to(message.chat_id) if in_group else None
            asked = Asked(
                services, message, person_of(update.effective_user), list(context.args or []),
                in_group, moved,
            )  # fmt: skip
            chat = update.effective_chat
            if not asked.in_group:  # the bot may write to this person from now (an alert)
                await usecases.seen_in_private(services, asked.actor)
            elif chat is not None and moved is None:  # named by @username later
                await usecases.seen_in_group(
                    services, chat.id, chat.title, chat.type, asked.actor, bool(chat.is_forum)
                )
            speaker = message.sender_chat  # the group itself (anonymous admin) or a channel
            if speaker is not None and not reads_only:  # nobody to recognise
                own = speaker.id == message.chat_id
                await asked.answer(texts.ANONYMOUS_ADMIN if own else texts.SPEAKING_AS_CHANNEL)
            elif not asked.in_group and (
                where == "group"
                or (
                    where == "group_or_worker"
                    and not services.config.roles.is_worker(asked.actor.id)
                )
            ):
                await asked.answer(texts.GROUP_ONLY)
            elif where == "private" and asked.in_group:
                await asked.answer(texts.private_only(context.bot.username))
            elif workers_only and not services.config.roles.is_worker(asked.actor.id):
                await asked.answer(texts.NOT_WORKER)
            else:
                try:
                    await body(asked)
                except Refusal as exc:
                    await asked.answer(services.texts.refusal(exc, seen_in=asked.chat_id))

        return handler

    return wrap


_NOT_WORDS = re.compile(r"@\w+|/\w+|[^\w\u3400-\u9fff]|[\d_]")
_CHINESE = re.compile(r"[\u3400-\u9fff]")


def describes_something(text: str) -> bool:
    """Whether /new's words say anything: two Chinese characters or four letters once the
    @mentions, commands, numbers and signs are left out ("/new @everyone" says nothing)."""
    words = _NOT_WORDS.sub("", text)
    chinese = len(_CHINESE.findall(words))
    return chinese >= 2 or len(words) - chinese >= 4
