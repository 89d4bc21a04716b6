"""A reporter says her problem went away ("算了不用了 我儿子换好了", "没事了 来水了") or was sent by
mistake ("发错群了"): she is told how to withdraw it. Never withdrawn for her — she may mean
another thing, or have given up ("算了 说了也没用") while the problem is still there."""

from __future__ import annotations

from datetime import timedelta

from bot import texts
from bot.classify import Verdict
from bot.core.tickets import Person, Status, Ticket
from bot.core.withdrawal import says_its_over, sent_by_mistake, takes_back_waiting
from bot.runtime import alerts
from bot.runtime.alerts import rewrite_copies
from bot.runtime.answers import answer
from bot.runtime.services import Services
from bot.runtime.ticket_view import tickets_named
from bot.runtime.triage_notices import triage_notice_origins

__all__ = ["OWN_RECENT", "told_its_over"]

# A message of her own (not a reply) is about her open ticket reported this recently.
OWN_RECENT = timedelta(hours=24)


async def told_its_over(
    services: Services,
    *,
    chat_id: int,
    message_id: int,
    reply_to: int | None,
    author: Person,
    text: str,
    heard: Verdict,
    to_bot: bool,
    thread_id: int | None = None,
) -> bool:
    """Words of a ticket's only household, no complaint themselves, that say it is over (or
    was sent by mistake: "发错群了"): under its report or acknowledgement, or on their own
    within `OWN_RECENT` of it, while nobody has taken it. Answered once a ticket with how to
    withdraw it (/cancel N); an urgent one's workers, alerted in private, are told her words
    there, once."""
    if heard.is_complaint or heard.urgent or author.id is None:
        return False
    mistake = sent_by_mistake(text)
    if not (mistake or says_its_over(text)):
        return False
    ticket = await _hers(services, chat_id, reply_to, to_bot, author.id)
    if ticket is None:  # her message still waiting for 研判: not filed when its hour is up
        if not takes_back_waiting(text):
            return False
        return await _over_while_waiting(services, chat_id, reply_to, author.id, text)
    said = (
        services.texts.sent_by_mistake(ticket) if mistake else services.texts.said_its_over(ticket)
    )
    over = f"over:{ticket.id}"
    await answer(services, chat_id, said, reply_to=message_id, origin=over, thread_id=thread_id)
    if ticket.urgent:  # the workers woken for it hear it too, under their alert: once
        told = texts.alerted_its_over(services.texts.label(ticket), ticket.id, text)
        for worker, alert in await alerts.alerted_copies(services, ticket):
            origin = f"over:{ticket.id}:{worker}"
            await answer(services, worker, told, reply_to=alert, origin=origin, ticket_id=ticket.id)
    return True


async def _hers(
    services: Services, chat_id: int, reply_to: int | None, to_bot: bool, user_id: int
) -> Ticket | None:
    store = services.stores.tickets
    if reply_to is not None:  # her report, or the bot's one acknowledgement or post about it
        named = await tickets_named(services, chat_id, reply_to, by_bot=to_bot)
        candidates = [await store.get(named[0])] if len(named) == 1 else []
    else:
        since = services.clock() - OWN_RECENT
        candidates = [
            t
            for t, _ in await store.of_household(chat_id, user_id, limit=1)
            if t.created_at >= since
        ]
    for ticket in candidates:
        if ticket.status is Status.OPEN and ticket.households <= 1 and ticket.chat_id == chat_id:
            reporters = await store.reporters(ticket.id)
            if [p.id for p in reporters] == [user_id]:
                return ticket
    return None


async def _over_while_waiting(
    services: Services, chat_id: int, reply_to: int | None, user_id: int, text: str
) -> bool:
    """Her one message waiting for 研判 (the one she replies to, if she does), no neighbour's
    "+1" under it: it no longer waits — the timeout would file it and answer her 已受理 for a
    problem she said is over. Nothing was said of it in the group, nor is now; every worker's
    notice says what she said. False when no such message waits."""
    if not services.triage.enabled:
        return False
    since = services.clock() - services.triage.wait
    waiting = await services.stores.triage.waiting_from(chat_id, user_id, since)
    if reply_to is not None:
        waiting = [item for item in waiting if item.message_id == reply_to]
    if len(waiting) != 1 or await services.stores.seconds.households(waiting[0].id):
        return False
    item = waiting[0]
    if not await services.stores.triage.withdraw(item.id):
        return False  # judged meanwhile
    body = texts.triage_settled(texts.triage_said_over(text), item)
    await rewrite_copies(services, triage_notice_origins(services, item.id), body)
    return True
