"""The config's arrays of tables: `[[notices]]` (recurring posts) and `[[duty]]` (the roster)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot.config_reader import ConfigError, Section
from bot.core.duty import DutyShift, parse_days
from bot.core.permissions import Roles

__all__ = ["NoticeConfig", "duty_roster", "notices"]


@dataclass(frozen=True)
class NoticeConfig:
    """A custom recurring notice: `[[notices]]` with cron, chat ("all" or an id) and text."""

    cron: str
    text: str
    chat: int | None = None  # None: every active group


def notices(data: Any, timezone: str) -> tuple[NoticeConfig, ...]:
    from apscheduler.triggers.cron import CronTrigger

    if not isinstance(data, list):
        raise ConfigError("[[notices]] must be an array of tables: write each as [[notices]]")
    result = []
    for number, body in enumerate(data, start=1):
        section = Section(f"notices #{number}", body, ("cron", "chat", "text"))
        cron = section.text("cron", required=True) or ""
        try:
            CronTrigger.from_crontab(cron, timezone=ZoneInfo(timezone))
        except ValueError as exc:
            raise section.fail(
                "cron",
                f'not a cron expression ({exc}); e.g. "0 9 10,20,30 * *" is 9:00 on the 10th, '
                "20th and 30th of each month",
            ) from None
        text = (section.text("text", required=True) or "").strip()
        if not text:
            raise section.fail("text", "empty; write the notice to post")
        chat = None if body.get("chat", "all") == "all" else section.chat("chat")
        result.append(NoticeConfig(cron=cron, text=text, chat=chat))
    return tuple(result)


def duty_roster(data: Any, roles: Roles) -> tuple[DutyShift, ...]:
    """`[[duty]]` shifts: days ("mon-fri"), hours ("08:00-18:00", "" for all day), workers."""
    if not isinstance(data, list):
        raise ConfigError("[[duty]] must be an array of tables: write each shift as [[duty]]")
    result = []
    for number, body in enumerate(data, start=1):
        section = Section(f"duty #{number}", body, ("days", "hours", "workers"))
        raw_days = section.text("days", "daily") or ""
        days = parse_days(raw_days)
        if days is None:
            raise section.fail(
                "days", f'expected "daily", "mon-fri" or "sat,sun" (mon … sun), got {raw_days!r}'
            )
        workers = section.ids("workers")
        if not workers:
            raise section.fail("workers", "empty; list the user ids on duty, e.g. [111111111]")
        unknown = sorted(w for w in workers if not roles.is_worker(w))
        if unknown:
            raise section.fail(
                "workers",
                f"{unknown[0]} is not in [roles] workers or admins; add them there first",
            )
        hours = section.time_range("hours", "")
        result.append(DutyShift(days=days, hours=hours, workers=workers))
    return tuple(result)
