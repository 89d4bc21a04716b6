"""Scheduled work on python-telegram-bot's JobQueue: supervision (督查督办) every minute.

The jobs are thin: each asks `supervise` (and later the digests) what is due *now*, by the
services' clock, and records what it did in the database, so a restart never repeats a post
and tests can drive them with a controllable clock.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import ContextTypes, JobQueue

from bot.lifecycle import ESCALATION_LEVELS
from bot.services import SERVICES_KEY, Services
from bot.timeutil import next_outside

__all__ = ["install_jobs", "supervise"]

log = logging.getLogger(__name__)


async def supervise(services: Services) -> dict[str, int]:
    """Escalate overdue tickets one level, close done tickets nobody rated; then post."""
    now = services.clock()
    config = services.config
    escalated = closed = 0
    for ticket in await services.tickets.overdue(now):
        level = services.loop.escalation_due(ticket, now)
        if level is None:
            continue
        chat_id = ticket.chat_id if level == 1 else None
        chat_id = config.escalation.chat_for(level) or chat_id
        group = await services.chats.get(ticket.chat_id)
        body = services.texts.escalation(
            ticket, level, ESCALATION_LEVELS[level], group.title if group else None, now
        )
        not_before = (
            now
            if ticket.urgent
            else next_outside(now, config.schedule.quiet_hours, config.schedule.tz)
        )
        notices = [(chat_id, body)] if chat_id is not None else []
        if await services.actions.escalate(ticket.id, level, now, notices, not_before):
            escalated += 1
            if not notices:
                log.info("ticket #%d escalated to level %d (no chat configured)", ticket.id, level)
    cutoff = now - (services.loop.rating_window)
    for ticket in await services.tickets.done_since_before(cutoff):
        if await services.actions.close_unrated(ticket.id, now):
            closed += 1
    await services.posts.kick_all()
    return {"escalated": escalated, "closed_unrated": closed}


async def _supervise_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    services = context.application.bot_data.get(SERVICES_KEY)
    if isinstance(services, Services):
        await supervise(services)


def install_jobs(job_queue: JobQueue[Any], every_seconds: float) -> None:
    job_queue.run_repeating(
        _supervise_job, interval=every_seconds, first=min(every_seconds, 5), name="supervise"
    )
