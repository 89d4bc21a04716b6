"""An escalation (督办) that waited past its time for its group — removed or muted the bot,
added it back days later — composed again when it is posted: its tickets still overdue are
named with how late they are now, not when they were raised (the notice is dropped when none
is, `still_due`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot import texts
from bot.core.loop import ESCALATION_KIND, said_late
from bot.core.tickets import Ticket, TicketNotFound
from bot.texts import Texts
from storage.chats import ChatStore
from storage.outbox import Notice
from storage.tickets import TicketStore

__all__ = ["escalation_as_now"]


async def escalation_as_now(
    notice: Notice,
    moved: Sequence[int],
    now: datetime,
    *,
    tickets: TicketStore,
    chats: ChatStore,
    words: Texts,
    grace: timedelta,
) -> Notice:
    """The escalation as of `now` when it is posted late, of its tickets but those that
    `moved` on (said apart); any other notice as it was queued."""
    if not said_late(notice.kind, notice.not_before, now, grace):
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
    titles: dict[int, str | None] = {}
    for ticket in raised:
        group = await chats.get(ticket.chat_id)
        titles[ticket.id] = group.title if group else None
    level = int(notice.kind.removeprefix(ESCALATION_KIND) or 1)
    body = texts.compose_escalations(raised, level, titles, now, words, notice.chat_id)
    return replace(notice, body=body)
