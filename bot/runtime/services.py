"""What handlers need at run time, built once in `post_init` and kept in `bot_data`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.classify import Classifier
from bot.config import Config
from bot.core.loop import LoopPolicy
from bot.core.tickets import DeadlinePolicy
from bot.runtime.bulletins import Bulletins
from bot.runtime.delivery import Messenger
from bot.runtime.posting import Dispatcher, Pace
from bot.texts import Texts
from storage.chats import ChatStore
from storage.db import Database
from storage.inbox import InboxStore
from storage.outbox import OutboxStore
from storage.schedule import ScheduleStore
from storage.stats import StatsStore
from storage.ticket_actions import TicketActions
from storage.tickets import TicketStore

__all__ = ["SERVICES_KEY", "Clock", "Services", "deadline_policy", "open_services", "utc_now"]

SERVICES_KEY = "yuanzi.services"
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """The running bot's resources; `db` is closed in `post_shutdown`."""

    config: Config
    db: Database
    tickets: TicketStore
    actions: TicketActions
    chats: ChatStore
    inbox: InboxStore
    outbox: OutboxStore
    classifier: Classifier
    texts: Texts
    clock: Clock
    messenger: Messenger
    posts: Dispatcher
    loop: LoopPolicy
    schedule: ScheduleStore
    bulletins: Bulletins
    bot_username: str = ""

    @classmethod
    def of(cls, context: Any) -> Services:
        """The services of the application a handler runs in."""
        services = context.application.bot_data[SERVICES_KEY]
        assert isinstance(services, Services)
        return services


def deadline_policy(config: Config) -> DeadlinePolicy:
    """Shipped time limits and teams, with the deployment's own per category."""
    shipped = DeadlinePolicy.shipped()
    hours = dict(shipped.hours_by_category or {})
    teams = dict(shipped.team_by_category or {})
    for category in config.categories:
        if category.due_hours is not None:
            hours[category.id] = category.due_hours
        if category.team is not None:
            teams[category.id] = category.team
    return DeadlinePolicy(
        urgent_hours=config.deadlines.urgent_hours,
        default_hours=config.deadlines.default_hours,
        hours_by_category=hours,
        team_by_category=teams,
    )


async def open_services(
    config: Config,
    bot: Any,
    clock: Clock,
    classifier: Classifier | None = None,
    *,
    pace: Callable[[], Pace] = Pace,
) -> Services:
    """Open the database and build everything the handlers use."""
    db = await Database.open(config.storage.path)
    policy = deadline_policy(config)
    chats = ChatStore(db)
    tickets = TicketStore(db, policy, merge_window=timedelta(days=config.loop.merge_days))
    outbox = OutboxStore(db)
    loaded = classifier or await asyncio.to_thread(Classifier.load, config.category_extensions())
    texts = Texts(config.schedule.tz, loaded.category_names())
    messenger = Messenger(bot, chats, clock)
    posts = Dispatcher(messenger, tickets, outbox, chats, texts, clock, pace=pace)
    loop = LoopPolicy(
        rating_days=config.loop.rating_days,
        reopen_days=config.loop.reopen_days,
        step=config.escalation.step,
        merge_window=timedelta(days=config.loop.merge_days),
    )
    return Services(
        config=config,
        db=db,
        tickets=tickets,
        actions=TicketActions(db, policy),
        chats=chats,
        inbox=InboxStore(db),
        outbox=outbox,
        classifier=loaded,
        texts=texts,
        clock=clock,
        messenger=messenger,
        posts=posts,
        loop=loop,
        schedule=ScheduleStore(db),
        bulletins=Bulletins(StatsStore(db), chats, texts, config),
        bot_username=getattr(bot, "username", "") or "",
    )
