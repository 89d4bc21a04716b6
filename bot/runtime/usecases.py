"""The use cases of the loop, one door each: what a message, a command or a button does.

Handlers (and later the office desk) call these with plain values — no Telegram types. Each
checks who may do it (`bot.core.permissions`), changes storage, and announces the change in the
group; a "no" is raised as a `bot.core.tickets.Refusal` for the caller to answer politely
(`Texts.refusal`). A change asked for by a command or a button press is made once, however
often its update is handled (`Act.origin`). What a group message does is in
`bot.runtime.hearing`, and it is one of the doors here too.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, TypeVar

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.core import permissions
from bot.core.lessons import Lesson, LessonSource, cancel_teaches, merge_lesson
from bot.core.privacy import as_seen_in
from bot.core.tickets import Person, Status, Ticket, TicketNotFound
from bot.runtime.alerts import (
    alert_kept,
    alerts_reopened,
    alerts_restored,
    settle_alerts,
)
from bot.runtime.answers import answer
from bot.runtime.edits import hear_edit
from bot.runtime.groups import is_staff_chat, move_group, set_membership
from bot.runtime.hearing import (
    ME_TOO_WINDOW,
    GroupMessage,
    file_complaint,
    hear,
    seen_in_group,
)
from bot.runtime.keyboards import rating_buttons
from bot.runtime.new_filing import file_new, first_time
from bot.runtime.photos import keep_act_photo
from bot.runtime.reach import blocked_in_private, seen_acting, seen_in_private
from bot.runtime.services import Services
from bot.runtime.teaching import teach
from bot.runtime.verdicts import back_to_roster, rate
from bot.texts.urgent import alert_merged
from storage.acted import AlreadyActed
from storage.photos import NewPhoto

__all__ = [
    "ME_TOO_WINDOW",
    "Act",
    "GroupMessage",
    "answer",
    "assign",
    "blocked_in_private",
    "cancel",
    "done",
    "file_complaint",
    "file_new",
    "first_time",
    "hear",
    "hear_edit",
    "is_staff_chat",
    "merge",
    "move_group",
    "note",
    "rate",
    "recategorise",
    "reopen",
    "seen_acting",
    "seen_in_group",
    "seen_in_private",
    "set_membership",
]

log = logging.getLogger(__name__)

T = TypeVar("T")
Then = Callable[[T], Awaitable[None]]  # what a caller does once a change is stored


# -- the loop -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Act:
    """Who acts on which ticket, and from where: the group the number must belong to (None:
    any group, from a private chat or the office desk), the message to answer, if any, and the
    origin of the request (its command or button press), which makes it happen only once."""

    ticket_id: int
    actor: Person
    scope: int | None
    reply_to: int | None = None
    origin: str | None = None
    photo: NewPhoto | None = None  # a photo the command is the caption of (kept with /done, /note)
    thread_id: int | None = None  # the topic of the message to answer: there once it is deleted

    def told(self, what: str = "told") -> str | None:
        """The origin of one of the posts this act makes."""
        return f"{self.origin}:{what}" if self.origin else None


async def _changed(services: Services, act: Act, change: Callable[[], Awaitable[Ticket]]) -> Ticket:
    """The ticket after `change()`; a change already made for this act (a replayed update) is
    not made again, and the ticket is read as it is."""
    return (await _change(services, act, change))[0]


async def _change(
    services: Services, act: Act, change: Callable[[], Awaitable[Ticket]]
) -> tuple[Ticket, bool]:
    """As `_changed`, and whether the change was made now (False: made before, a replay)."""
    try:
        return await change(), True
    except AlreadyActed:
        log.info("%s was already acted on; not again", act.origin)
        return await services.stores.tickets.get(act.ticket_id), False


async def _tell_group(
    services: Services,
    ticket: Ticket,
    say: Callable[[Ticket], str],
    act: Act,
    markup: InlineKeyboardMarkup | None = None,
    *,
    merged: bool = True,
) -> Ticket:
    """Announce a change in the ticket's group (as an answer to the command, where it was given
    in that group), in the group the command came from if that is another one, and (`merged`)
    in every group whose reports were merged into the ticket: they were told that its progress
    would be announced there. `say` words it for each chat: another group is not shown the
    flat's number (`as_seen_in`)."""
    about = partial(answer, services, ticket_id=ticket.id)  # a /done in reply: this ticket
    under = partial(about, reply_to=act.reply_to, thread_id=act.thread_id)  # in the topic
    said = under if act.scope == ticket.chat_id else about
    await said(ticket.chat_id, say(ticket), origin=act.told(), markup=markup)
    if act.scope is not None and act.scope != ticket.chat_id:
        await under(act.scope, say(as_seen_in(ticket, act.scope)), origin=act.told("here"))
    if merged:
        for group in await services.stores.tickets.other_groups(ticket):
            if group != act.scope:
                text = say(as_seen_in(ticket, group))
                await about(group, text, origin=act.told(f"merged:{group}"))
    return ticket


