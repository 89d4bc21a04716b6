"""研判 items settled by what their sender says next: a plain complaint of the same matter a
moment later takes her waiting message with it."""

from __future__ import annotations

from bot import texts
from bot.runtime.alerts import rewrite_copies
from bot.runtime.hearing import GroupMessage, triage_notice_origins
from bot.runtime.services import Services
from storage.filing import Filing

__all__ = ["said_plainly"]


async def said_plainly(services: Services, message: GroupMessage, filing: Filing) -> int:
    """She said it plainly a moment later (a complaint filed at once): her messages of the same
    category that still wait for a worker go with its ticket, their photos too — no second
    report of hers posted under them when their hour is up; every worker's notice says so.
    Another matter of hers still waits. How many went."""
    stores, who = services.stores, message.author.id
    if who is None or not services.triage.enabled:
        return 0
    since = services.clock() - services.triage.wait
    folded = []
    for item in await stores.triage.waiting_from(message.chat_id, who, since):
        if item.message_id == message.message_id or item.category != filing.ticket.category:
            continue
        if await stores.triage.withdraw(item.id, filing.ticket.id):
            folded.append(item)
    if filing.outcome == "duplicate":  # handled again: what a crash cut short is done now
        folded = await stores.triage.folded_into(message.chat_id, who, filing.ticket.id, since)
    said = texts.triage_said_plainly(services.texts.label(filing.ticket))
    for item in folded:
        await stores.photos.attach(filing.ticket.id, item.chat_id, item.message_id)
        settled = texts.triage_settled(said, item)  # her words stay under what became of them
        await rewrite_copies(services, triage_notice_origins(services, item.id), settled)
    return len(folded)
