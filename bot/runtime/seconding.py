"""A neighbour's "+1" under a message waiting for 研判: nothing is said in the group yet, so it
is kept with the message, shown to the workers, and joins the ticket the message becomes."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.classify import Verdict
from bot.core.followups import is_bare_me_too, is_me_too
from bot.core.loop import SAID_AGAIN, joins_ticket, text_similarity
from bot.core.tickets import Person, Ticket
from bot.core.triage import TriageItem, files_on_timeout
from bot.runtime.services import Services
from bot.runtime.triage_notices import show_again

__all__ = ["second_waiting"]

log = logging.getLogger(__name__)


async def second_waiting(
    services: Services,
    *,
    chat_id: int,
    message_id: int,
    reply_to: int | None,
    reply_to_bot: bool,
    author: Person,
    replied: tuple[int | None, str] = (None, ""),
    text: str,
    heard: Verdict,
    ticket: Ticket | None,
    window: timedelta,
    thread_id: int | None = None,
) -> bool:
    """Whether a neighbour's "+1" is about a message waiting for 研判 — a reply to it, or a bare
    "+1" just after it (within `window`, and newer than `ticket`, the open ticket it would
    otherwise join) — and so is kept with it. Her own "+1", words naming another problem, and
    anything urgent are not."""
    if not is_me_too(text) or author.id is None or heard.urgent:
        return False
    stores, bare = services.stores, is_bare_me_too(text)
    item: TriageItem | None = None
    if reply_to is not None and not reply_to_bot and ticket is None:
        item = await stores.triage.seconded(chat_id, reply_to)  # (or a worker files it now)
        if item is None and replied[0] is not None:  # her words said again, not kept apart
            item = await _repeated_item(services, chat_id, replied, window)
    elif reply_to is None and bare:
        since = services.clock() - window  # in a group with topics: of its topic
        item = await stores.triage.latest_waiting(chat_id, since, thread_id)
        told = await stores.tickets.heard_at(ticket.id, thread_id) if item and ticket else None
        if item is not None and told is not None and told > item.received_at:
            item = None  # the open ticket was told of since (not merely taken): about that
    if item is None or item.user_id == author.id:
        return False
    about = item.category or "other"
    if not joins_ticket(
        about,
        me_too=True,
        is_complaint=heard.is_complaint,
        category=heard.category,
        is_reply=reply_to is not None,
        bare=bare,
        guess=heard.guess,
        names_problem=heard.named not in (None, about),
    ):
        return False
    kept = await stores.seconds.add(
        item.id, chat_id, message_id, author, text, services.clock(), thread_id
    )
    if kept is None:
        return True  # kept before, or her household already said so
    households, waits = kept
    if waits:  # every worker's notice counts it (one being filed joins its ticket instead)
        again = services.classifier.classify(item.text)
        await show_again(services, item, files_on_timeout(again.margin, again.held))
    log.info("triage item #%d seconded (%d household(s) besides its own)", item.id, households)
    return True


async def _repeated_item(
    services: Services, chat_id: int, replied: tuple[int | None, str], window: timedelta
) -> TriageItem | None:
    """The waiting item of the resident a "+1" answers, when the words it answers are hers
    said again (nothing was answered, so she said it twice: only the first is the item)."""
    author, words = replied
    if author is None or not words:
        return None
    since = services.clock() - services.triage.wait - window
    for item in await services.stores.triage.waiting_from(chat_id, author, since):
        if text_similarity(words, item.text) >= SAID_AGAIN:
            return item
    return None