async def assign(
    services: Services,
    act: Act,
    assignee: Person,
    *,
    then: Then[Ticket] | None = None,
    take: bool = False,
    shown: permissions.Shown | None = None,
) -> Ticket:
    """A worker takes a ticket, or hands it to another worker; the group is told. `then` runs
    once the change is stored, before the group's message is queued (a button press is
    answered: its spinner stops before the group sees the change).
    `take`: the 接单 button, which never takes a ticket a colleague has; `shown`: who had it
    on the desk's page, which takes none from a colleague who took it since."""
    roles = services.config.roles
    permissions.require_worker(roles, act.actor.id)
    if assignee.id != act.actor.id:
        permissions.require_worker(roles, assignee.id, assignee.name)
    ticket = await _changed(
        services,
        act,
        lambda: services.stores.actions.assign(
            act.ticket_id,
            act.scope,
            assignee,
            act.actor,
            services.clock(),
            origin=act.origin,
            take=take,
            shown=shown,
        ),
    )
    if then is not None:  # the press answered before the group hears of it, whatever the load
        await then(ticket)
    said = partial(services.texts.assigned, assignee=assignee, by=act.actor)
    await _tell_group(services, ticket, said, act)
    await settle_alerts(services, ticket, texts.alert_taken(assignee))
    return ticket


async def done(services: Services, act: Act, note: str | None) -> Ticket:
    """Done, with what was done; every reporter is asked for a verdict with buttons."""
    permissions.require_worker(services.config.roles, act.actor.id)
    stores = services.stores
    first_time = (await stores.tickets.get(act.ticket_id)).done_at is None
    ticket, now = await _change(
        services,
        act,
        lambda: stores.actions.mark_done(
            act.ticket_id, act.scope, note, act.actor, services.clock(), origin=act.origin
        ),
    )
    if now and first_time:
        teach(
            services,
            Lesson(ticket.summary, True, ticket.category, LessonSource.DONE, ticket_id=ticket.id),
        )
    await keep_act_photo(services, act.photo, ticket.id)
    buttons = rating_buttons(ticket.id, await stores.tickets.done_round(ticket.id))
    reporters = await stores.tickets.reporters(ticket.id, ticket.chat_id)
    others = await stores.tickets.other_groups(ticket)
    for group in others:  # merged in from another group: its reporters are asked there
        asked = await stores.tickets.reporters(ticket.id, group)
        there = services.texts.done(as_seen_in(ticket, group), asked)
        markup = buttons if asked else None
        origin = act.told(f"done:{group}")
        await answer(services, group, there, origin=origin, markup=markup, ticket_id=ticket.id)
    told = replace(act, scope=None) if act.scope in others else act  # that group has its own
    say = partial(services.texts.done, reporters=reporters)
    markup = buttons if reporters else None  # nobody to ask (a worker's own words): no buttons
    await settle_alerts(services, ticket, texts.ALERT_DONE)
    return await _tell_group(services, ticket, say, told, markup, merged=False)


async def reopen(services: Services, act: Act, reason: str | None) -> Ticket:
    """A reporter (or a worker) reopens a done ticket within the reopen window (to its worker,
    or to 待接单 when they are no longer one: `back_to_roster`); a withdrawn one is restored."""
    try:
        current = await services.stores.tickets.get(act.ticket_id, act.scope)
    except TicketNotFound:
        current = None  # refused below, as any number not found
    if current is not None and not current.merged_into:  # a restore replayed: told as one
        withdrawn = current.status is Status.CANCELLED
        if withdrawn or await services.stores.actions.restored_by(act.origin):
            return await restore(services, act, reason)

    async def to_roster(*args: Any, **kwargs: Any) -> Ticket:
        reopened = await services.stores.actions.reopen(*args, **kwargs)
        return await back_to_roster(services, reopened)

    ticket = await _by_reporter(services, act, reason, to_roster, services.texts.reopened)
    await keep_act_photo(services, act.photo, ticket.id)  # her picture of it, still broken
    await alerts_reopened(services, ticket.id, reason, act.actor.id)  # a danger may be back
    return ticket


async def restore(services: Services, act: Act, reason: str | None) -> Ticket:
    """A ticket withdrawn by mistake back to work (/reopen of a cancelled one): by a worker, or
    by the reporter who withdrew it herself. A worker's restoring teaches: a complaint."""

    async def to_roster(*args: Any, **kwargs: Any) -> Ticket:
        restored = await services.stores.actions.restore(*args, **kwargs)
        return await back_to_roster(services, restored)

    def lesson(ticket: Ticket) -> Lesson:
        source = LessonSource.RESTORE
        return Lesson(ticket.summary, True, ticket.category, source, act.actor.id, None, ticket.id)

    said = services.texts.restored
    ticket = await _by_reporter(services, act, reason, to_roster, said, lesson_of=lesson)
    await alerts_restored(services, ticket)  # an urgent one's alerts said 不用再去处理
    return ticket


