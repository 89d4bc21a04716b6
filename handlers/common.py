"""Small helpers shared by the handlers: who is speaking, ticket numbers, roles, replies."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from telegram import Message, Update, User
from telegram.constants import ChatType

from bot import texts
from bot.core.tickets import Person, Ticket
from bot.runtime.services import Services
from storage.rows import TicketNotFound

__all__ = [
    "is_group",
    "parse_ticket_number",
    "person_of",
    "reply",
    "require_group",
    "require_worker",
    "split_number",
    "ticket_argument",
]

MAX_TICKET_NUMBER = 2**53
_NUMBER = re.compile(r"^[#＃№]?(\d{1,16})$")


def person_of(user: User | None) -> Person:
    if user is None:
        return Person(None, "匿名")
    return Person(user.id, user.full_name or user.username or str(user.id), user.username)


def parse_ticket_number(argument: str) -> int | None:
    """`12`, `#12`, `＃１２` → 12; anything else (negative, huge, words) → None."""
    match = _NUMBER.match(unicodedata.normalize("NFKC", argument.strip()))
    if not match:
        return None
    number = int(match.group(1))
    return number if 0 < number < MAX_TICKET_NUMBER else None


def split_number(args: Sequence[str]) -> tuple[int | None, list[str]]:
    """The ticket number (first argument) and the rest of the arguments."""
    if not args:
        return None, []
    return parse_ticket_number(args[0]), list(args[1:])


def is_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def reply(services: Services, message: Message, text: str) -> Message | None:
    """Answer a message in its chat (always at once: a person is waiting)."""
    return await services.messenger.send(message.chat_id, text, reply_to=message.message_id)


async def require_group(services: Services, update: Update) -> bool:
    if is_group(update):
        return True
    if update.effective_message is not None:
        await reply(services, update.effective_message, texts.GROUP_ONLY)
    return False


async def require_worker(services: Services, update: Update) -> bool:
    """True for grid workers and admins; anyone else gets a polite refusal."""
    user = update.effective_user
    if services.config.roles.is_worker(user.id if user else None):
        return True
    if update.effective_message is not None:
        await reply(services, update.effective_message, texts.NOT_WORKER)
    return False


async def ticket_argument(
    services: Services, message: Message, args: Sequence[str], usage: str
) -> tuple[Ticket, list[str]] | None:
    """The ticket named by the first argument, in this group; else a usage or not-found reply."""
    number, rest = split_number(args)
    if number is None:
        await reply(services, message, usage)
        return None
    scope = message.chat_id if message.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP) else None
    try:
        return await services.tickets.get(number, chat_id=scope), rest
    except TicketNotFound:
        await reply(services, message, texts.not_found(number))
        return None
