"""Telling people in private: a danger's alert to every worker, any notice to the workers who
can be reached (`reach`: who the bot may write to)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.core.loop import MAX_LEVEL
from bot.core.tickets import Person, Ticket
from bot.runtime.delivery import URGENT_ALERT
from bot.runtime.group_message import GroupMessage
from bot.runtime.keyboards import take_button
from bot.runtime.reach import blocked_in_private
from bot.runtime.services import Services
from storage.outbox import Notice
from storage.supervision import WorkerAlert

__all__ = [
    "alarm_posted",
    "alert_blocked",
    "alert_kept",
    "alert_workers",
    "alerted_copies",
    "alerts_again",
    "alerts_released",
    "alerts_reopened",
    "alerts_restored",
    "reachable_workers",
    "rewrite_copies",
    "settle_alerts",
    "tell_workers",
]

log = logging.getLogger(__name__)


async def alert_workers(services: Services, ticket: Ticket, message: GroupMessage) -> int:
    """Someone may get hurt now: every worker the bot can write to in private is told at once
    (once per ticket), with a 接单 button and a link to the message. How many were told."""
    link = texts.message_link(message.chat_id, message.message_id)
    body = await _alert_body(services, ticket, message.text, link)
    told, missing = await tell_workers(
        services, URGENT_ALERT, body, _alert_origin(ticket.id), take_button(ticket.id), ticket.id
    )
    if missing:
        log.warning(
            "urgent #%s: workers %s never started the bot: not told in private", ticket.id, missing
        )
    return told


async def alert_kept(services: Services, into: Ticket, merged: Ticket) -> None:
    """An urgent ticket (`merged`) folded into another, which became urgent with it: nobody on
    the kept one, every worker is alerted for it now with its own 接单 (the folded one's alerts
    only say where it went); its worker, if another than the danger's, is told in private.
    Once; nothing when the kept one was alerted already."""
    if not merged.urgent or not into.urgent:
        return
    body = await _alert_body(services, into, merged.summary)  # the danger's own words
    if into.assignee_id is None:
        markup = take_button(into.id)
        await tell_workers(services, URGENT_ALERT, body, _alert_origin(into.id), markup, into.id)
    elif into.assignee_id != merged.assignee_id:
        note = texts.urgent_joined(body)
        origin = f"urgent:{into.id}:joined{merged.id}"
        await _tell_one(services, into.assignee_id, note, origin, into.id)


URGENT_UNREACHED = "urgent_unreached"  # the group told no worker got a danger's alert


def _alert_origin(ticket_id: int, level: int = 0, again: int = 0) -> str:
    """What a ticket's private alerts are queued as (`:<worker id>` after): the first one, and
    the one said again as it escalates to `level` nobody's (in its `again`th round of work,
    after as many reopenings: each round escalates afresh)."""
    if not level:
        return f"urgent:{ticket_id}"
    return f"urgent:{ticket_id}:level{level}" + (f":round{again}" if again else "")


def _alert_origins(services: Services, ticket_id: int, level: int = 0) -> list[str]:
    """The origins of every worker's copy of a ticket's alert (the first, or at `level`)."""
    return _copies(services, _alert_origin(ticket_id, level))


def _copies(services: Services, origin: str) -> list[str]:
    return [f"{origin}:{w}" for w in sorted(services.config.roles.alerted())]


def _restored_origin(ticket_id: int, time: int = 1) -> str:
    """What the alerts said again as an urgent ticket is restored (its `time`th restore: a
    second mistake undone alerts again too) are queued as."""
    return f"urgent:{ticket_id}:restored" + (str(time) if time > 1 else "")


async def _restored_origins(services: Services, ticket: Ticket) -> list[str]:
    """The origins of the alerts of each time the ticket was restored."""
    times = await _times(services, ticket, "restore")
    return [_restored_origin(ticket.id, time) for time in range(1, times + 1)]


async def _times(services: Services, ticket: Ticket, action: str) -> int:
    """How often its history says `action` was done to the ticket."""
    return sum(event.action == action for event in await services.stores.tickets.history(ticket.id))


def _released_origin(ticket_id: int, time: int) -> str:
    """What the alerts of a ticket's `time`th release from a former worker are queued as."""
    return f"urgent:{ticket_id}:released{time}"


