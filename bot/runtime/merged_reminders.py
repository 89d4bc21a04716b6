"""Where an overdue ticket's reminder to its worker is said: in its own group; when that group
removed the bot (or is only an imported ledger's), in the first other group whose report went
into it and where the bot still is (merged across groups: its residents still wait on it), as
that group sees the ticket (its building, not the other building's flat)."""

from __future__ import annotations

from bot.core.tickets import Ticket
from bot.runtime.late_escalations import seen_in
from bot.runtime.services import Services

__all__ = ["reminded_where"]


async def reminded_where(services: Services, ticket: Ticket) -> tuple[int, Ticket] | None:
    """The group that hears `ticket`'s reminder and the ticket as it sees it; None when no
    group that has the bot holds a report of it."""
    stores = services.stores
    own = await stores.chats.get(ticket.chat_id)
    if own is None or (own.active and not own.ledger_only):
        return ticket.chat_id, ticket
    for chat_id in await stores.tickets.other_groups(ticket):
        group = await stores.chats.get(chat_id)
        if chat_id < 0 and (group is None or (group.active and not group.ledger_only)):
            return chat_id, await seen_in(stores.tickets, ticket, chat_id)
    return None
