"""Scheduled work on python-telegram-bot's JobQueue.

One repeating job asks, by the services' clock, what is due *now*: escalations and verdict
time-outs (督查督办), the daily digest, the weekly look back (回头看), custom notices and
reminders. Every scheduled post is recorded with its occurrence in the same transaction as the
notice itself, so a restart never posts it twice; an occurrence missed while the bot was down
is posted on start within the grace period, else skipped and logged. Tests drive the same
functions with a controllable clock.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from apscheduler.triggers.cron import CronTrigger
from telegram.ext import JobQueue

from bot import texts
from bot.config import NoticeConfig
from bot.core.loop import MAX_LEVEL, ON_TIME, escalation_chat
from bot.core.tickets import Ticket
from bot.core.timeutil import SECOND, in_range, next_outside
from bot.core.workdays import WorkCalendar
from bot.runtime import alerts
from bot.runtime.attachments import charts_request
from bot.runtime.backlog import Backlog
from bot.runtime.context import BotContext
from bot.runtime.delivery import LOOKBACK_CHARTS_KIND
from bot.runtime.firing import crontab_triggers, latest_of
from bot.runtime.groups import as_now, is_staff_chat
from bot.runtime.live_group import live_group
from bot.runtime.merged_escalations import merged_copies, untaken_call
from bot.runtime.services import Services
from bot.runtime.triage import file_overdue
from bot.runtime.verdicts import ask_silent_households
from storage.schedule import PostStatus

__all__ = ["install_jobs", "run_schedule", "supervise"]

log = logging.getLogger(__name__)

LOOKBACK_LIMIT = timedelta(days=8)
INBOX_KEEP = timedelta(days=7)  # handled updates are kept a week, for inspection
OUTBOX_KEEP = timedelta(days=180)  # what the bot posted: half a year (a ticket's stay longer)
LOOSE_PHOTOS_KEEP = timedelta(days=1)  # a photo about no ticket: forgotten after a day
PAGE = 500  # overdue tickets read at a time


async def supervise(services: Services) -> dict[str, int]:
    """Escalate overdue tickets one level, ask silent households again half way through the
    rating window, close done tickets whose window ended, file 研判 items nobody judged in
    time; then post."""
    now = services.clock()
    config = services.config
    escalated = closed = 0
    # by chat, level and urgency (an urgent notice is posted in quiet hours too): one notice each
    due: dict[tuple[int | None, int, bool], list[Ticket]] = {}
    titles: dict[int, str | None] = {}
    deadlines = config.deadline_policy()
    async for ticket in _to_escalate(services, now):
        limit = deadlines.limit(ticket.category, ticket.urgent)
        level = services.loop.escalation_due(ticket, now, limit)
        if level is None:
            continue
        group = await services.stores.chats.get(ticket.chat_id)
        if group is not None and group.ledger_only and not await live_group(services, ticket):
            continue  # history brought in from a ledger is not supervised (unless merged into)
        chat_id = escalation_chat(
            await as_now(services, config.escalation.chat_for(level)),
            ticket.chat_id,
            level,
            bot_in_group=group is None or group.active,
        )
        titles[ticket.id] = group.title if group else None
        due.setdefault((chat_id, level, ticket.urgent), []).append(ticket)
    for (chat_id, level, urgent), tickets in due.items():
        quiet = config.schedule.quiet_hours
        not_before = now if urgent else next_outside(now, quiet, config.schedule.tz)
        by_id = {ticket.id: ticket for ticket in tickets}
        # an urgent ticket nobody has taken: the workers are told again in private, and called
        # by name in the group's post (现场立办)
        again = {t.id: await alerts.alerts_again(services, t, level) for t in tickets}
        reached = any(again.values())
        call = await untaken_call(services, tickets, reached) if level == 1 else None
        copies = {t.id: await merged_copies(services, t, level, now, call) for t in tickets}

        def compose(
            ids: list[int],
            by_id: dict[int, Ticket] = by_id,
            level: int = level,
            chat_id: int | None = chat_id,
            call: Callable[[list[int]], str | None] | None = call,
        ) -> str:
            raised = [by_id[i] for i in ids]
            said = texts.compose_escalations(raised, level, titles, now, services.texts, chat_id)
            line = call(ids) if call is not None else None
            return f"{said}\n{line}" if line else said

        raised = await services.stores.actions.escalate_together(
            list(by_id), level, now, chat_id, compose, not_before, again, copies
        )
        escalated += len(raised)
        if raised and chat_id is None:
            log.info("%d tickets escalated to level %d (no chat configured)", len(raised), level)
    for ticket in await services.stores.tickets.done_since_before(
        now - services.loop.rating_window
    ):
        if await services.stores.actions.close_unrated(ticket.id, now):
            closed += 1
    asked = await ask_silent_households(services)
    triaged = await file_overdue(services)
    await services.posts.kick_all()
    return {
        "escalated": escalated,
        "closed_unrated": closed,
        "asked_again": asked,
        "triage_filed": triaged,
    }


async def _to_escalate(services: Services, now: datetime) -> AsyncIterator[Ticket]:
    """Every overdue ticket below the top level, page after page: tickets waiting for their
    next level's time must not fill a page and hide one that has just become overdue."""
    after: Ticket | None = None
    while True:
        page = await services.stores.tickets.overdue(
            now, below_level=MAX_LEVEL, after=after, limit=PAGE
        )
        for ticket in page:
            yield ticket
        if len(page) < PAGE:
            return
        after = page[-1]