async def alerts_released(services: Services, ticket_ids: Sequence[int]) -> None:
    """Tickets held by someone taken off the roster went back to 待接单 (at a start): for a
    danger among them, every worker left is alerted afresh with 接单, as for a new one — once
    per release; nothing is left in danger with nobody on it."""
    for ticket_id in ticket_ids:
        ticket = await services.stores.tickets.get(ticket_id)
        if not ticket.urgent or not ticket.status.is_active or ticket.assignee_id is not None:
            continue
        body = texts.urgent_released(await _first_alert(services, ticket))
        origin = _released_origin(ticket.id, await _times(services, ticket, "release"))
        await tell_workers(services, URGENT_ALERT, body, origin, take_button(ticket.id), ticket.id)


async def alerts_restored(services: Services, ticket: Ticket) -> None:
    """An urgent ticket withdrawn by mistake is back to work, and every worker's alert said
    "不用再去处理": with nobody on it, they are alerted again (once), with the 接单 button;
    back with its worker, the alerts say who has it."""
    if not ticket.urgent:
        return
    if ticket.assignee_id is not None:
        worker = Person(ticket.assignee_id, ticket.assignee_name or "")
        await settle_alerts(services, ticket, texts.alert_taken(worker))
        return
    alert = await _first_alert(services, ticket)
    body, button = texts.urgent_restored(alert), take_button(ticket.id)
    origin = _restored_origin(ticket.id, len(await _restored_origins(services, ticket)))
    await tell_workers(services, URGENT_ALERT, body, origin, button, ticket.id)


def _reopened_origin(ticket_id: int, time: int) -> str:
    """What the alerts of a ticket's `time`th reopening are queued as."""
    return f"urgent:{ticket_id}:reopened{time}"


async def alerts_reopened(
    services: Services, ticket_id: int, reason: str | None, by: int | None = None
) -> None:
    """A done urgent ticket reopened (/reopen, 不满意; `by` whom): the danger may be back. Its
    worker is told in private at once (not when he reopened it himself); nobody on it, every
    worker is alerted again with 接单; its worker out of reach, every worker is told who has it
    (to phone, or /assign). Once per reopening; nothing once it is done again."""
    ticket = await services.stores.tickets.get(ticket_id)
    if not ticket.urgent or not ticket.reopened or not ticket.status.is_active:
        return
    alert = await _first_alert(services, ticket)
    origin, worker = _reopened_origin(ticket.id, ticket.reopened), ticket.assignee_id
    if worker is None:
        body, markup = texts.urgent_reopened(alert, reason), take_button(ticket.id)
        await tell_workers(services, URGENT_ALERT, body, origin, markup, ticket.id)
        return
    if worker == by:
        return
    yours = texts.urgent_reopened(alert, reason, yours=True)
    if not await _tell_one(services, worker, yours, origin, ticket.id):
        await _holder_unreached(services, ticket, alert, reason)


async def _holder_unreached(
    services: Services, ticket: Ticket, alert: str, reason: str | None
) -> None:
    """A reopened danger's worker cannot be told in private: every worker who can be is told
    who has it (to phone him, or /assign it), once per reopening."""
    holder = Person(ticket.assignee_id, ticket.assignee_name or "")
    body = texts.urgent_reopened(alert, reason, holder=holder, number=ticket.id)
    origin = _reopened_origin(ticket.id, ticket.reopened)
    await tell_workers(services, URGENT_ALERT, body, origin, None, ticket.id)


async def _tell_one(
    services: Services, person_id: int, body: str, origin: str, ticket_id: int
) -> bool:
    """Post `body` to one person in private, once: whether the bot can write to them."""
    if not any(ok for _, ok in await services.stores.chats.reach([person_id])):
        return False
    await _post_private(services, person_id, body, origin, None, ticket_id)
    return True


