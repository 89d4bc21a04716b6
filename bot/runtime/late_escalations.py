"""An escalation (督办) that waited for its turn — held for the morning, or for a group that
removed or muted the bot and added it back days later — composed again when it is posted: its
tickets still overdue are named with how late they are now, not when they were raised, and at
the level each climbed to meanwhile (the notice is dropped when none is, `still_due`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot import texts
from bot.core.loop import ESCALATION_KIND, said_late
from bot.core.privacy import as_seen_in
from bot.core.tickets import Ticket, TicketNotFound
from bot.texts import Texts
from storage.chats import ChatStore
from storage.outbox import Notice
from storage.tickets import TicketStore

__all__ = ["escalation_as_now", "seen_in"]


async def escalation_as_now(
    notice: Notice,
    moved: Sequence[int],
    now: datetime,
    *,
    tickets: TicketStore,
    chats: ChatStore,
    words: Texts,
) -> Notice:
    """The escalation as of `now` when it is posted late, of its tickets but those that
    `moved` on (said apart, or left to a later escalation in the chat), each at its level now;
    any other notice as it was queued."""
    if notice.queued_at is None or not said_late(notice.kind, notice.queued_at, now):
        return notice
    raised: list[Ticket] = []
    for number in notice.about:
        if number in moved:
            continue
        try:
            raised.append(await tickets.get(number))
        except TicketNotFound:
            return notice  # nothing to judge by: as queued
    if not raised:
        return notice
    raised = [await seen_in(tickets, ticket, notice.chat_id) for ticket in raised]
    titles: dict[int, str | None] = {}
    for ticket in raised:
        group = await chats.get(ticket.chat_id)
        titles[ticket.id] = group.title if group else None
    queued = int(notice.kind.removeprefix(ESCALATION_KIND) or 1)
    levels: dict[int, list[Ticket]] = {}  # the level each is at now (one merged: as queued)
    for ticket in raised:
        now_at = queued if ticket.merged_into is not None else ticket.escalation_level
        levels.setdefault(max(queued, now_at), []).append(ticket)
    said = "\n".join(
        texts.compose_escalations(these, level, titles, now, words, notice.chat_id)
        for level, these in sorted(levels.items(), reverse=True)
    )
    # the call to the workers on duty under an untaken danger holds still for those still
    # nobody's: one taken, or done, is said no more
    untaken = [t.id for t in raised if t.urgent and t.assignee_id is None]
    _, call = texts.untaken_call_now(notice.body, untaken, several=len(raised) > 1)
    return replace(notice, body=said + call)


async def seen_in(tickets: TicketStore, ticket: Ticket, chat_id: int) -> Ticket:
    """The ticket as a 督办 in `chat_id` shows it: in a group whose report was merged into it,
    its building but not its flat, in that group's own words (the other building's resident's
    are not theirs to read); anywhere else as it is (its group, the office's chats)."""
    if chat_id == ticket.chat_id or chat_id > 0:
        return ticket
    theirs = await tickets.reports_from(ticket.id, chat_id)
    if not theirs:
        return ticket
    return replace(as_seen_in(ticket, chat_id), summary=theirs[0].text)
