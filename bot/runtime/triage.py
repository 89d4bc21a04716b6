"""研判 use cases: file or dismiss on a worker's word, and file what nobody judged in time (a
message is queued by `bot.runtime.hearing.queue_for_triage`)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from bot import texts
from bot.classify import Verdict
from bot.core import permissions
from bot.core.lessons import Lesson, LessonSource
from bot.core.photos import span_around
from bot.core.tickets import Person
from bot.core.triage import Decision, TriageItem, files_on_timeout
from bot.runtime.alerts import rewrite_copies
from bot.runtime.hearing import GroupMessage, file_complaint
from bot.runtime.services import Services
from bot.runtime.teaching import teach
from bot.runtime.triage_fold import join_seconds
from bot.runtime.triage_notices import show_again, triage_notice_origins
from storage.acted import AlreadyActed
from storage.filing import Filing

__all__ = [
    "decide",
    "edited_while_waiting",
    "file_overdue",
    "filed_by_new",
    "settle_copies",
    "settle_decided",
    "waiting_list",
]

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
    if decision is Decision.FILE and category is None:  # its guess, if still a category
        category = await _guess_now(services, item_id)
    try:
        item = await stores.triage.decide(
            item_id, decision, category, actor, services.clock(), origin=origin
        )
        fresh = True
    except AlreadyActed:  # a replayed press: the judgement stands, nothing is taught again
        found = await stores.triage.get(item_id)
        assert found is not None
        item, fresh = found, False
    if actor is not None and fresh:
        filed = item.state == Decision.FILE
        category = item.category if filed else None
        teach(services, Lesson(item.text, filed, category, LessonSource.TRIAGE, actor.id))
    return await _file(services, item) if item.state == Decision.FILE else item


async def _guess_now(services: Services, item_id: int) -> str | None:
    """None when the item's guess is one of the categories, or none (`decide` files it under
    it, or 其他); else — a category the config no longer has, removed since it was queued —
    the classifier's guess now."""
    item = await services.stores.triage.get(item_id)
    if item is None or item.category in (None, *services.classifier.category_names()):
        return None
    return services.classifier.classify(item.text, assume_complaint=True).category


async def _file(services: Services, item: TriageItem) -> TriageItem:
    """File a 研判 item decided as a complaint (idempotent: a message is one report), as
    received when the resident wrote it, and note its ticket."""
    author = Person(item.user_id, item.display_name)
    message = GroupMessage(
        item.chat_id, item.message_id, author, item.text, thread_id=item.thread_id
    )
    verdict = Verdict(True, item.category or "other", False, item.location)
    filing = await file_complaint(
        services, message, assume_complaint=True, verdict=verdict,
        received_at=item.received_at, photos_around=item.sent_at,
    )  # fmt: skip
    if filing is not None and item.ticket_id is None:
        item = await services.stores.triage.attach_ticket(item.id, filing.ticket.id)
    await join_seconds(services, item.id)
    return item


async def file_overdue(services: Services) -> int:
    """File every item nobody judged within the wait (件件有回音 wins over silence), and any
    item decided as a complaint whose filing was cut short."""
    filed = 0
    overdue = services.clock() - services.triage.wait
    settling: list[asyncio.Task[int]] = []  # workers' copies edited together, not one by one
    try:
        for item in await services.stores.triage.pending(before=overdue):
            heard = services.classifier.classify(item.text)  # its words as they are now
            files = files_on_timeout(heard.margin, heard.held)
            # "停电了" while the outage was being reported and fixed: not a new outage now, nor
            # anyone's verdict that it was no complaint (no tally counts it)
            handled = await services.stores.triage.handled_since(item) if files else None
            if handled is not None:
                if await services.stores.triage.withdraw(item.id):
                    said = texts.triage_timed_out_handled(f"#{handled}")
                    settling.append(asyncio.create_task(settle_copies(services, item, said)))
                continue
            try:
                decided = await decide(
                    services, item.id, None, (files and Decision.FILE) or Decision.DISMISS
                )
            except permissions.Refused:  # a worker judged it meanwhile
                continue
            if not files:  # sure chatter a learned phrase named: only a worker files that
                said = texts.TRIAGE_TIMED_OUT_DISMISSED
                settling.append(asyncio.create_task(settle_copies(services, decided, said)))
                continue
            filed += 1
            ticket = await services.stores.tickets.ticket_of_message(item.chat_id, item.message_id)
            label = services.texts.label(ticket) if ticket else texts.TRIAGE_FILED_LABEL
            number = ticket.id if ticket else None
            if number is not None and len(await services.stores.tickets.reports(number)) > 1:
                number = None  # it joined a neighbour's ticket: /cancel would withdraw theirs
            replied = await _bot_in(services, item.chat_id)
            said = texts.triage_timed_out(label, number, replied=replied)
            settling.append(asyncio.create_task(settle_copies(services, decided, said)))
    finally:  # started at once, awaited together: a slow edit holds up no other
        for failed in await asyncio.gather(*settling, return_exceptions=True):
            if isinstance(failed, Exception):
                log.error("a judged item's notices were not all settled: %r", failed)
    for item in await services.stores.triage.unfiled():
        await _file(services, item)
    await join_seconds(services)  # any a crash cut short
    if filed:
        log.info("filed %d triage item(s) nobody judged in time", filed)
    return filed


