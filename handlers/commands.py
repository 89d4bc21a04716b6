"""Commands in groups and private chats: /assign /done /list /ticket /new /help."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import MessageEntityType
from telegram.ext import ContextTypes

from bot import texts
from bot.core.tickets import Person, TransitionError
from bot.runtime.keyboards import rating_buttons
from bot.runtime.services import Services
from handlers.common import (
    is_group,
    person_of,
    reply,
    require_group,
    require_worker,
    split_number,
)
from handlers.intake import file_complaint
from storage.rows import TicketNotFound

__all__ = ["assign", "done", "help_command", "list_tickets", "new", "show_ticket"]

MAX_NEW_CHARS = 1000


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    services = Services.of(context)
    if update.effective_message is not None:
        text = texts.HELP_GROUP if is_group(update) else texts.HELP_PRIVATE
        await reply(services, update.effective_message, text)


async def new(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/new <text>: file what the classifier did not recognise."""
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_group(services, update):
        return
    text = " ".join(context.args or []).strip()
    if not text:
        await reply(services, message, texts.NEW_USAGE)
    elif len(text) > MAX_NEW_CHARS:
        await reply(services, message, texts.NEW_TOO_LONG)
    else:
        await file_complaint(services, message, text, assume_complaint=True)


async def list_tickets(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_group(services, update):
        return
    tickets = await services.tickets.list_active(message.chat_id, limit=20)
    total = await services.tickets.count_active(message.chat_id)
    await reply(services, message, services.texts.active_list(tickets, total, services.clock()))


async def show_ticket(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_group(services, update):
        return
    number, _ = split_number(context.args or [])
    if number is None:
        await reply(services, message, texts.TICKET_USAGE)
        return
    try:
        ticket = await services.tickets.get(number, chat_id=message.chat_id)
    except TicketNotFound:
        await reply(services, message, texts.not_found(number))
        return
    history = await services.tickets.history(ticket.id)
    await reply(services, message, services.texts.ticket_detail(ticket, history, services.clock()))


async def _named_assignee(services: Services, message: Message, rest: list[str]) -> Person | str:
    """The worker named in /assign (reply, text mention or @username) or a refusal text."""
    replied = message.reply_to_message
    if replied is not None and replied.from_user and not replied.from_user.is_bot:
        candidate = person_of(replied.from_user)
    else:
        mention = next(
            (e for e in message.entities if e.type == MessageEntityType.TEXT_MENTION and e.user),
            None,
        )
        if mention is not None and mention.user is not None:
            candidate = person_of(mention.user)
        else:
            username = next((word for word in rest if word.startswith("@")), None)
            if username is None:
                return person_of(message.from_user)
            found = await services.chats.find_member(username)
            if found is None:
                return texts.ASSIGNEE_UNKNOWN.format(name=_escape(username))
            candidate = found
    if not services.config.roles.is_worker(candidate.id):
        return texts.ASSIGNEE_NOT_WORKER.format(name=_escape(candidate.name))
    return candidate


def _escape(text: str) -> str:
    return texts.echo(text, 40)


async def assign(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/assign <n> [@worker]: a worker takes a ticket, or hands it to another worker."""
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_group(services, update):
        return
    if not await require_worker(services, update):
        return
    number, rest = split_number(context.args or [])
    if number is None:
        await reply(services, message, texts.ASSIGN_USAGE)
        return
    assignee = await _named_assignee(services, message, rest)
    if isinstance(assignee, str):
        await reply(services, message, assignee)
        return
    actor = person_of(message.from_user)
    try:
        ticket = await services.actions.assign(
            number, message.chat_id, assignee, actor, services.clock()
        )
    except TicketNotFound:
        await reply(services, message, texts.not_found(number))
    except TransitionError as exc:
        label = services.texts.label(await services.tickets.get(number))
        await reply(services, message, texts.cannot(label, exc.status, exc.action))
    else:
        await reply(services, message, services.texts.assigned(ticket, assignee))


async def _done_target(services: Services, message: Message, args: list[str]) -> int | None:
    """The ticket /done is about: its number, or the acknowledgement it replies to."""
    number, _ = split_number(args)
    if number is not None:
        return number
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or not replied.from_user.is_bot:
        await reply(services, message, texts.DONE_USAGE)
        return None
    named = await services.tickets.ticket_of_ack(message.chat_id, replied.message_id)
    if len(named) != 1:
        await reply(services, message, texts.DONE_REPLY_AMBIGUOUS if named else texts.DONE_USAGE)
        return None
    args.insert(0, str(named[0]))
    return named[0]


async def done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/done <n> [note] (or as a reply to the acknowledgement): done; reporters rate it."""
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_group(services, update):
        return
    if not await require_worker(services, update):
        return
    args = list(context.args or [])
    number = await _done_target(services, message, args)
    if number is None:
        return
    note = " ".join(args[1:]).strip()[:500] or None
    try:
        ticket = await services.actions.mark_done(
            number, message.chat_id, note, person_of(message.from_user), services.clock()
        )
    except TicketNotFound:
        await reply(services, message, texts.not_found(number))
        return
    except TransitionError as exc:
        label = services.texts.label(await services.tickets.get(number))
        await reply(services, message, texts.cannot(label, exc.status, exc.action))
        return
    reporters = await services.tickets.reporters(ticket.id)
    await services.messenger.send(
        message.chat_id,
        services.texts.done(ticket, reporters),
        reply_to=message.message_id,
        markup=rating_buttons(ticket.id),
    )
