"""Households' verdicts on a done ticket: each one given, and the silent ones asked again."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial

from bot import texts
from bot.core.privacy import as_seen_in
from bot.core.tickets import Person, Rating, Status, Ticket
from bot.core.timeutil import next_outside
from bot.core.verdicts import VerdictEffect
from bot.runtime.alerts import alerts_reopened
from bot.runtime.answers import answer
from bot.runtime.keyboards import rating_buttons
from bot.runtime.services import Services
from storage.acted import AlreadyActed
from storage.ticket_actions import RateOutcome

__all__ = ["ask_silent_households", "rate", "waiting_for_her"]

log = logging.getLogger(__name__)


async def waiting_for_her(services: Services, user_id: int) -> list[tuple[Ticket, str]]:
    """Her tickets done and waiting for her verdict, each as seen in the group she reported it
    in, with that group's title: where her "满意" said to the bot in private is to be given."""
    store = services.stores.tickets
    done = [t for t in await store.of_reporter(user_id) if t.status is Status.DONE]
    reports = await store.reports_of([t.id for t in done])
    titles = await services.stores.chats.titles() if done else {}
    waiting: list[tuple[Ticket, str]] = []
    for ticket in done:
        own = [r for r in reports.get(ticket.id, []) if r.user_id == user_id and not r.staff]
        if own and await store.verdict_of(ticket.id, user_id) is None:
            where = own[0].chat_id
            waiting.append((as_seen_in(ticket, where), titles.get(where, "")))
    return waiting


async def rate(
    services: Services,
    ticket_id: int,
    rater: Person,
    rating: Rating,
    *,
    then: Callable[[RateOutcome], Awaitable[None]] | None = None,
    origin: str | None = None,
    where: int | None = None,
    given_in: int | None = None,
    reason: str | None = None,
) -> RateOutcome:
    """One household's verdict (`bot.core.verdicts` says what it does); the group it was given
    in (`where`, by default the ticket's) is told, a 不满意 is asked why (unless it came with
    its `reason`, in words), and then `then` runs. `given_in`: the round of the button or
    notice it answers. A replayed press changes nothing again; what it said is queued once."""
    stores = services.stores
    replayed = False
    try:
        result = await stores.actions.rate(
            ticket_id, rater, rating, services.clock(), origin=origin, given_in=given_in
        )
    except AlreadyActed as done_before:
        outcome = VerdictEffect(done_before.outcome or VerdictEffect.UNCHANGED)
        result, replayed = RateOutcome(await stores.tickets.get(ticket_id), outcome), True
    if result.outcome is VerdictEffect.REOPENED:  # again when replayed: each happens once
        result = replace(result, ticket=await back_to_roster(services, result.ticket))
        await alerts_reopened(services, ticket_id, reason, rater.id)  # a danger may be back
    # handled before (a restart, or an answer edited since): if that answer gave another
    # verdict ("修好了" edited into "没修好"), it stands — nothing is said or kept again
    if replayed and await stores.tickets.verdict_of(ticket_id, rater.id) is not rating:
        if then is not None:
            await then(result)
        return result
    here = where if where is not None else result.ticket.chat_id
    if result.outcome is not VerdictEffect.UNCHANGED:
        if rating is Rating.DISSATISFIED and reason:
            await _unhappy_with_reason(services, result, here, rater, reason, origin)
        else:
            await _tell(services, result.ticket, here, rater, rating, result.outcome, origin)
    elif rating is Rating.DISSATISFIED and reason:  # 不满意 pressed before, the reason said now
        await _forward_reason(services, result.ticket, here, rater, reason, origin)
    if then is not None:
        await then(result)
    return result


async def back_to_roster(services: Services, ticket: Ticket) -> Ticket:
    """A ticket reopened into the hands of someone no longer a worker (taken off the config
    since they finished it) is 待接单 instead, for any worker (as at start)."""
    roles = services.config.roles
    if ticket.status is not Status.ASSIGNED or roles.is_worker(ticket.assignee_id):
        return ticket
    await services.stores.actions.release_from_former(roles.roster(), services.clock())
    return await services.stores.tickets.get(ticket.id)


async def _unhappy_with_reason(
    services: Services,
    result: RateOutcome,
    here: int,
    rater: Person,
    reason: str,
    origin: str | None,
) -> None:
    """不满意 said in words: the words are the reason; the group (and the ticket's own group,
    where the worker is) hears both at once, nobody is asked why."""
    ticket = result.ticket
    await _keep_reason(services, ticket, rater, reason, origin)
    reopened = result.outcome is VerdictEffect.REOPENED

    def body(seen: Ticket) -> str:
        return services.texts.unhappy_in_words(seen, rater, reason, reopened=reopened)

    await _tell_both(services, ticket, here, body, origin)


