"""/ticket: a ticket as the chat asking may see it, and whether its photos follow; the tickets
a message replied to names."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.core.privacy import as_seen_in
from bot.runtime.services import Services

__all__ = ["TicketView", "ticket_view", "tickets_named"]


@dataclass(frozen=True)
class TicketView:
    text: str
    ticket_id: int
    send_photos: bool  # in private, to a worker: the photos follow the words


async def ticket_view(
    services: Services, number: int, *, scope: int | None, chat_id: int, in_group: bool
) -> TicketView:
    """Ticket `number` (of group `scope`, or any in private): in its own group and in private
    whole; in another group whose report was merged into it, what that group said, the
    building not the flat, its own photos only and nothing of the other group's history."""
    stores, now = services.stores, services.clock()
    ticket = await stores.tickets.get(number, chat_id=scope)
    if ticket.chat_id == chat_id or not in_group:
        history = await stores.tickets.history(ticket.id)
        verdicts = await stores.tickets.verdicts(ticket.id)
        photos = await stores.photos.count(ticket.id)
    else:
        ours = await stores.tickets.reports_from(ticket.id, chat_id)
        seen = as_seen_in(ticket, chat_id)
        ticket = replace(seen, summary=ours[0].text if ours else ticket.summary)
        history, verdicts = [], await stores.tickets.verdicts(ticket.id, chat_id)
        photos = await stores.photos.count(ticket.id, sent_in=chat_id)
    private, whole = not in_group, ticket.chat_id == chat_id or not in_group
    text = services.texts.ticket_detail(ticket, history, now, verdicts, photos, private, whole)
    return TicketView(text, ticket.id, send_photos=bool(photos) and private)


async def tickets_named(
    services: Services, chat_id: int, message_id: int, *, by_bot: bool
) -> list[int]:
    """The tickets a message names, for a reply to it: the one a resident's report raised or
    joined; those the bot's acknowledgement named (several, folded in a burst), or its post
    about them (已由 小王 接单, 📌 进展, a reminder, an alert in private …)."""
    tickets = services.stores.tickets
    if not by_bot:
        report = await tickets.ticket_of_message(chat_id, message_id)
        return [report.id] if report is not None else []
    named = await tickets.ticket_of_ack(chat_id, message_id)
    if not named and (post := await services.stores.outbox.post_at(chat_id, message_id)):
        named = list(post.about)
    return named
