"""The office hears once of one problem many groups report at once (a storm's outage), and the
notice grows as more groups report it."""

from __future__ import annotations

import logging

from bot import texts
from bot.core.bursts import BURST_CATEGORIES, BURST_WINDOW, burst, may_burst
from bot.core.categories import category_name
from bot.core.tickets import Ticket
from bot.runtime.alerts import rewrite_copies
from bot.runtime.services import Services

__all__ = ["tell_office_of_burst"]

log = logging.getLogger(__name__)


async def tell_office_of_burst(services: Services, ticket: Ticket) -> None:
    """A ticket was opened: if its category is open in enough groups within the hour, the
    admins (the workers, without admins) are told in private — one notice per burst, named by
    its first ticket, rewritten as each group joins it (a report within the hour of one of its
    tickets joins it, however long the storm lasts)."""
    if ticket.category not in BURST_CATEGORIES:
        return  # no query for the many tickets that are no shared supply
    stores, now = services.stores, services.clock()
    if await stores.bursts.opened_earlier_in_group(ticket, now - BURST_WINDOW):
        return  # its group is in the notice already (or one will be): one read, not a hundred
    recent = await stores.bursts.opened_since(ticket.category, now - BURST_WINDOW)
    if not may_burst(ticket, recent):
        return
    fresh = burst(recent, ticket.category) or []
    same = [t.id for t in recent]  # all of its category (opened_since asks for no other)
    if ticket.id not in same:  # closed meanwhile (a replay), or no longer of this category
        return
    joined = await stores.bursts.join(ticket.id, same, [t.id for t in fresh])
    if joined is None:
        return
    first, tickets = joined  # a storm longer than the hour, its first group done: one notice
    titles = await stores.chats.titles()
    label = services.texts.label
    body = texts.burst_notice(
        category_name(ticket.category, services.texts.category_names),
        len({t.chat_id for t in tickets}),
        [(t.id, label(t), titles.get(t.chat_id), t.summary) for t in tickets],
    )
    origins = {staff: f"burst:{first}:{staff}" for staff in await _office(services)}
    for staff, origin in origins.items():
        if await stores.outbox.add(staff, "reply", body, now, origin=origin):
            services.posts.kick(staff)
    await rewrite_copies(services, list(origins.values()), body)  # queued by an earlier ticket
    log.info("burst: %d open %s tickets in several groups", len(tickets), ticket.category)


async def _office(services: Services) -> list[int]:
    """Who hears of it: the admins the bot can write to in private, else the workers it can
    (an office that never started the bot would hear nothing), else the admins or workers."""
    roles = services.config.roles
    for staff in (roles.admins, roles.workers):
        reach = await services.stores.chats.reach(staff)
        reachable = sorted(p.id for p, ok in reach if ok and p.id is not None)
        if reachable:
            return reachable
    return sorted(roles.admins or roles.workers)
