"""Households' verdicts on a done ticket: each one given, and the silent ones asked again."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot import texts
from bot.core.tickets import Person, Rating, Status, Ticket
from bot.core.timeutil import next_outside
from bot.core.verdicts import VerdictEffect
from bot.runtime.answers import answer
from bot.runtime.keyboards import rating_buttons
from bot.runtime.services import Services
from storage.acted import AlreadyActed
from storage.ticket_actions import RateOutcome

__all__ = ["ask_silent_households", "rate"]

log = logging.getLogger(__name__)


async def rate(
    services: Services,
    ticket_id: int,
    rater: Person,
    rating: Rating,
    *,
    then: Callable[[RateOutcome], Awaitable[None]] | None = None,
    origin: str | None = None,
) -> RateOutcome:
    """One household's verdict (`bot.core.verdicts` says what it does); the group is told, a
    不满意 is asked why, and then `then` runs. A replayed press changes nothing again; what it
    said is queued once, as before."""
    stores = services.stores
    try:
        result = await stores.actions.rate(
            ticket_id, rater, rating, services.clock(), origin=origin
        )
    except AlreadyActed as done_before:
        outcome = VerdictEffect(done_before.outcome or VerdictEffect.UNCHANGED)
        result = RateOutcome(await stores.tickets.get(ticket_id), outcome)
    if result.outcome is not VerdictEffect.UNCHANGED:
        await _tell(services, result.ticket, rater, rating, result.outcome, origin)
    if then is not None:
        await then(result)
    return result


async def _tell(
    services: Services,
    ticket: Ticket,
    rater: Person,
    rating: Rating,
    effect: VerdictEffect,
    origin: str | None,
) -> None:
    stores, said = services.stores, services.texts
    label = said.label(ticket)
    if rating is Rating.DISSATISFIED:  # whoever is unhappy is asked why, and the worker told
        body = (
            said.rated_reopened(ticket, rater)
            if effect is VerdictEffect.REOPENED
            else texts.also_unhappy(label, rater)
        )
        await stores.outbox.ask_reason(
            ticket.chat_id,
            body,
            services.clock(),
            ticket_id=ticket.id,
            user_id=rater.id,
            origin=f"{origin}:ask" if origin else None,
        )
        services.posts.kick(ticket.chat_id)
        return
    if effect is VerdictEffect.CLOSED:
        body = texts.rated_all_pleased(label, rater, rating, ticket.households_rated)
    else:
        waiting = [p for p, given in await stores.tickets.verdicts(ticket.id) if given is None]
        body = texts.rated_recorded(
            label, rater, rating, waiting if ticket.status is Status.DONE else []
        )
    await answer(services, ticket.chat_id, body, origin=f"{origin}:told" if origin else None)


async def ask_silent_households(services: Services) -> int:
    """Half way through the rating window, ask once more the households that have not given
    their verdict (outside quiet hours), with the buttons."""
    now, schedule = services.clock(), services.config.schedule
    window = services.loop.rating_window
    asked = 0
    for ticket in await services.stores.tickets.awaiting_verdicts(now - window / 2):
        waiting = [
            person
            for person, given in await services.stores.tickets.verdicts(ticket.id)
            if given is None and person.id is not None
        ]
        body = texts.ask_again(services.texts.label(ticket), waiting) if waiting else None
        not_before = next_outside(now, schedule.quiet_hours, schedule.tz)
        markup = rating_buttons(ticket.id).to_dict()
        if await services.stores.actions.ask_again(ticket.id, now, body, markup, not_before):
            asked += 1 if body else 0
    if asked:
        log.info("asked %d ticket(s)' silent households for their verdict again", asked)
    return asked