async def _forward_reason(
    services: Services, ticket: Ticket, here: int, rater: Person, reason: str, origin: str | None
) -> None:
    """The reason for a 不满意 given earlier: kept, and passed to the worker."""
    await _keep_reason(services, ticket, rater, reason, origin)

    def body(seen: Ticket) -> str:
        return services.texts.reason_forwarded(seen, rater, reason)

    await _tell_both(services, ticket, here, body, origin)


async def _keep_reason(
    services: Services, ticket: Ticket, rater: Person, reason: str, origin: str | None
) -> None:
    with contextlib.suppress(AlreadyActed):
        await services.stores.actions.set_reason(
            ticket.id,
            rater,
            reason[:500],
            services.clock(),
            origin=f"{origin}:reason" if origin else None,
        )


async def _tell_both(
    services: Services,
    ticket: Ticket,
    here: int,
    body: Callable[[Ticket], str],
    origin: str | None,
) -> None:
    """In the group it was said in, and in the ticket's own group (the worker's) if another:
    `body` words it for each, as that group sees the ticket (a merged-in group: no flat); in a
    group with topics, in the ticket's topic there."""
    about = partial(answer, services, ticket_id=ticket.id)
    told = body(as_seen_in(ticket, here))
    await about(here, told, origin=f"{origin}:told" if origin else None)
    if here != ticket.chat_id:
        await about(ticket.chat_id, body(ticket), origin=f"{origin}:home" if origin else None)


async def _tell(
    services: Services,
    ticket: Ticket,
    here: int,
    rater: Person,
    rating: Rating,
    effect: VerdictEffect,
    origin: str | None,
) -> None:
    stores, said = services.stores, services.texts
    about = partial(answer, services, ticket_id=ticket.id)  # with topics: in its topic
    seen = as_seen_in(ticket, here)  # a merged-in group: not the flat's number
    label = said.label(seen)
    if effect is VerdictEffect.REOPENED and here != ticket.chat_id:  # the worker's group too
        home = said.rated_reopened(ticket, rater).split("\n")[0]
        await about(ticket.chat_id, home, origin=f"{origin}:home" if origin else None)
    if rating is Rating.DISSATISFIED:  # whoever is unhappy is asked why, and the worker told
        body = (
            said.rated_reopened(seen, rater)
            if effect is VerdictEffect.REOPENED
            else texts.also_unhappy(label, rater)
        )
        await stores.outbox.ask_reason(
            here,
            body,
            services.clock(),
            ticket_id=ticket.id,
            user_id=rater.id,
            origin=f"{origin}:ask" if origin else None,
        )
        services.posts.kick(here)
        return
    done = ticket.status is Status.DONE
    verdicts = await stores.tickets.verdicts(ticket.id, here) if done else []
    waiting = [person for person, given in verdicts if given is None]

    def told(shown: str) -> str:
        if effect is VerdictEffect.CLOSED:
            return texts.rated_all_pleased(shown, rater, rating, ticket.households_rated)
        return texts.rated_recorded(shown, rater, rating, waiting)

    await about(here, told(label), origin=f"{origin}:told" if origin else None)
    if here != ticket.chat_id and effect is not VerdictEffect.RECORDED:  # closed, or done again
        home = told(said.label(ticket))  # its own group sees the flat's number
        await about(ticket.chat_id, home, origin=f"{origin}:home" if origin else None)


async def ask_silent_households(services: Services) -> int:
    """Half way through the rating window, ask once more the households that have not given
    their verdict (outside quiet hours), with the buttons."""
    now, schedule = services.clock(), services.config.schedule
    window = services.loop.rating_window
    asked = 0
    tickets = services.stores.tickets
    for ticket in await tickets.awaiting_verdicts(now - window / 2):
        notices = []
        for group in [ticket.chat_id, *await tickets.other_groups(ticket)]:
            waiting = [
                person
                for person, given in await tickets.verdicts(ticket.id, group)
                if given is None and person.id is not None
            ]
            if waiting:
                label = services.texts.label(as_seen_in(ticket, group))
                notices.append((group, texts.ask_again(label, waiting)))
        not_before = next_outside(now, schedule.quiet_hours, schedule.tz)
        markup = rating_buttons(ticket.id, await tickets.done_round(ticket.id)).to_dict()
        if await services.stores.actions.ask_again(ticket.id, now, notices, markup, not_before):
            asked += 1 if notices else 0
    if asked:
        log.info("asked %d ticket(s)' silent households for their verdict again", asked)
    return asked
