"""研判 use cases: file or dismiss on a worker's word, and file what nobody judged in time (a
message is queued by `bot.runtime.hearing.queue_for_triage`)."""

from __future__ import annotations

import logging

from bot import texts
from bot.classify import Verdict
from bot.core import permissions
from bot.core.lessons import Lesson, LessonSource
from bot.core.tickets import Person
from bot.core.triage import Decision, TriageItem
from bot.runtime.hearing import GroupMessage, file_complaint
from bot.runtime.services import Services
from storage.acted import AlreadyActed

__all__ = ["decide", "file_overdue", "waiting_list"]

log = logging.getLogger(__name__)


async def decide(
    services: Services,
    item_id: int,
    actor: Person | None,
    decision: Decision,
    category: str | None = None,
    *,
    origin: str | None = None,
) -> TriageItem:
    """A worker's judgement (or, with actor None, the timeout's): 登记 files the message as a
    complaint, acknowledged in the group as a reply to the resident; 不是诉求 dismisses it.
    A worker's judgement teaches the classifier."""
    if actor is not None:
        permissions.require_worker(services.config.roles, actor.id)
    stores = services.stores
    try:
        item = await stores.triage.decide(
            item_id, decision, category, actor, services.clock(), origin=origin
        )
    except AlreadyActed:
        found = await stores.triage.get(item_id)
        assert found is not None
        item = found
    if actor is not None:
        filed = item.state == Decision.FILE
        services.classifier.learn(
            Lesson(
                item.text, filed, item.category if filed else None, LessonSource.TRIAGE, actor.id
            )
        )
    if item.state != Decision.FILE:
        return item
    chosen = item.category or "other"
    message = GroupMessage(
        item.chat_id, item.message_id, Person(item.user_id, item.display_name), item.text
    )
    verdict = Verdict(True, chosen, False, item.location)
    filing = await file_complaint(services, message, assume_complaint=True, verdict=verdict)
    if filing is not None and item.ticket_id is None:
        await stores.triage.attach_ticket(item.id, filing.ticket.id)
        found = await stores.triage.get(item.id)
        assert found is not None
        item = found
    return item


async def file_overdue(services: Services) -> int:
    """File every item nobody judged within the wait: 件件有回音 wins over silence."""
    filed = 0
    for item in await services.stores.triage.pending(
        before=services.clock() - services.triage.wait
    ):
        try:
            await decide(services, item.id, None, Decision.FILE)
            filed += 1
        except permissions.Refused:  # a worker judged it meanwhile
            continue
    if filed:
        log.info("filed %d triage item(s) nobody judged in time", filed)
    return filed


async def waiting_list(services: Services, limit: int = 20) -> str | None:
    """The 研判 queue, as /todo shows it to a worker; None when nothing waits."""
    waiting = await services.stores.triage.pending(limit=limit)
    if not waiting:
        return None
    groups = await services.stores.chats.active_groups()
    return texts.triage_queue(waiting, {g.chat_id: g.title or str(g.chat_id) for g in groups})
