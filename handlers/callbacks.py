"""Inline buttons: 接单 under an acknowledgement, 满意 / 基本满意 / 不满意 under a done notice."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import texts
from bot.core.tickets import Status, TransitionError
from bot.runtime.keyboards import RATING_CODES, parse_callback
from bot.runtime.services import Services
from handlers.common import person_of
from storage.outbox import Prompt
from storage.rows import TicketNotFound
from storage.ticket_actions import Refused

__all__ = ["on_button"]

_REFUSALS = {
    "not_reporter": texts.ONLY_REPORTER,
    "closed": texts.RATING_CLOSED,
    "not_now": texts.RATING_NOT_NOW,
}


async def _answer(update: Update, text: str, alert: bool = False) -> None:
    query = update.callback_query
    if query is not None:
        # The query may be too old to answer; nothing else depends on it.
        with contextlib.suppress(TelegramError):
            await query.answer(text, show_alert=alert)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    services, query = Services.of(context), update.callback_query
    parsed = parse_callback(query.data if query else None)
    message = query.message if query else None
    if query is None or parsed is None or message is None:
        await _answer(update, "按钮已失效")
        return
    kind, ticket_id, code = parsed
    try:
        await services.tickets.get(ticket_id, chat_id=message.chat.id)
    except TicketNotFound:
        await _answer(update, "按钮已失效")
        return
    if kind == "take":
        await _take(services, update, ticket_id)
    elif kind == "rate" and code in RATING_CODES:
        await _rate(services, update, ticket_id, code)
    else:
        await _answer(update, "按钮已失效")


async def _take(services: Services, update: Update, ticket_id: int) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    worker = person_of(query.from_user)
    if not services.config.roles.is_worker(worker.id):
        await _answer(update, texts.TAKE_WORKERS_ONLY, alert=True)
        return
    chat_id = query.message.chat.id
    try:
        ticket = await services.actions.assign(ticket_id, chat_id, worker, worker, services.clock())
    except TransitionError as exc:
        await _answer(update, texts.cannot(f"#{ticket_id}", exc.status, exc.action), alert=True)
        return
    await _answer(update, texts.TAKEN)
    with contextlib.suppress(TelegramError):
        await query.edit_message_reply_markup(None)
    await services.messenger.send(chat_id, services.texts.assigned(ticket, worker))


async def _rate(services: Services, update: Update, ticket_id: int, code: str) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    rater = person_of(query.from_user)
    try:
        result = await services.actions.rate(ticket_id, rater, RATING_CODES[code], services.clock())
    except Refused as exc:
        await _answer(update, _REFUSALS.get(exc.reason, texts.RATING_CLOSED), alert=True)
        return
    await _answer(
        update, texts.RATING_SAME if result.outcome == "unchanged" else texts.RATING_THANKS
    )
    chat_id, ticket = query.message.chat.id, result.ticket
    if result.outcome == "reopened":
        sent = await services.messenger.send(chat_id, services.texts.rated_reopened(ticket, rater))
        if sent is not None:
            await services.outbox.add_prompt(
                Prompt(chat_id, sent.message_id, ticket.id, "reason", rater.id), services.clock()
            )
    elif ticket.status is Status.CLOSED and ticket.rating is not None:
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(None)
        await services.messenger.send(
            chat_id, services.texts.rated_closed(ticket, rater, ticket.rating)
        )
