"""A notice that waited for its turn (quiet hours, a busy group), judged when its turn comes:
posted as written, posted saying which of its tickets moved on since, or dropped."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace

from bot import texts
from bot.core.loop import ESCALATION_KIND, MAX_LEVEL, still_due
from bot.core.tickets import Ticket, TicketNotFound
from bot.runtime.keyboards import rating_target
from storage.outbox import Notice, OutboxStore
from storage.tickets import TicketStore

__all__ = ["as_due"]


async def as_due(
    tickets: TicketStore,
    notice: Notice,
    as_now: Callable[[Notice, Sequence[int]], Awaitable[Notice]] | None = None,
    outbox: OutboxStore | None = None,
) -> Notice | None:
    """The notice to post now, or None when every ticket it speaks of moved on while it waited
    (an escalation of a ticket done since; of several, all done). Posted, it is first composed
    again `as_now` (a late 督办 tells its tickets' ages now, of those that did not move on), then
    says which of them moved on (done, reopened, withdrawn) and which were merged into another
    since: the escalation of one merged goes with it into the ticket that holds it now (which
    took its deadline and its level), posted while that one is still due — not lost, nor raised
    again. Those of its tickets raised again since in the same chat (`outbox`: the office's
    chat, held for the morning with 1级 as they climbed to 2级) are left to the later one: the
    level they are at is said once."""
    about = notice.about
    escalation = notice.kind.startswith(ESCALATION_KIND)
    later = await outbox.escalated_later(notice) if escalation and outbox else set()
    found: list[Ticket] = []
    moved: list[Ticket] = []
    for number in about:
        try:
            ticket = await tickets.get(number)
        except TicketNotFound:
            continue  # nothing to judge by: as queued
        found.append(ticket)
        if not await _still_due(tickets, ticket, notice):
            moved.append(ticket)
    gone = {t.id for t in moved} | later
    if about and gone >= set(about):
        return None
    if as_now is not None:
        notice = await as_now(notice, sorted(gone))
    noted = [t for t in found if t in moved or (escalation and t.merged_into is not None)]
    if not noted:
        return notice
    return replace(notice, body=f"{notice.body}\n{texts.moved_while_waiting(noted)}")


async def _still_due(tickets: TicketStore, ticket: Ticket, notice: Notice) -> bool:
    if notice.kind.startswith(ESCALATION_KIND):  # its level went with it into the kept one
        ticket = await _holding(tickets, ticket)
    if not still_due(notice.kind, ticket):
        return False
    target = rating_target(notice.markup)  # a request for verdicts of an earlier round
    return target is None or target[1] is None or target[1] == await tickets.done_round(ticket.id)


async def _holding(tickets: TicketStore, ticket: Ticket) -> Ticket:
    """The ticket that holds `ticket` now: itself, or the one it was merged into (and on)."""
    for _ in range(MAX_LEVEL * 10):  # a chain of merges, never a loop: bounded all the same
        if ticket.merged_into is None:
            return ticket
        try:
            ticket = await tickets.get(ticket.merged_into)
        except TicketNotFound:
            return ticket
    return ticket
