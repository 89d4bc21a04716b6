"""Inline buttons: 接单 under an acknowledgement, 满意 / 基本满意 / 不满意 under a done notice,
登记为诉求 · 改类别 · 不是诉求 under a 研判 notice."""

from __future__ import annotations

import contextlib

from telegram import CallbackQuery, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError

from bot import texts
from bot.core import permissions
from bot.core.tickets import Person, Refusal, Status, Ticket, TicketNotFound
from bot.core.triage import Decision
from bot.core.verdicts import VerdictEffect
from bot.runtime import triage, usecases
from bot.runtime.context import BotContext
from bot.runtime.keyboards import (
    RATING_CODES,
    callback_round,
    category_buttons,
    parse_callback,
)
from bot.runtime.services import Services
from handlers.common import person_of
from storage.acted import press_origin
from storage.ticket_actions import RateOutcome

__all__ = ["on_button"]


async def _answer(query: CallbackQuery, text: str, alert: bool = False) -> None:
    # The query may be too old to answer; nothing else depends on it.
    with contextlib.suppress(TelegramError):
        await query.answer(text, show_alert=alert)


async def _drop_buttons(query: CallbackQuery) -> None:
    with contextlib.suppress(TelegramError):
        await query.edit_message_reply_markup(None)


async def _take(query: CallbackQuery, services: Services, act: usecases.Act) -> None:
    async def taken(_: Ticket) -> None:
        await _answer(query, texts.TAKEN)
        await _drop_buttons(query)

    await usecases.assign(services, act, act.actor, then=taken, take=True)


async def _rate(
    query: CallbackQuery,
    services: Services,
    ticket_id: int,
    rater: Person,
    code: str,
    where: int | None,
) -> None:
    origin = press_origin(query.id)

    async def rated(result: RateOutcome) -> None:
        unchanged = result.outcome is VerdictEffect.UNCHANGED
        await _answer(query, texts.RATING_SAME if unchanged else texts.RATING_THANKS)
        if result.ticket.status is Status.CLOSED and not unchanged:
            await _drop_buttons(query)

    given_in = callback_round(query.data)
    await usecases.rate(
        services, ticket_id, rater, RATING_CODES[code], then=rated, origin=origin, where=where,
        given_in=given_in,
    )  # fmt: skip


async def _triage(
    query: CallbackQuery, services: Services, item_id: int, presser: Person, kind: str, code: str
) -> None:
    """A worker's 研判: file it (with the guessed category, or one chosen), or dismiss it."""
    names = services.texts.category_names
    removed = kind == "tcat" and code not in names  # a category the config no longer has
    if (kind == "triage" and code == "c") or removed:  # 改类别: the categories, as buttons
        permissions.require_worker(services.config.roles, presser.id)
        await services.stores.triage.require_waiting(item_id, presser)  # judged meanwhile?
        if not removed:
            await _answer(query, texts.CHOOSE_CATEGORY)
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(category_buttons(item_id, names))
        if removed:  # said as an alert, above the categories there are now
            raise permissions.Refused(permissions.Reason.UNKNOWN_CATEGORY)
        return
    if kind == "tcat" and code in names:
        decision, category = Decision.FILE, code
    elif kind == "triage" and code in ("f", "d"):
        decision, category = (Decision.FILE if code == "f" else Decision.DISMISS), None
    else:
        await _answer(query, texts.BUTTON_EXPIRED)
        return
    origin = press_origin(query.id)
    item = await triage.decide(services, item_id, presser, decision, category, origin=origin)
    here = (query.message.chat.id, query.message.message_id) if query.message else None
    who = item.decided_name or presser.name or ""
    said = await triage.settle_decided(services, item, who, skip=here)  # the others' copies
    await _answer(query, texts.TRIAGE_THANKS)
    with contextlib.suppress(TelegramError):
        await query.edit_message_text(said, parse_mode=ParseMode.HTML, reply_markup=None)


async def on_button(update: Update, context: BotContext) -> None:
    """Take a ticket, or give a verdict; a refusal is shown as an alert under the button."""
    query = update.callback_query
    parsed = parse_callback(query.data) if query else None
    if query is None or parsed is None or query.message is None:
        if query is not None:
            await _answer(query, texts.BUTTON_EXPIRED)
        return
    (kind, ticket_id, code), services = parsed, context.services
    presser, chat = person_of(query.from_user), query.message.chat
    usecases.seen_acting(services, presser)
    scope = None if chat.type == ChatType.PRIVATE else chat.id  # an urgent alert: any group
    if scope is not None:  # a press in a group that became a supergroup: its tickets are there
        scope = await services.stores.chats.moved_to(scope) or scope
    try:
        if kind in ("triage", "tcat"):
            await _triage(query, services, ticket_id, presser, kind, code)
            return
        await services.stores.tickets.get(ticket_id, chat_id=scope)
        if kind == "take":
            act = usecases.Act(ticket_id, presser, scope, origin=press_origin(query.id))
            await _take(query, services, act)
        elif kind == "rate" and code in RATING_CODES:
            await _rate(query, services, ticket_id, presser, code, scope)
        else:
            await _answer(query, texts.BUTTON_EXPIRED)
    except Refusal as exc:
        expired = isinstance(exc, TicketNotFound)  # a short note, as for any stale button
        chosen = services.texts.category_names.get(code) if kind == "tcat" else None
        judging = kind in ("triage", "tcat")
        if judging and _off_roster(exc, presser, chat.id):
            await _retire_copy(query, services, ticket_id)
            return
        said = services.texts.button_refusal(exc, judging=judging, chosen=chosen, seen_in=scope)
        said = texts.html_to_plain(said)  # an alert is plain text
        await _answer(query, said, alert=not expired)


def _off_roster(exc: Refusal, presser: Person, chat_id: int) -> bool:
    """Whether a 研判 press was refused because its worker has left the roster: his own copy,
    in his private chat (only workers are sent one)."""
    refused = isinstance(exc, permissions.Refused) and exc.reason is permissions.Reason.WORKERS_ONLY
    return refused and presser.id == chat_id


async def _retire_copy(query: CallbackQuery, services: Services, item_id: int) -> None:
    """A former worker's copy of a 研判 notice says he no longer judges, above her words, and
    loses its buttons; the item waits for the workers there are."""
    await _answer(query, texts.TRIAGE_OFF_ROSTER, alert=True)
    item = await services.stores.triage.get(item_id)
    if item is None:
        await _drop_buttons(query)
        return
    said = texts.triage_settled(texts.TRIAGE_OFF_ROSTER, item)
    with contextlib.suppress(TelegramError):
        await query.edit_message_text(said, parse_mode=ParseMode.HTML, reply_markup=None)
