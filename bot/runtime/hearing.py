"""The intake's use cases: what an ordinary group message does — an answer the bot asked for,
a complaint (filed, or joined to the open ticket it is about), or chatter."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from bot.classify import Verdict
from bot.core.followups import adds_detail, is_bare_me_too, is_me_too, me_too_verb
from bot.core.loop import DOUBLE_SEND, joins_ticket
from bot.core.photos import span_around, span_before
from bot.core.tickets import Person, Ticket
from bot.core.triage import TriageItem, files_on_timeout, says_again
from bot.runtime import alerts
from bot.runtime.bursts import tell_office_of_burst
from bot.runtime.group_message import GroupMessage
from bot.runtime.keyboards import triage_buttons
from bot.runtime.pieces import (
    place_before,
    place_corrected,
    place_given_after,
    place_replied,
    placeless_filed,
)
from bot.runtime.progress import progress_asked, tell_where_it_stands
from bot.runtime.seconding import second_waiting
from bot.runtime.services import Services
from bot.runtime.spoken import (
    answer_to_prompt,
    reason_unprompted,
    verdict_in_reply,
    verdict_under_report,
    verdict_unprompted,
)
from bot.runtime.triage_notices import TRIAGE_NOTICE, triage_notice_body, triage_origin
from bot.runtime.withdrawing import told_its_over
from storage.filing import Filing, NewReport
from storage.photos import NewPhoto

__all__ = [
    "ME_TOO_WINDOW",
    "GroupMessage",
    "file_complaint",
    "hear",
    "queue_for_triage",
    "seen_in_group",
    "tell_of_triage",
    "triage_or_file",
]

log = logging.getLogger(__name__)

# A bare "+1" joins the group's latest complaint if that was reported this recently.
ME_TOO_WINDOW = timedelta(hours=1)


async def seen_in_group(
    services: Services,
    chat_id: int,
    title: str | None,
    kind: str,
    speaker: Person | None,
    forum: bool = False,
) -> None:
    """A group spoke: it is active, and who spoke can be found by @username later."""
    now = services.clock()
    await services.stores.chats.seen(chat_id, title, kind, now, forum)
    if speaker is not None:
        services.stores.chats.remember_member(speaker, now)


async def hear(
    services: Services, message: GroupMessage, verdict: Verdict | None = None
) -> Filing | None:
    """An ordinary group message: an answer the bot asked for, a complaint, a "me too", or
    chatter (`verdict`: the classifier's on its words, if already asked). What it filed, if
    anything."""
    if verdict is None:
        verdict = services.classifier.classify(message.text)
    if await place_given_after(services, message.chat_id, message.author.id, message.text, verdict):
        return None
    if await place_corrected(services, message, verdict):
        return None
    if message.reply_to is not None and message.reply_to_bot:
        if await answer_to_prompt(services, message, verdict, prompt_at=message.reply_to):
            return None
        if await verdict_in_reply(services, message, verdict):
            return None
    elif message.reply_to is None and await _answered_alone(services, message, verdict):
        return None
    if await verdict_under_report(services, message, verdict):
        return None  # "又坏了" under her "已受理 #1", the lift done: her verdict on it
    if await told_its_over(
        services, chat_id=message.chat_id, message_id=message.message_id,
        reply_to=message.reply_to, author=message.author, text=message.text, heard=verdict,
        to_bot=message.reply_to_bot, thread_id=message.thread_id,
    ):  # fmt: skip
        return None
    target = await _me_too_target(services, message)
    if await second_waiting(
        services, chat_id=message.chat_id, message_id=message.message_id,
        reply_to=message.reply_to, reply_to_bot=message.reply_to_bot, author=message.author,
        replied=(message.reply_to_author, message.reply_to_text),
        text=message.text, heard=verdict, ticket=target, window=ME_TOO_WINDOW,
        thread_id=message.thread_id,
    ):  # fmt: skip
        return None
    verb = me_too_verb(message.text)  # "我家也漏了" after "楼顶漏水了": a bare "+1" of it
    echoes = target is not None and verb is not None and verb in target.summary
    joins = target is not None and joins_ticket(
        target.category,
        me_too=echoes or is_me_too(message.text),
        is_complaint=verdict.is_complaint,
        category=verdict.category,
        is_reply=message.reply_to is not None,
        bare=echoes or is_bare_me_too(message.text),
        guess=verdict.guess,
        names_problem=verdict.urgent or verdict.named not in (None, target.category),
        adds=await _adds_to(services, message, verdict, target),
    )
    if joins:
        return await file_complaint(services, message, verdict=verdict, into=target)
    if await progress_asked(
        services, chat_id=message.chat_id, message_id=message.message_id,
        reply_to=message.reply_to, author=message.author, text=message.text, heard=verdict,
        origin=message.origin, to_bot=message.reply_to_bot, thread_id=message.thread_id,
    ):  # fmt: skip
        return None
    return await triage_or_file(services, message, verdict)


async def triage_or_file(
    services: Services, message: GroupMessage, verdict: Verdict
) -> Filing | None:
    """To a worker when unsure (研判 on), else filed — or not, when it is no complaint."""
    triage = services.triage
    if triage.enabled and verdict.outcome(triage.band) == "unsure":
        await queue_for_triage(services, message, verdict)
        return None
    return await file_complaint(services, message, verdict=verdict.unheld(), heard_now=True)


async def queue_for_triage(
    services: Services, message: GroupMessage, verdict: Verdict
) -> TriageItem | None:
    """Nothing is said in the group: the message waits for a worker, who is told in private
    (once: the same words sent twice — a double tap, or said again because nothing was
    answered — wait as one item)."""
    stores = services.stores
    if await _said_again(services, message, verdict.guess):
        return None
    ticket = await _her_ticket_said_again(services, message, verdict.guess)
    if ticket is not None:  # her complaint filed already, said again: where it stands
        await file_complaint(services, message, verdict=verdict.unheld(), into=ticket)
        return None
    # "3栋", then "停电了": the place she said alone a moment before goes with it; else, under
    # an old ticket's report, that ticket's place
    location = verdict.location or place_before(services, message.chat_id, message.author.id)
    if location is None and verdict.guess is not None:
        location = await place_replied(
            services, message.chat_id, message.reply_to, message.reply_to_bot, verdict.guess
        )
    item = await stores.triage.add(
        message.chat_id,
        message.message_id,
        message.author,
        message.text,
        services.clock(),
        category=verdict.guess,
        location=location,
        score=verdict.margin,
        sent_at=message.sent_at,
        thread_id=message.thread_id,
    )
    if item is None:  # queued before (the update handled again): told, if still waiting
        item = await stores.triage.waiting(message.chat_id, message.message_id)
        if item is None:
            return None
    await tell_of_triage(services, item, verdict)
    return item


async def tell_of_triage(services: Services, item: TriageItem, verdict: Verdict) -> None:
    """Every worker is told in private of the item waiting for them (once: told again, as when
    its update is handled again, nothing more is sent)."""
    body = await triage_notice_body(services, item, files_on_timeout(verdict.margin, verdict.held))
    markup = triage_buttons(item.id)
    told, _ = await alerts.tell_workers(
        services, TRIAGE_NOTICE, body, triage_origin(item.id), markup
    )
    log.info("triage item #%d queued (told %d worker(s) in private)", item.id, told)


async def _said_again(services: Services, message: GroupMessage, guess: str | None) -> bool:
    """The same words (or nearly) from the same person still wait for a worker: sent twice a
    moment ago, said again since because the group heard nothing, or chased (`guess`: the
    category her new words lean to; a question about another matter is not) — one matter,
    one item."""
    if message.author.id is None:
        return False
    now = services.clock()
    since = now - services.triage.wait - DOUBLE_SEND  # (the sweep may file it a little late)
    waiting = await services.stores.triage.waiting_from(message.chat_id, message.author.id, since)
    said = [
        (i.text, i.category, i.received_at) for i in waiting if i.message_id != message.message_id
    ]
    return says_again(message.text, guess, said, now)


async def _her_ticket_said_again(
    services: Services, message: GroupMessage, guess: str | None
) -> Ticket | None:
    """Her complaint still being handled (filed by 研判 or at once), said again or chased in
    words the classifier is unsure of: it joins her ticket and she is told where it stands — no
    second item for the workers, whose 不是诉求 on it would contradict the first answer."""
    if message.author.id is None:
        return None
    tickets = services.stores.tickets
    theirs = await tickets.of_household(message.chat_id, message.author.id, limit=5)
    active = [ticket for ticket, _ in theirs if ticket.status.is_active]
    reports = await tickets.reports_of([ticket.id for ticket in active])  # one read for all
    now = services.clock()
    for ticket in active:
        said = [
            (report.text, ticket.category, report.received_at)
            for report in reports[ticket.id]
            if report.chat_id == message.chat_id and report.user_id == message.author.id
        ]
        if says_again(message.text, guess, said, now):
            return ticket
    return None


async def file_complaint(
    services: Services,
    message: GroupMessage,
    *,
    assume_complaint: bool = False,
    verdict: Verdict | None = None,
    into: Ticket | None = None,
    received_at: datetime | None = None,
    heard_now: bool = False,
    own_photos: bool = False,
    photos_around: datetime | None = None,
) -> Filing | None:
    """File the message (idempotently) as a complaint, or into `into`; its acknowledgement is
    queued and the poster woken. None when it is no complaint. `received_at`: when it was
    written, if not just now (a 研判 item filed later). `heard_now`: her message just written
    in the group, which a place she typed alone a moment before or after belongs to (never an
    older one filed now by a worker or the 研判 timeout). Her photos posted alone just before
    it go with it when it is heard now, or is her own /new (`own_photos`); those just before
    and after `photos_around` (a 研判 item filed later, when its photos had no ticket yet)."""
    if verdict is None:
        verdict = services.classifier.classify(message.text, assume_complaint=assume_complaint)
    category = into.category if into is not None else verdict.category
    if category is None or (into is None and not verdict.is_complaint):
        return None
    location = verdict.location or (
        place_before(services, message.chat_id, message.author.id) if heard_now else None
    )
    if location is None and into is None:  # under an old ticket's report: its place
        location = await place_replied(
            services, message.chat_id, message.reply_to, message.reply_to_bot, category
        )
    new = NewReport(
        chat_id=message.chat_id,
        message_id=message.message_id,
        author=message.author,
        text=message.text,
        received_at=received_at or services.clock(),
        category=category,
        urgent=verdict.urgent,
        location=location,
        staff=services.config.roles.is_worker(message.author.id),
        photo=_photo_of(message),
        thread_id=message.thread_id,
    )
    if (heard_now or own_photos) and message.sent_at is not None:  # her photos just before
        since, until = span_before(message.sent_at)
        new = replace(new, photos_since=since, photos_until=until)
    elif photos_around is not None:  # a 研判 item filed: her photos before it and since
        since, until = span_around(photos_around)
        new = replace(new, photos_since=since, photos_until=until)
    into_id = into.id if into is not None else None
    filing = await services.stores.tickets.file_report(new, into=into_id)
    services.posts.kick(message.chat_id)
    if heard_now and filing.outcome == "created" and new.location is None:
        placeless_filed(services, message.chat_id, message.author.id, filing.ticket.id)
    if filing.repeat == "again":  # her own complaint said again: where it stands, not 已合并
        await tell_where_it_stands(
            services, message.chat_id, message.message_id, [filing.ticket], message.origin,
            message.thread_id,
        )  # fmt: skip
    if filing.outcome != "merged":  # a ticket opened: one problem in many groups at once?
        await tell_office_of_burst(services, filing.ticket)
    if filing.ticket.urgent and (filing.outcome != "duplicate" or filing.ticket.status.is_active):
        # filed again (a replay after a crash cut the alert short): queued once per worker
        await alerts.alert_workers(services, filing.ticket, message)
    return filing


def _photo_of(message: GroupMessage) -> NewPhoto | None:
    """The photo a message's words are the caption of, as kept with its report."""
    if message.picture is None:
        return None
    return NewPhoto.of(message.chat_id, message.message_id, message.author.id, message.picture)


async def _me_too_target(services: Services, message: GroupMessage) -> Ticket | None:
    """The open ticket a reply (to a report or its acknowledgement) or a bare "+1" is about."""
    tickets = services.stores.tickets
    if message.reply_to is not None:
        ticket = await tickets.ticket_of_message(message.chat_id, message.reply_to)
        if ticket is None:  # a message that waited for 研判, gone with a ticket filed since
            filed = await services.stores.triage.filed_as(message.chat_id, message.reply_to)
            ticket = await tickets.get(filed) if filed is not None else None
        return ticket if ticket is not None and ticket.status.is_active else None
    if is_me_too(message.text) or me_too_verb(message.text) is not None:
        since = services.clock() - ME_TOO_WINDOW  # in a group with topics: of her topic
        return await tickets.latest_active(message.chat_id, since, message.thread_id)
    return None


async def _answered_alone(services: Services, message: GroupMessage, heard: Verdict) -> bool:
    """Why not satisfied, or "满意", typed as a message of its own rather than as a reply."""
    for hearer in (reason_unprompted, verdict_unprompted):
        if await hearer(services, message, heard):
            return True
    return False


async def _adds_to(
    services: Services, message: GroupMessage, verdict: Verdict, ticket: Ticket
) -> bool:
    """Whether words under a ticket add to it though they are no complaint: unsure of being
    one (not a 研判 item, filed later as a ticket of its own), or a detail its reporter adds."""
    if verdict.outcome(services.triage.band) == "unsure":
        return True
    if not adds_detail(message.text):
        return False
    return message.author.id in {p.id for p in await services.stores.tickets.reporters(ticket.id)}
