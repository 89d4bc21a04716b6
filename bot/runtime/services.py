"""What handlers and jobs need at run time, built in one step in `post_init` and kept in
`bot_data`; handlers reach it as `context.services` (see `bot.runtime.context`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import TypeVar

from telegram import Bot

from bot.classify import Classifier
from bot.classify.together import Piece
from bot.config import Config
from bot.core.loop import LoopPolicy, too_late
from bot.core.timeutil import in_quiet_hours
from bot.core.triage import TriagePolicy
from bot.runtime.attachments import attachment_source
from bot.runtime.bulletins import Bulletins
from bot.runtime.delivery import Messenger
from bot.runtime.keyboards import ack_buttons
from bot.runtime.late_escalations import escalation_as_now
from bot.runtime.lessons import learn_lessons
from bot.runtime.pace import Pace
from bot.runtime.posting import Dispatcher
from bot.texts import Texts
from storage.leader import LEASE_LOST
from storage.stores import Stores

__all__ = [
    "SERVICES_KEY",
    "Clock",
    "PlacePieces",
    "Services",
    "open_services",
]

SERVICES_KEY = "yuanzi.services"
Clock = Callable[[], datetime]


@dataclass
class PlacePieces:
    """Per group and speaker: the last place said alone, and the last complaint filed without
    one (bot.runtime.pieces); her last short messages, which the next may be read with (a
    danger told in pieces, bot.runtime.together). In memory: a piece is worth minutes, not a
    restart."""

    places: dict[tuple[int, int], tuple[str, datetime]] = field(default_factory=dict)
    placeless: dict[tuple[int, int], tuple[int, datetime]] = field(default_factory=dict)
    runs: dict[tuple[int, int], tuple[Piece, ...]] = field(default_factory=dict)

    def said(self, key: tuple[int, int], place: str, at: datetime) -> None:
        _remember(self.places, key, (place, at))

    def filed(self, key: tuple[int, int], ticket_id: int, at: datetime) -> None:
        _remember(self.placeless, key, (ticket_id, at))

    def told(self, key: tuple[int, int], run: tuple[Piece, ...]) -> None:
        """Her pieces a next message may be read with (none: forgotten)."""
        if run:
            _remember(self.runs, key, run)
        else:
            self.runs.pop(key, None)


_PIECES_KEPT = 10_000  # speakers remembered at most
_Kept = TypeVar("_Kept")


def _remember(kept: dict[tuple[int, int], _Kept], key: tuple[int, int], value: _Kept) -> None:
    """Keep `value` under `key`, forgetting everything once `_PIECES_KEPT` speakers are kept."""
    if len(kept) >= _PIECES_KEPT:
        kept.clear()
    kept[key] = value


@dataclass(frozen=True)
class Services:
    """The running bot's resources; closed in `post_shutdown`."""

    config: Config
    stores: Stores
    classifier: Classifier
    texts: Texts
    clock: Clock
    messenger: Messenger
    posts: Dispatcher
    loop: LoopPolicy
    bulletins: Bulletins
    pieces: PlacePieces = field(default_factory=PlacePieces)

    @property
    def triage(self) -> TriagePolicy:
        """The unsure band and how long a 研判 item may wait (from `[classify]`)."""
        return self.config.classify.triage_policy()

    async def close(self) -> None:
        await self.posts.stop()
        await self.stores.close()


async def open_services(
    config: Config,
    bot: Bot,
    clock: Clock,
    classifier: Classifier | None = None,
    *,
    pace: Callable[[], Pace] = Pace,
) -> Services:
    """Open the database and build everything the handlers use."""
    loop = config.loop_policy()
    if classifier is None:
        classifier = await asyncio.to_thread(
            partial(
                Classifier.load,
                config.category_extensions(),
                guess_from=config.classify.unsure_band[0],
            )
        )
    stores = await Stores.open(config.storage.target, policy=config.deadline_policy(), loop=loop)
    classifier.forget()  # what this database's workers taught it, in order, and nothing else
    if config.classify.learn:  # kept at an earlier start, and the lessons since: off the loop
        await learn_lessons(classifier, stores.lessons, clock())
    texts = Texts(config.schedule.tz, classifier.category_names())
    bulletins = Bulletins(stores.stats, stores.chats, stores.triage, texts, config)
    messenger = Messenger(bot, stores.chats, clock)
    grace = timedelta(hours=config.schedule.grace_hours)
    posts = Dispatcher(
        messenger,
        stores.tickets,
        stores.outbox,
        stores.chats,
        texts,
        clock,
        pace=pace,
        ack_markup=ack_buttons,
        attachments=attachment_source(bulletins, stores, texts),
        on_duty=config.on_duty,
        alerted=config.roles.alerted(),
        may_post=lambda: not LEASE_LOST.is_set(),
        quiet=lambda now: in_quiet_hours(now, config.schedule.quiet_hours, config.schedule.tz),
        stale=lambda notice, now: too_late(notice.kind, notice.not_before, now, grace),
        as_now=partial(escalation_as_now, tickets=stores.tickets, chats=stores.chats, words=texts),
    )
    messenger.on_moved = posts.moved
    return Services(
        config=config,
        stores=stores,
        classifier=classifier,
        texts=texts,
        clock=clock,
        messenger=messenger,
        posts=posts,
        loop=loop,
        bulletins=bulletins,
        pieces=PlacePieces(),
    )