async def alerts_again(services: Services, ticket: Ticket, level: int) -> list[WorkerAlert]:
    """An urgent ticket nobody has taken escalates to `level`: the workers the first alert goes
    to are told again (the first may have been slept through), with the 接单 button — queued
    with the raise itself, once per ticket and level. None for any other ticket."""
    if not ticket.urgent or ticket.assignee_id is not None:
        return []
    workers, _ = await reachable_workers(services)
    if not workers:
        return []
    alert = await _first_alert(services, ticket)
    body, markup = texts.urgent_again(alert, level), take_button(ticket.id).to_dict()
    origin = _alert_origin(ticket.id, level, ticket.reopened)
    return [WorkerAlert(w, URGENT_ALERT, body, f"{origin}:{w}", markup) for w in workers]


async def _first_alert(services: Services, ticket: Ticket) -> str:
    """What a ticket's first alert said (nobody could be told then: as it would have said)."""
    alert = await services.stores.outbox.first_body(_alert_origins(services, ticket.id))
    return alert if alert is not None else await _alert_body(services, ticket, ticket.summary)


async def alerted_copies(services: Services, ticket: Ticket) -> list[tuple[int, int]]:
    """Where an urgent ticket's first alert was posted to the workers in private: (chat,
    message) pairs, one a worker told."""
    return await services.stores.outbox.posted(_alert_origins(services, ticket.id))


async def _alert_body(services: Services, ticket: Ticket, words: str, link: str = "") -> str:
    group = await services.stores.chats.get(ticket.chat_id)
    label, title = services.texts.label(ticket), group.title if group else None
    count = await services.stores.photos.count(ticket.id)
    photos = (ticket.id, count) if count else None
    return texts.urgent_alert(label, title, ticket.category, words, link, photos)


async def settle_alerts(services: Services, ticket: Ticket, said: str) -> int:
    """Every worker's alert of an urgent ticket — the first, and each said again as it
    escalated, was restored or reopened — says what became of it (`said`), without the 接单
    button: a worker woken at night learns a colleague took it, or that it was withdrawn. A
    copy not posted yet is not posted at all (nobody is woken by news that there is nothing
    to do).
    How many posted copies were edited."""
    if not ticket.urgent:
        return 0
    edited = 0
    outbox = services.stores.outbox
    every = [_alert_origin(ticket.id)]  # the first, then each round's levels
    every += [
        _alert_origin(ticket.id, level, again)
        for again in range(ticket.reopened + 1)
        for level in range(1, MAX_LEVEL + 1)
    ]
    every += await _restored_origins(services, ticket)
    released = await _times(services, ticket, "release")
    every += [_released_origin(ticket.id, time) for time in range(1, released + 1)]
    every += [_reopened_origin(ticket.id, time) for time in range(1, ticket.reopened + 1)]
    for origins in (_copies(services, origin) for origin in every):
        alert = await outbox.first_body(origins)
        if alert is None:
            continue
        await outbox.drop_waiting(origins, f"settled before it was posted: {said}"[:200])
        edited += await rewrite_copies(services, origins, texts.urgent_settled(alert, said))
    return edited


async def reachable_workers(services: Services) -> tuple[list[int], list[int | None]]:
    """The workers the bot can write to in private (an urgent alert goes to each), and those
    it cannot: they never started the bot, or blocked it."""
    reached, missing = [], []
    for worker, reachable in await services.stores.chats.reach(services.config.roles.alerted()):
        if reachable and worker.id is not None:
            reached.append(worker.id)
        else:
            missing.append(worker.id)
    return reached, missing


async def tell_workers(
    services: Services,
    kind: str,
    body: str,
    origin: str,
    markup: InlineKeyboardMarkup | None,
    ticket_id: int | None = None,
) -> tuple[int, list[int | None]]:
    """Post `body` to every worker the bot can write to in private, once each (`origin` plus
    the worker); how many were told, and the workers who never started the bot."""
    workers, missing = await reachable_workers(services)
    for worker in workers:
        await _post_private(services, worker, body, origin, markup, ticket_id, kind)
    return len(workers), missing


async def _post_private(
    services: Services,
    person_id: int,
    body: str,
    origin: str,
    markup: InlineKeyboardMarkup | None,
    ticket_id: int | None,
    kind: str = URGENT_ALERT,
) -> None:
    """Queue `body` for one person in private, once (`origin` plus the person)."""
    await services.stores.outbox.add(
        person_id,
        kind,
        body,
        services.clock(),
        ticket_id=ticket_id,
        origin=f"{origin}:{person_id}",
        markup=markup.to_dict() if markup is not None else None,
    )
    services.posts.kick(person_id)