async def edited_while_waiting(services: Services, message: GroupMessage) -> bool:
    """The resident edited a message that waits for a worker: the words decide again. Still
    unsure: the item and every worker's notice show the new words. Now chatter ("没事了 搞错了"):
    it no longer waits, and the notices say so. Now a complaint (a danger too): filed as one,
    with its alert, and the notices say so. False when nothing of it waits."""
    stores = services.stores
    item = await stores.triage.waiting(message.chat_id, message.message_id)
    if item is None:
        return False
    verdict = services.classifier.classify(message.text)
    outcome = verdict.outcome(services.triage.band)
    now_reads = replace(item, text=message.text)  # her words as the settled notices show them
    if outcome == "unsure":
        revised = await stores.triage.revise(
            item.id, message.text, verdict.guess, verdict.location, verdict.margin
        )
        if revised is None:
            return False  # a worker judged it meanwhile: an edit of an ordinary message
        await show_again(services, revised, files_on_timeout(verdict.margin, verdict.held))
        return True
    if outcome == "not_complaint":
        if not await stores.triage.withdraw(item.id):
            return False
        await settle_copies(services, now_reads, texts.TRIAGE_WITHDRAWN)
        return True
    # filed first: should that fail, the item still waits (and the timeout files it); her
    # photos around it go with it, as when a worker or the clock files it
    filing = await file_complaint(
        services, message, verdict=verdict.unheld(), photos_around=item.sent_at
    )
    await stores.triage.withdraw(item.id, filing.ticket.id if filing else None)
    await join_seconds(services, item.id)
    label = services.texts.label(filing.ticket) if filing else texts.TRIAGE_FILED_LABEL
    await settle_copies(services, now_reads, texts.triage_edited_filed(label))
    return True


async def filed_by_new(
    services: Services, message: GroupMessage, filing: Filing | None, worker: Person
) -> None:
    """A worker filed a 研判 message with /new as a reply to it: it no longer waits (no
    colleague can dismiss what is now a ticket), or is no longer taken as dismissed (不是诉求
    regretted, or the clock's 多半是闲聊 answered as its notice asks); every worker's notice
    says so."""
    if filing is None:
        return
    stores = services.stores
    item = await stores.triage.filed_by_hand(message.chat_id, message.message_id, filing.ticket.id)
    if item is None:
        return
    if item.sent_at is not None:  # her photos around it go with it, as with 登记
        since, until = span_around(item.sent_at)
        await stores.photos.attach(
            filing.ticket.id, item.chat_id, item.message_id, user_id=item.user_id,
            since=since, until=until,
        )  # fmt: skip
    await join_seconds(services, item.id)
    said = texts.triage_filed(services.texts.label(filing.ticket), worker.name)
    await settle_copies(services, item, said)


async def waiting_list(services: Services, limit: int = 20) -> str | None:
    """The 研判 queue, as /todo shows it to a worker; None when nothing waits."""
    waiting = await services.stores.triage.pending(limit=limit)
    if not waiting:
        return None
    total = await services.stores.triage.count_pending()  # all of them, not just those listed
    titles = await services.stores.chats.titles()  # a group that removed the bot has its name
    seconds = await services.stores.seconds.households_of([item.id for item in waiting])
    return texts.triage_queue(waiting, titles, total, seconds)


async def settle_decided(
    services: Services, item: TriageItem, who: str, skip: tuple[int, int] | None = None
) -> str:
    """Once a worker judged an item (in private or on the desk), what its notices now say
    (with the resident's words); every worker's copy says it (`skip`: the copy the caller edits
    itself)."""
    filed = await services.stores.tickets.ticket_of_message(item.chat_id, item.message_id)
    if item.state != Decision.FILE:
        said = texts.triage_dismissed(who)
    else:  # filed (its ticket may still be on the way)
        label = texts.TRIAGE_FILED_LABEL if filed is None else services.texts.label(filed)
        said = texts.triage_filed(label, who, replied=await _bot_in(services, item.chat_id))
    await settle_copies(services, item, said, skip=skip)
    return texts.triage_settled(said, item)


async def settle_copies(
    services: Services, item: TriageItem, said: str, skip: tuple[int, int] | None = None
) -> int:
    """Once an item is judged (or filed by the timeout), every worker's copy of its notice says
    so, above the resident's words, and loses its buttons (`skip`: the copy already edited, the
    one pressed). How many."""
    origins, body = triage_notice_origins(services, item.id), texts.triage_settled(said, item)
    return await rewrite_copies(services, origins, body, skip=skip)


async def _bot_in(services: Services, chat_id: int) -> bool:
    """Whether the bot is still in the group (its acknowledgement can reach the resident)."""
    group = await services.stores.chats.get(chat_id)
    return group is None or group.active
