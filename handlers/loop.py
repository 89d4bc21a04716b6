"""Commands that carry a ticket through the loop: /reopen /cancel /category /note /merge."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.core.tickets import TransitionError
from bot.runtime.services import Services
from handlers.common import (
    is_group,
    person_of,
    reply,
    require_group,
    require_worker,
    ticket_argument,
)
from storage.ticket_actions import Refused

__all__ = ["cancel", "change_category", "merge", "note", "reopen"]


def _rest(words: list[str], limit: int = 500) -> str | None:
    return " ".join(words).strip()[:limit] or None


async def reopen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reopen <n> [reason]: a reporter, within the reopen window after done."""
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_group(services, update):
        return
    found = await ticket_argument(services, message, context.args or [], texts.REOPEN_USAGE)
    if found is None:
        return
    ticket, rest = found
    actor = person_of(message.from_user)
    reporters = {p.id for p in await services.tickets.reporters(ticket.id)}
    if actor.id not in reporters and not services.config.roles.is_worker(actor.id):
        await reply(services, message, texts.ONLY_REPORTER_REOPEN)
        return
    now = services.clock()
    if not services.loop.may_reopen(ticket, now):
        label = services.texts.label(ticket)
        if ticket.status.is_active or ticket.status.value == "cancelled":
            await reply(services, message, texts.cannot(label, ticket.status, "reopen"))
        else:
            days = services.loop.reopen_days
            await reply(services, message, texts.REOPEN_TOO_LATE.format(label=label, days=days))
        return
    reason = _rest(rest)
    updated = await services.actions.reopen(ticket.id, message.chat_id, actor, reason, now)
    await reply(services, message, services.texts.reopened(updated, actor, reason))


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cancel <n> [reason]: the only reporter withdraws it, or a worker: not a complaint."""
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_group(services, update):
        return
    found = await ticket_argument(services, message, context.args or [], texts.CANCEL_USAGE)
    if found is None:
        return
    ticket, rest = found
    actor = person_of(message.from_user)
    is_worker = services.config.roles.is_worker(actor.id)
    if not is_worker:
        reporters = {p.id for p in await services.tickets.reporters(ticket.id)}
        if actor.id not in reporters:
            await reply(services, message, texts.ONLY_REPORTER_CANCEL)
            return
        if reporters != {actor.id}:
            await reply(services, message, texts.OTHERS_REPORTED)
            return
    reason = _rest(rest)
    try:
        updated = await services.actions.cancel(
            ticket.id, message.chat_id, actor, reason, services.clock(), not_a_complaint=is_worker
        )
    except TransitionError as exc:
        label = services.texts.label(ticket)
        await reply(services, message, texts.cannot(label, exc.status, exc.action))
        return
    await reply(services, message, services.texts.cancelled(updated, actor, reason))


async def change_category(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/category <n> <id or 中文名>: a worker corrects the category (kept for learning)."""
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_group(services, update):
        return
    if not await require_worker(services, update):
        return
    names = services.classifier.category_names()
    usage = texts.category_usage(names)
    found = await ticket_argument(services, message, context.args or [], usage)
    if found is None:
        return
    ticket, rest = found
    wanted = rest[0].strip().lower() if rest else ""
    category = (
        wanted
        if wanted in names
        else next((key for key, name in names.items() if name == wanted), None)
    )
    if category is None:
        await reply(services, message, usage)
        return
    actor = person_of(message.from_user)
    updated = await services.actions.recategorise(
        ticket.id, message.chat_id, category, actor, services.clock()
    )
    await reply(services, message, services.texts.recategorised(updated))


async def note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/note <n> <text>: a worker's progress, shown to the group as 进展 and kept in history."""
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_group(services, update):
        return
    if not await require_worker(services, update):
        return
    found = await ticket_argument(services, message, context.args or [], texts.NOTE_USAGE)
    if found is None:
        return
    ticket, rest = found
    text = _rest(rest)
    if text is None:
        await reply(services, message, texts.NOTE_USAGE)
        return
    actor = person_of(message.from_user)
    try:
        updated = await services.actions.add_note(
            ticket.id, message.chat_id, actor, text, services.clock()
        )
    except Refused:
        await reply(
            services, message, texts.cannot(services.texts.label(ticket), ticket.status, "note")
        )
        return
    await reply(services, message, services.texts.progress(updated, actor, text))


async def merge(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/merge <a> <b>: fold b into a. In a group both must be its own; in private, any two."""
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_worker(services, update):
        return
    args = context.args or []
    first = await ticket_argument(services, message, args[:1], texts.MERGE_USAGE)
    if first is None:
        return
    second = await ticket_argument(services, message, args[1:2], texts.MERGE_USAGE)
    if second is None:
        return
    actor = person_of(message.from_user)
    scope = message.chat_id if is_group(update) else None
    try:
        into, merged = await services.actions.merge(
            first[0].id, second[0].id, scope, actor, services.clock()
        )
    except Refused as exc:
        answer = texts.MERGE_SAME if exc.reason == "same_ticket" else texts.RATING_CLOSED
        await reply(services, message, answer)
        return
    except TransitionError as exc:
        label = services.texts.label(second[0])
        await reply(services, message, texts.cannot(label, exc.status, exc.action))
        return
    await services.messenger.send(into.chat_id, services.texts.merged_into(into, merged))
    if merged.chat_id != into.chat_id or message.chat_id != into.chat_id:
        group = await services.chats.get(into.chat_id)
        away = services.texts.merged_away(into, merged, group.title if group else None)
        await services.messenger.send(merged.chat_id, away)
