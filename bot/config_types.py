"""The configuration's frozen dataclasses: what a deployment set, as the bot reads it
(`bot.config` reads and checks the TOML file into these)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.classify import CategoryExtension
from bot.config_lists import (
    ClassifyConfig,
    NoticeConfig,
    WebConfig,
)
from bot.core.duty import DutyShift, on_duty
from bot.core.loop import LoopPolicy
from bot.core.permissions import Roles
from bot.core.redact import mask_url, url_secrets
from bot.core.tickets import DeadlinePolicy
from bot.core.workdays import ORDINARY_WEEKS, WorkCalendar

__all__ = [
    "DEFAULT_BASE_URL",
    "CategorySettings",
    "Config",
    "DeadlinesConfig",
    "EscalationConfig",
    "LoopConfig",
    "ScheduleConfig",
    "StorageConfig",
    "TelegramConfig",
]

DEFAULT_BASE_URL = "https://api.telegram.org/bot"


@dataclass(frozen=True)
class TelegramConfig:
    token: str = field(repr=False)
    base_url: str = DEFAULT_BASE_URL

    @property
    def file_url(self) -> str:
        """Where files (residents' photos) are fetched: the Bot API's `/file/bot` beside its
        `/bot` (https://api.telegram.org/file/bot, or a local Bot API server's)."""
        return self.base_url.removesuffix("bot") + "file/bot"


@dataclass(frozen=True)
class StorageConfig:
    """Where the data lives: a SQLite file (`path`) or a PostgreSQL server (`url`), one of them."""

    path: Path | None = None
    url: str | None = field(default=None, repr=False)

    @property
    def target(self) -> Path | str:
        """What `Stores.open` takes: the file's path or the server's URL."""
        if self.url is not None:
            return self.url
        assert self.path is not None
        return self.path

    @property
    def name(self) -> str:
        """The database as logs and messages show it (a URL without its password)."""
        return mask_url(self.url) if self.url is not None else str(self.path)

    @property
    def secrets(self) -> tuple[str, ...]:
        """What must never be shown: the URL's password, raw and decoded, and the URL itself."""
        return url_secrets(self.url) if self.url is not None else ()


@dataclass(frozen=True)
class ScheduleConfig:
    timezone: str = "Asia/Shanghai"
    digest_time: time = time(20, 0)
    quiet_hours: tuple[time, time] | None = (time(22, 0), time(7, 0))
    working_hours: tuple[time, time] = (time(8, 30), time(18, 0))
    reminder_hours: int = 12
    quiet_day: str = "line"
    weekly_day: str = "mon"
    weekly_time: time = time(9, 0)
    grace_hours: int = 2
    office_chat: int | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class DeadlinesConfig:
    """Time limits: to finish (per category, or urgent) and to respond (响应率)."""

    urgent_hours: int = 2
    default_hours: int = 72
    response_hours: int = 24
    response_urgent_hours: int = 2


@dataclass(frozen=True)
class EscalationConfig:
    """Where each escalation level is posted; level 1 defaults to the ticket's own group."""

    level1_chat: int | None = None
    level2_chat: int | None = None
    level3_chat: int | None = None
    step_hours: int | None = None

    def chat_for(self, level: int) -> int | None:
        return {1: self.level1_chat, 2: self.level2_chat, 3: self.level3_chat}.get(level)

    @property
    def step(self) -> timedelta | None:
        return timedelta(hours=self.step_hours) if self.step_hours else None


@dataclass(frozen=True)
class LoopConfig:
    rating_days: int = 3
    reopen_days: int = 7
    merge_days: int = 7


@dataclass(frozen=True)
class CategorySettings:
    """Per-deployment settings of one category: extra words, a name, the team, the deadline."""

    id: str
    name: str | None = None
    keywords: tuple[str, ...] = ()
    team: str | None = None
    due_hours: int | None = None

    def as_extension(self) -> CategoryExtension:
        return CategoryExtension(id=self.id, name=self.name, keywords=self.keywords)


@dataclass(frozen=True)
class Config:
    telegram: TelegramConfig
    storage: StorageConfig
    roles: Roles = field(default_factory=Roles)
    schedule: ScheduleConfig = ScheduleConfig()
    deadlines: DeadlinesConfig = DeadlinesConfig()
    escalation: EscalationConfig = EscalationConfig()
    loop: LoopConfig = LoopConfig()
    categories: tuple[CategorySettings, ...] = ()
    notices: tuple[NoticeConfig, ...] = ()
    duty: tuple[DutyShift, ...] = ()
    calendar: WorkCalendar = ORDINARY_WEEKS
    classify: ClassifyConfig = field(default_factory=ClassifyConfig)
    web: WebConfig = field(default_factory=WebConfig)
    source: Path | None = None

    def on_duty(self, now: datetime) -> frozenset[int]:
        """The workers to mention in the group for an urgent complaint now (`[[duty]]`, on the
        days `[calendar]` says a holiday or a make-up working day stands for)."""
        local = now.astimezone(self.schedule.tz)
        return on_duty(self.duty, local, self.roles.alerted(), self.calendar)

    @property
    def staff_chats(self) -> frozenset[int]:
        """The office's and the escalation levels' own chats: no building's group (nothing said
        there is a complaint; no daily digest there)."""
        named = (self.schedule.office_chat, *map(self.escalation.chat_for, (1, 2, 3)))
        return frozenset(chat_id for chat_id in named if chat_id is not None)

    def category_extensions(self) -> tuple[CategoryExtension, ...]:
        return tuple(c.as_extension() for c in self.categories)

    def deadline_policy(self) -> DeadlinePolicy:
        """Shipped time limits and teams, with the deployment's own per category."""
        shipped = DeadlinePolicy.shipped()
        hours = dict(shipped.hours_by_category or {})
        teams = dict(shipped.team_by_category or {})
        for category in self.categories:
            if category.due_hours is not None:
                hours[category.id] = category.due_hours
            if category.team is not None:
                teams[category.id] = category.team
        return DeadlinePolicy(
            urgent_hours=self.deadlines.urgent_hours,
            default_hours=self.deadlines.default_hours,
            hours_by_category=hours,
            team_by_category=teams,
        )

    def loop_policy(self) -> LoopPolicy:
        """How long each step of the loop may take."""
        return LoopPolicy(
            rating_days=self.loop.rating_days,
            reopen_days=self.loop.reopen_days,
            step=self.escalation.step,
            merge_window=timedelta(days=self.loop.merge_days),
        )