def _not_a_complaint(ticket: Ticket, actor_id: int | None) -> Lesson:
    """What a worker's /cancel teaches (when its reason does not say otherwise)."""
    return Lesson(ticket.summary, False, None, LessonSource.CANCEL, actor_id, None, ticket.id)


async def cancel(services: Services, act: Act, reason: str | None) -> Ticket:
    """Its only reporter withdraws it, or a worker says it is not a complaint (a lesson, when
    the reason does not say otherwise: `cancel_teaches`)."""
    lesson = partial(_not_a_complaint, actor_id=act.actor.id)
    ticket = await _by_reporter(
        services,
        act,
        reason,
        services.stores.actions.cancel,
        services.texts.cancelled,
        lesson_of=lesson if cancel_teaches(reason) else None,
    )
    await settle_alerts(services, ticket, texts.ALERT_CANCELLED)
    return ticket


async def _by_reporter(
    services: Services,
    act: Act,
    reason: str | None,
    store_change: Callable[..., Awaitable[Ticket]],
    said: Callable[[Ticket, Person, str | None], str],
    *,
    lesson_of: Callable[[Ticket], Lesson] | None = None,
) -> Ticket:
    """A change a reporter may ask for (a worker too), with its reason; the group is told.
    `lesson_of`: what a worker's change teaches of the ticket (storage keeps it too)."""
    change = partial(
        store_change,
        act.ticket_id,
        act.scope,
        act.actor,
        reason,
        services.clock(),
        actor_is_worker=services.config.roles.is_worker(act.actor.id),
        origin=act.origin,
    )
    ticket, now = await _change(services, act, change)
    if now and lesson_of is not None and services.config.roles.is_worker(act.actor.id):
        teach(services, lesson_of(ticket))
    return await _tell_group(services, ticket, lambda seen: said(seen, act.actor, reason), act)


async def recategorise(services: Services, act: Act, category: str) -> Ticket:
    """A worker corrects the category: team and deadline follow (the correction is kept).
    Only one of the deployment's categories (the desk's form can be sent with anything)."""
    permissions.require_worker(services.config.roles, act.actor.id)
    if category not in services.classifier.category_names():
        raise permissions.Refused(permissions.Reason.UNKNOWN_CATEGORY)
    change = partial(
        services.stores.actions.recategorise,
        act.ticket_id,
        act.scope,
        category,
        act.actor,
        services.clock(),
        origin=act.origin,
    )
    ticket, now = await _change(services, act, change)
    if now:
        lesson = Lesson(
            ticket.summary, True, category, LessonSource.CATEGORY, act.actor.id, ticket_id=ticket.id
        )
        teach(services, lesson)
    return await _tell_group(services, ticket, services.texts.recategorised, act)


async def note(services: Services, act: Act, text: str) -> Ticket:
    """A worker's progress, shown to the group as 进展 and kept in the history."""
    permissions.require_worker(services.config.roles, act.actor.id)
    change = partial(
        services.stores.actions.add_note,
        act.ticket_id,
        act.scope,
        act.actor,
        text,
        services.clock(),
        origin=act.origin,
    )
    ticket = await _changed(services, act, change)
    await keep_act_photo(services, act.photo, ticket.id)
    say = partial(services.texts.progress, actor=act.actor, text=text)
    return await _tell_group(services, ticket, say, act)


async def merge(services: Services, act: Act, from_id: int) -> tuple[Ticket, Ticket]:
    """Fold ticket `from_id` into `act.ticket_id`; both groups are told (they may differ in
    private)."""
    permissions.require_worker(services.config.roles, act.actor.id)
    stores, texts, scope = services.stores, services.texts, act.scope
    try:
        into, merged = await stores.actions.merge(
            act.ticket_id, from_id, scope, act.actor, services.clock(), origin=act.origin
        )
        lesson = merge_lesson(merged.summary, into.category, merged.category)
        if lesson is not None:
            teach(services, replace(lesson, actor_id=act.actor.id, ticket_id=merged.id))
    except AlreadyActed:
        into, merged = await stores.tickets.get(act.ticket_id), await stores.tickets.get(from_id)
    said = texts.merged_into(into, merged)
    await answer(services, into.chat_id, said, origin=act.told("into"), ticket_id=into.id)
    await settle_alerts(services, merged, alert_merged(texts.label(into)))
    await alert_kept(services, into, merged)  # a danger's alert goes on for the kept one
    if merged.chat_id != into.chat_id:  # its own group was told of the merge just now
        group = await stores.chats.get(into.chat_id)
        shown_there = as_seen_in(into, merged.chat_id)  # another group: no flat's number
        away = texts.merged_away(shown_there, merged, group.title if group else None)
        await answer(services, merged.chat_id, away, origin=act.told("away"), ticket_id=into.id)
    return into, merged
