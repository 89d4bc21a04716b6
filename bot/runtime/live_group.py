"""The group that still hears an overdue ticket: its own; when that group removed the bot (or
is known only from an imported ledger), the first other group whose report went into it and
where the bot still is (merged across groups: its residents still wait on it), which hears its
worker's reminder and keeps it supervised, shown as that group sees it (its building, not the
other building's flat)."""

from __future__ import annotations

from bot.core.tickets import Ticket
from bot.runtime.late_escalations import seen_in
from bot.runtime.services import Services

__all__ = ["live_group"]


async def live_group(services: Services, ticket: Ticket) -> tuple[int, Ticket] | None:
    """The group that hears `ticket` and the ticket as it sees it; None when no group that
    has the bot holds a report of it."""
    stores = services.stores
    own = await stores.chats.get(ticket.chat_id)
    if own is None or (own.active and not own.ledger_only):
        return ticket.chat_id, ticket
    for chat_id in await stores.tickets.other_groups(ticket):
        group = await stores.chats.get(chat_id)
        if chat_id < 0 and (group is None or (group.active and not group.ledger_only)):
            return chat_id, await seen_in(stores.tickets, ticket, chat_id)
    return None