async def rewrite_copies(
    services: Services,
    origins: Sequence[str],
    body: str,
    markup: InlineKeyboardMarkup | None = None,
    skip: tuple[int, int] | None = None,
) -> int:
    """Every copy of a notice queued with these origins says `body` now (with `markup`): those
    still waiting when their turn comes, those posted edited at once, together (`skip`: a copy
    already edited). How many were edited."""
    outbox = services.stores.outbox
    await outbox.rewrite_waiting(origins, body, markup.to_dict() if markup else None)
    copies = [copy for copy in await outbox.posted(origins) if copy != skip]
    edits = (services.messenger.edit(*copy, body, markup) for copy in copies)
    return sum(await asyncio.gather(*edits))


async def alert_blocked(services: Services, notice: Notice) -> None:
    """A private notice could not be posted: its person blocked the bot since it last wrote to
    them, and is no longer written to. A worker's alert of a danger: when the group was already
    told the workers were (the danger's acknowledgement went out first), it is told now to
    phone them, if no copy reached anyone or still waits.
    One not acknowledged yet says so itself when it goes — or, written before the bounce and
    posted after it, is followed by this (`alarm_posted`). A reopened danger's notice to its
    worker: every other worker is told who has it."""
    if notice.kind != URGENT_ALERT or notice.ticket_id is None:
        await blocked_in_private(services, notice.chat_id)
        return
    # Looked at before he is known to have blocked the bot: an acknowledgement posted by then
    # was written while he could still be told (已通知); one written since says to phone itself.
    acknowledged = await services.stores.tickets.alarm_acknowledged(notice.ticket_id)
    await blocked_in_private(services, notice.chat_id)
    ticket = await services.stores.tickets.get(notice.ticket_id)
    if ticket.urgent and ticket.reopened and ticket.assignee_id == notice.chat_id:
        if not ticket.status.is_active:
            return
        reason = next(
            (e.detail for e in reversed(await services.stores.tickets.history(ticket.id))
             if e.action == "reopen"),
            None,
        )  # fmt: skip
        await _holder_unreached(services, ticket, await _first_alert(services, ticket), reason)
    elif acknowledged:
        await _tell_unreached(services, notice.ticket_id)


async def alarm_posted(services: Services, ticket_id: int, alerted: bool = True) -> None:
    """A danger's acknowledgement was posted. Saying its workers were alerted (已通知): when
    every private alert of it bounced meanwhile, the group is told to phone them. Saying to
    phone them (none could be told when it was written: a worker's alert of another danger had
    bounced): that was the group's call to phone, not said again when its own alert bounces."""
    if alerted:
        await _tell_unreached(services, ticket_id)
        return
    ticket = await services.stores.tickets.get(ticket_id)
    if await _unreached_queued(services, ticket):
        origin = f"{_alert_origin(ticket.id)}:unreached"
        await services.stores.outbox.drop_waiting([origin], "its acknowledgement said so")


async def _tell_unreached(services: Services, ticket_id: int) -> None:
    """The group is told, once, that a danger's alert reached no worker: when every copy of it
    was queued and none was posted or still waits (all bounced), while nobody has taken it."""
    stores = services.stores
    copies = await stores.outbox.fates(_alert_origins(services, ticket_id))
    if copies.posted or copies.waiting:
        return  # a worker was told, or will be
    if not copies.queued:
        return  # not queued yet: a bounce will say so
    ticket = await stores.tickets.get(ticket_id)
    if not ticket.status.is_active or ticket.assignee_id is not None:
        return
    await _unreached_queued(services, ticket)
    services.posts.kick(ticket.chat_id)


async def _unreached_queued(services: Services, ticket: Ticket) -> bool:
    """The group's notice that a danger's alert reached no worker, queued once per ticket;
    whether it was queued now."""
    body = texts.urgent_unreached(services.texts.label(ticket))
    origin = f"{_alert_origin(ticket.id)}:unreached"
    return await services.stores.outbox.add(
        ticket.chat_id, URGENT_UNREACHED, body, services.clock(), ticket_id=ticket.id,
        origin=origin,
    )  # fmt: skip