async def remind_overdue(services: Services) -> int:
    """Mention the worker of each overdue ticket, at most every N hours, in working hours."""
    now, schedule = services.clock(), services.config.schedule
    local = now.astimezone(schedule.tz).time()
    if not in_range(local, schedule.working_hours):
        return 0
    not_since = now - timedelta(hours=schedule.reminder_hours)
    owed: dict[tuple[int, int], list[Ticket]] = {}  # by group and worker, oldest deadline first
    for ticket in await services.stores.tickets.overdue(now, not_reminded_since=not_since):
        if ticket.assignee_id is None:
            continue  # nobody to remind: escalation takes care of it
        if (where := await live_group(services, ticket)) is None:
            continue  # no group that has the bot holds it
        owed.setdefault((where[0], ticket.assignee_id), []).append(where[1])
    sent = 0
    for (chat_id, _), tickets in owed.items():
        by_id = {ticket.id: ticket for ticket in tickets}

        def compose(ids: list[int], by_id: dict[int, Ticket] = by_id) -> str:
            return texts.compose_reminder([by_id[i] for i in ids], now, services.texts)

        reminded = await services.stores.actions.remind(
            list(by_id), now, not_since, chat_id, compose
        )
        sent += len(reminded)
    return sent


def _on_its_days(calendar: WorkCalendar, notice: NoticeConfig, local: datetime) -> bool:
    """Whether a notice's occurrence falls on one of its days (`days` in [[notices]])."""
    if notice.days == "every":
        return True
    return calendar.is_workday(local.date()) == (notice.days == "workdays")


def _notice_kind(notice: NoticeConfig) -> str:
    digest = hashlib.sha1(f"{notice.cron}|{notice.chat}|{notice.text}".encode()).hexdigest()
    return f"notice:{digest[:12]}"


async def _post_occurrence(
    services: Services,
    kind: str,
    triggers: Sequence[CronTrigger],
    chat_ids: Sequence[int],
    compose: Any,
    *,
    respect_quiet: bool = False,
    attach: Any = None,
    arrived: Mapping[int, datetime] | None = None,
    period: Callable[[date], object] | None = None,
    new_from_now: bool = False,
) -> int:
    """Post the latest occurrence of `kind` to every chat that has not had it yet — not to a
    group the bot came to after it (`arrived`: when it last came to each group), nor, with a
    `period` (a local day's period: the day, the week), to one given an occurrence of the same
    period (the time, the day or the zone was changed after it). `new_from_now`: a kind never
    posted (a custom notice added or reworded since) starts now, missing nothing before."""
    now, schedule = services.clock(), services.config.schedule
    grace = max(timedelta(hours=schedule.grace_hours), ON_TIME)
    since = await services.stores.schedule.last_occurrence(kind)
    if since is None or since > now:  # none yet, or one given while the clock ran ahead
        since = now - (ON_TIME if new_from_now and since is None else grace) - timedelta(minutes=1)
    # the latest occurrence recorded is looked at again: a round cut short (a failure, the
    # process stopped) reaches the chats it had not reached yet at the next tick
    occurrence = latest_of(triggers, max(since - SECOND, now - LOOKBACK_LIMIT), now)
    if occurrence is None or not chat_ids:
        return 0
    done = await services.stores.schedule.recorded(kind, occurrence, chat_ids)
    posted = 0
    for chat_id in chat_ids:
        if chat_id in done:
            continue
        if arrived is not None and arrived.get(chat_id, occurrence) > occurrence:
            await services.stores.schedule.record(kind, chat_id, occurrence, "skipped", now)
            continue  # e.g. a digest of a day the bot did not see there, right after its welcome
        if period and await _told_that_period(services, kind, chat_id, occurrence, period):
            await services.stores.schedule.record(kind, chat_id, occurrence, "skipped", now)
            continue  # skipped, not told: the next one reaches back to the one given
        if now - occurrence > grace:
            await services.stores.schedule.record(kind, chat_id, occurrence, "skipped", now)
            log.warning(
                "%s of %s for chat %s missed by more than the grace period; skipped",
                kind,
                occurrence.isoformat(),
                chat_id,
            )
            continue
        body = await compose(chat_id, occurrence)
        not_before = next_outside(now, schedule.quiet_hours, schedule.tz) if respect_quiet else now
        status: PostStatus = "posted" if body else "empty"
        extra = attach(chat_id, occurrence) if attach and body else ()
        recorded = await services.stores.schedule.record(
            kind, chat_id, occurrence, status, now, body, not_before, extra
        )
        if recorded:
            posted += int(body is not None)
    return posted


