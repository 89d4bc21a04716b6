"""Config sections beyond the basics: `[[notices]]` (recurring posts), `[[duty]]` (the
roster) and `[classify]` (研判: the unsure band, the wait, learning)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.classify.classifier import DEFAULT_BAND
from bot.config_reader import ConfigError, Section
from bot.core.duty import DutyShift, parse_days
from bot.core.permissions import Roles
from bot.core.triage import TriagePolicy

__all__ = [
    "ClassifyConfig",
    "NoticeConfig",
    "WebConfig",
    "classify_settings",
    "duty_roster",
    "notices",
    "web_settings",
]


@dataclass(frozen=True)
class WebConfig:
    """The office desk: off unless `listen` is set."""

    host: str | None = None
    port: int = 8080
    public_url: str | None = None

    @property
    def enabled(self) -> bool:
        return self.host is not None

    @property
    def base(self) -> str:
        """The address links use, without a trailing slash."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def secure(self) -> bool:
        return self.base.startswith("https://")


def web_settings(data: Any) -> WebConfig:
    section = Section("web", data, ("listen", "public_url"))
    listen = section.text("listen")
    if listen is None:  # the desk is off (a public_url alone is kept, for the start's warning)
        return WebConfig(public_url=section.text("public_url"))
    listen = listen.strip()
    if "/" in listen:  # http://127.0.0.1:8080: an address to visit, not one to listen on
        raise section.fail(
            "listen",
            f'expected "host:port" such as "127.0.0.1:8080", without http:// or a path (the '
            f"address links use is public_url), got {listen!r}",
        )
    host, _, port = listen.rpartition(":")
    bad_host = not host or any(c.isspace() for c in host)
    if bad_host or not (port.isascii() and port.isdigit()) or not 0 < int(port) < 65536:
        raise section.fail(
            "listen", f'expected "host:port" such as "127.0.0.1:8080", got {listen!r}'
        )
    public = section.text("public_url")
    if public is not None and not public.startswith(("http://", "https://")):
        raise section.fail(
            "public_url", f'expected an address such as "https://desk.example.org", got {public!r}'
        )
    return WebConfig(host.strip("[]"), int(port), public)


@dataclass(frozen=True)
class ClassifyConfig:
    """研判 and learning: see README, "Three outcomes"."""

    unsure_band: tuple[float, float] = DEFAULT_BAND
    unsure_wait_minutes: int = 60
    learn: bool = True

    def triage_policy(self) -> TriagePolicy:
        return TriagePolicy(self.unsure_band, timedelta(minutes=self.unsure_wait_minutes))


def classify_settings(data: Any) -> ClassifyConfig:
    section = Section("classify", data, ("unsure_band", "unsure_wait_minutes", "learn"))
    band = data.get("unsure_band", list(DEFAULT_BAND))
    numbers = isinstance(band, list) and len(band) == 2
    numbers = numbers and all(isinstance(b, int | float) and not isinstance(b, bool) for b in band)
    if not numbers or not (-10 <= band[0] <= 0 <= band[1] <= 10):
        raise section.fail(
            "unsure_band",
            "expected two numbers [below, above] around the complaint line, e.g. "
            f"[{DEFAULT_BAND[0]}, {DEFAULT_BAND[1]}] (from -10 to 0 and from 0 to 10; [0, 0] "
            f"turns 研判 off), got {band!r}",
        )
    return ClassifyConfig(
        unsure_band=(float(band[0]), float(band[1])),
        unsure_wait_minutes=section.count("unsure_wait_minutes", 60, minimum=1, maximum=10_080),
        learn=section.flag("learn", True),
    )


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
            trigger = CronTrigger.from_crontab(cron, timezone=ZoneInfo(timezone))
        except ValueError as exc:
            raise section.fail(
                "cron",
                f'not a cron expression ({exc}); e.g. "0 9 10,20,30 * *" is 9:00 on the 10th, '
                "20th and 30th of each month",
            ) from None
        if trigger.get_next_fire_time(None, datetime.now(ZoneInfo(timezone))) is None:
            raise section.fail("cron", f'"{cron}" never comes (no such date); check day and month')
        text = (section.text("text", required=True) or "").strip()
        if not text:
            raise section.fail("text", "empty; write the notice to post")
        chat_all = str(body.get("chat", "all")).strip().lower() == "all"
        chat = None if chat_all else section.chat("chat")
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
