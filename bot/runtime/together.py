"""A danger told in pieces ("电梯停了" … "里面有人" … "在喊救命"): a resident's new message
read with her short messages of the last minutes in the same group (bot.classify.together).
Together a danger that none was alone, it is handled as urgent at once, as any danger is:

- one of her pieces was filed as a ticket: that ticket becomes urgent, as when a neighbour's
  report of a danger joins it (urgent deadline, the workers' alerts, 现场立办 when nobody
  takes it, the workers on duty called in the group's urgent acknowledgement);
- else her words are filed together as one urgent ticket, acknowledged under the new piece;
- a piece waiting for a worker (研判) goes with that ticket: danger is never unsure.

The workers' private alert shows all her pieces' words. A neighbour's words are never read
with hers. Nothing is ever made less urgent."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot import texts
from bot.classify import Verdict
from bot.classify.together import PIECES_WITHIN, Piece, Together, kept, read_together
from bot.core.tickets import Report, Ticket
from bot.core.triage import TriageItem
from bot.runtime.alerts import rewrite_copies
from bot.runtime.hearing import GroupMessage, file_complaint
from bot.runtime.services import Services
from bot.runtime.triage_fold import join_seconds
from bot.runtime.triage_notices import triage_notice_origins
from storage.filing import Filing

__all__ = ["filed_in_pieces", "told_in_pieces"]

log = logging.getLogger(__name__)


async def told_in_pieces(
    services: Services, message: GroupMessage, alone: Verdict
) -> Filing | None:
    """Her new message (`alone`: its own verdict) read with her pieces just before it: what was
    filed when together they are a danger now handled as urgent (nothing more is to be done
    with the message), else None (it is heard as ever). Every message of hers is remembered
    for the next."""
    who = message.author.id
    if who is None:
        return None
    key, now = (message.chat_id, who), services.clock()
    earlier = services.pieces.runs.get(key, ())
    new = Piece(message.message_id, message.text, now, alone.urgent, alone.guess)
    together = read_together(services.classifier.classify, earlier, new, alone)
    # a danger together is one from now on: the next piece adds nothing new to it
    services.pieces.told(key, kept(earlier, new if together is None else replace(new, urgent=True)))
    if together is not None:
        return await _as_urgent(services, message, together)
    return None


async def _as_urgent(
    services: Services, message: GroupMessage, together: Together
) -> Filing | None:
    """Her pieces are a danger together: her ticket among them becomes urgent, or her words are
    filed together as one; her pieces waiting for a worker go with it. None when the danger is
    in hand already (a ticket of hers among them is urgent)."""
    stores, chat_id = services.stores, message.chat_id
    filed: list[Ticket] = []
    waiting: list[TriageItem] = []
    for piece in together.pieces[:-1]:
        ticket = await stores.tickets.ticket_of_message(chat_id, piece.message_id)
        if ticket is not None and ticket.status.is_active:
            filed.append(ticket)
        item = await stores.triage.waiting(chat_id, piece.message_id)
        if item is not None:
            waiting.append(item)
    if any(ticket.urgent for ticket in filed):
        return None
    same = [t for t in filed if t.category == together.verdict.category]
    mine = same or filed  # the latest, of the danger's category if one is
    into = mine[-1] if mine else None
    words = replace(message, text=together.text)
    filing = await file_complaint(
        services, words, verdict=together.verdict, into=into, heard_now=True
    )
    if filing is None:
        return None
    folded = [item for item in waiting if await stores.triage.withdraw(item.id, filing.ticket.id)]
    await _settle(services, filing.ticket, folded)
    log.info(
        "%d pieces read together are a danger: #%d urgent (%s)",
        len(together.pieces), filing.ticket.id, filing.outcome,
    )  # fmt: skip
    return filing


async def filed_in_pieces(
    services: Services, message: GroupMessage, ticket: Ticket, report: Report
) -> bool:
    """Her message handled again (its update replayed at a start, which forgot her pieces),
    filed before with her earlier pieces as a danger (`report`: its report, in `ticket`):
    filed again — nothing new is filed, and the workers' alerts a crash cut short go out, once
    per ticket and worker; her pieces that went with it from the 研判 queue have their notices
    settled. Whether it was filed so."""
    stores, chat_id, who = services.stores, message.chat_id, message.author.id
    said = message.text.strip()
    if not ticket.urgent or who is None:
        return False
    if report.text == message.text or not report.text.endswith(said):
        return False
    heard = services.classifier.classify(report.text)
    if not heard.urgent:
        return False
    words = replace(message, text=report.text)
    filing = await file_complaint(services, words, verdict=heard, into=ticket)
    if filing is not None:
        since = report.received_at - PIECES_WITHIN
        await _settle(services, filing.ticket, await stores.triage.folded_into(
            chat_id, who, filing.ticket.id, since
        ))  # fmt: skip
    return True


async def _settle(services: Services, ticket: Ticket, items: list[TriageItem]) -> None:
    """Her pieces that waited for a worker went with the urgent ticket: their photos and their
    neighbours' "+1" too, and every worker's notice of them says so, without its buttons."""
    said = texts.triage_urgent_together(services.texts.label(ticket))
    for item in items:
        await services.stores.photos.attach(ticket.id, item.chat_id, item.message_id)
        await join_seconds(services, item.id)  # a neighbour's "+1" under it counts too
        body = texts.triage_settled(said, item)  # her words stay under what became of them
        await rewrite_copies(services, triage_notice_origins(services, item.id), body)