async def _told_that_period(
    services: Services,
    kind: str,
    chat_id: int,
    occurrence: datetime,
    period: Callable[[date], object],
) -> bool:
    """Was the chat given an earlier occurrence of `kind` in the occurrence's local period?"""
    tz = services.config.schedule.tz
    last = await services.stores.schedule.last_told(kind, chat_id, occurrence)
    return last is not None and period(last.astimezone(tz).date()) == period(
        occurrence.astimezone(tz).date()
    )


def _same_day(day: date) -> date:
    return day


def _same_week(day: date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


async def run_schedule(services: Services) -> dict[str, int]:
    """Everything due by now: supervision, digests, look backs, notices, reminders."""
    counts = await supervise(services)
    schedule, tz = services.config.schedule, services.config.schedule.tz
    active = await services.stores.chats.active_groups()
    # the office's own chats are no building's group: no daily digest (the office's chat gets
    # one look back of them all)
    groups = [g.chat_id for g in active if not await is_staff_chat(services, g.chat_id)]
    office = await as_now(services, schedule.office_chat)  # a supergroup now, maybe
    arrived = {g.chat_id: g.arrived_at for g in active}
    bulletins = services.bulletins

    async def digest(chat_id: int, occurrence: datetime) -> str | None:
        since = await services.stores.schedule.last_told("digest", chat_id, occurrence)
        day = occurrence.astimezone(tz).date()
        return await bulletins.digest(chat_id, day, occurrence, since=since)

    def scope_of(chat_id: int) -> int | None:
        return None if chat_id == office else chat_id

    async def look_back(chat_id: int, occurrence: datetime) -> str | None:
        return await bulletins.look_back(scope_of(chat_id), occurrence)

    def charts(chat_id: int, occurrence: datetime) -> list[tuple[str, str]]:
        """The pictures that go with a look back, drawn when their turn to be sent comes."""
        return [(LOOKBACK_CHARTS_KIND, charts_request(scope_of(chat_id), occurrence))]

    daily = CronTrigger(
        hour=schedule.digest_time.hour, minute=schedule.digest_time.minute, timezone=tz
    )
    counts["digests"] = await _post_occurrence(
        services,
        "digest",
        [daily],
        groups,
        digest,
        respect_quiet=True,
        arrived=arrived,
        period=_same_day,
    )
    weekly = CronTrigger(
        day_of_week=schedule.weekly_day,
        hour=schedule.weekly_time.hour,
        minute=schedule.weekly_time.minute,
        timezone=tz,
    )
    targets = groups + ([office] if office else [])
    counts["look_backs"] = await _post_occurrence(
        services,
        "lookback",
        [weekly],
        targets,
        look_back,
        respect_quiet=True,
        attach=charts,
        arrived=arrived,
        period=_same_week,
    )
    counts["notices"] = 0
    for notice in services.config.notices:

        async def custom(
            chat_id: int, occurrence: datetime, notice: NoticeConfig = notice
        ) -> str | None:  # None: not one of its days (recorded, not posted)
            if not _on_its_days(services.config.calendar, notice, occurrence.astimezone(tz)):
                return None
            return services.texts.custom_notice(notice.text)

        chats = await _notice_chats(services, notice.chat, groups)
        counts["notices"] += await _post_occurrence(
            services,
            _notice_kind(notice),
            crontab_triggers(notice.cron, tz),
            chats,
            custom,
            respect_quiet=True,
            arrived=arrived,
            new_from_now=True,  # its words corrected at 09:30: not posted a second time at 09:31
        )
    counts["reminders"] = await remind_overdue(services)
    counts["pruned"] = await services.stores.inbox.prune(services.clock() - INBOX_KEEP)
    counts["desk_expired"] = await services.stores.desk.prune(services.clock())
    counts["posts_forgotten"] = await services.stores.outbox.prune(services.clock() - OUTBOX_KEEP)
    counts["photos_forgotten"] = await services.stores.photos.forget_loose(
        services.clock() - LOOSE_PHOTOS_KEEP
    )
    await services.posts.kick_all()
    return counts


async def _notice_chats(services: Services, chat: int | None, groups: list[int]) -> list[int]:
    """Where a notice goes: every active group, or its one chat — not while that chat is a
    group the bot is out of (the days it missed would all be posted on its return)."""
    if chat is None:
        return groups
    chat_id = await as_now(services, chat)
    known = await services.stores.chats.get(chat_id)
    return [] if known is not None and not known.active else [chat_id]


async def _schedule_job(context: BotContext) -> None:
    backlog = context.job.data if context.job is not None else None  # `install_jobs`
    if isinstance(backlog, Backlog) and not backlog.caught_up(context.services.clock()):
        return  # a /done sent while the bot was down may be among what waits: next minute
    await run_schedule(context.services)


def install_jobs(
    job_queue: JobQueue[BotContext], every: float, first: float, ready: Callable[[], bool]
) -> None:
    """One job, every minute by default; its first run (soon after start) catches up, once
    `ready` (what was sent while the bot was down is handled: `bot.runtime.backlog`)."""
    job_queue.run_repeating(
        _schedule_job, interval=every, first=first, name="schedule", data=Backlog(ready)
    )
