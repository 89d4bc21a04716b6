"""Inline buttons: 接单 under an acknowledgement, 满意 / 基本满意 / 不满意 under a done notice."""

from __future__ import annotations

import contextlib

from telegram import CallbackQuery, Update
from telegram.error import TelegramError

from bot import texts
from bot.core.tickets import Refusal, Status
from bot.runtime import usecases
from bot.runtime.context import BotContext
from bot.runtime.keyboards import RATING_CODES, parse_callback
from handlers.common import person_of

__all__ = ["on_button"]


async def _answer(query: CallbackQuery, text: str, alert: bool = False) -> None:
    # The query may be too old to answer; nothing else depends on it.
    with contextlib.suppress(TelegramError):
        await query.answer(text, show_alert=alert)


async def _drop_buttons(query: CallbackQuery) -> None:
    with contextlib.suppress(TelegramError):
        await query.edit_message_reply_markup(None)


async def on_button(update: Update, context: BotContext) -> None:
    """Take a ticket, or give a verdict; a refusal is shown as an alert under the button."""
    query = update.callback_query
    if query is None:
        return
    parsed = parse_callback(query.data)
    message, services, presser = query.message, context.services, person_of(query.from_user)
    if parsed is None or message is None or (parsed[0] == "rate" and parsed[2] not in RATING_CODES):
        await _answer(query, texts.BUTTON_EXPIRED)
        return
    kind, ticket_id, code = parsed
    try:
        await services.stores.tickets.get(ticket_id, chat_id=message.chat.id)
        if kind == "take":
            await usecases.assign(services, ticket_id, message.chat.id, presser, presser)
            await _answer(query, texts.TAKEN)
            await _drop_buttons(query)
        elif kind == "rate":
            result = await usecases.rate(services, ticket_id, presser, RATING_CODES[code])
            same = result.outcome == "unchanged"
            await _answer(query, texts.RATING_SAME if same else texts.RATING_THANKS)
            if result.ticket.status is Status.CLOSED and result.outcome != "unchanged":
                await _drop_buttons(query)
        else:
            await _answer(query, texts.BUTTON_EXPIRED)
    except Refusal as exc:
        await _answer(query, services.texts.button_refusal(exc), alert=True)
