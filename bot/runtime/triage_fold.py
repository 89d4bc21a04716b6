"""研判 items settled by what is said next: a plain complaint of the same matter a moment later
takes her waiting message with it; the neighbours' "+1" under an item join its ticket."""

from __future__ import annotations

from bot import texts
from bot.core.tickets import Person
from bot.runtime.alerts import rewrite_copies
from bot.runtime.hearing import GroupMessage, file_complaint
from bot.runtime.services import Services
from bot.runtime.triage_notices import triage_notice_origins
from storage.filing import Filing

__all__ = ["join_seconds", "said_plainly"]


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
        await join_seconds(services, item.id)
        settled = texts.triage_settled(said, item)  # her words stay under what became of them
        await rewrite_copies(services, triage_notice_origins(services, item.id), settled)
    return len(folded)


async def join_seconds(services: Services, item_id: int | None = None) -> int:
    """Neighbours' "+1" under an item filed as a ticket join that ticket, each acknowledged as
    any "+1" is (of one item; with None, of every filed item whose joining was cut short).
    How many joined."""
    stores, joined = services.stores, 0
    for second in await stores.seconds.unjoined(item_id):
        assert second.ticket_id is not None
        ticket = await stores.tickets.get(second.ticket_id)
        if ticket.status.is_active:  # (done or withdrawn since: nothing left to join)
            author = Person(second.user_id, second.display_name)
            message = GroupMessage(
                second.chat_id, second.message_id, author, second.text, thread_id=second.thread_id
            )
            heard = services.classifier.classify(second.text)
            await file_complaint(
                services, message, verdict=heard, into=ticket, received_at=second.received_at
            )
            joined += 1
        await stores.seconds.mark_joined(second.chat_id, second.message_id)
    return joined
