"""Config sections beyond the basics: `[[notices]]` (recurring posts), `[[duty]]` (the
roster), `[calendar]` (the holidays and make-up working days it follows) and `[classify]`
(研判: the unsure band, the wait, learning)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bot.classify.classifier import DEFAULT_BAND
from bot.config_reader import ConfigError, Section
from bot.core.crontab import crontab_alternatives
from bot.core.duty import DutyShift, parse_days
from bot.core.permissions import Roles
from bot.core.triage import TriagePolicy
from bot.core.workdays import WEEKEND, WorkCalendar, days_of, parse_run

__all__ = [
    "ClassifyConfig",
    "NoticeConfig",
    "WebConfig",
    "calendar_settings",
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
    if public is not None:
        _check_public_url(section, public)
    return WebConfig(host.strip("[]"), int(port), public)


def _check_public_url(section: Section, public: str) -> None:
    """An address with a host and no path: the desk's pages link from the root of it."""
    parts = urlsplit(public)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise section.fail(
            "public_url", f'expected an address such as "https://desk.example.org", got {public!r}'
        )
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise section.fail(
            "public_url",
            "expected the address of the desk's own host, without a path (its pages link from "
            f'the root, so serve it at a host of its own such as "https://desk.example.org"), '
            f"got {public!r}",
        )


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


# A notice's days: as its cron says, or only the working days or only the days off that
# [calendar] makes of them (a holiday on a Wednesday is a day off, a Saturday worked a workday)
NOTICE_DAYS = ("every", "workdays", "restdays")


@dataclass(frozen=True)
class NoticeConfig:
    """A custom recurring notice: `[[notices]]` with cron, chat ("all" or an id) and text."""

    cron: str
    text: str
    chat: int | None = None  # None: every active group
    days: str = "every"  # or "workdays", "restdays": the days [calendar] says (调休 too)


def notices(data: Any, timezone: str) -> tuple[NoticeConfig, ...]:
    from apscheduler.triggers.cron import CronTrigger

    if not isinstance(data, list):
        raise ConfigError("[[notices]] must be an array of tables: write each as [[notices]]")
    result = []
    for number, body in enumerate(data, start=1):
        section = Section(f"notices #{number}", body, ("cron", "chat", "text", "days"))
        cron = section.text("cron", required=True) or ""
        try:  # the day of the month or of the week, when both are given: two triggers
            triggers = [
                CronTrigger(**fields, timezone=ZoneInfo(timezone))
                for fields in crontab_alternatives(cron)
            ]
        except ValueError as exc:
            raise section.fail(
                "cron",
                f'not a cron expression ({exc}); e.g. "0 9 10,20,30 * *" is 9:00 on the 10th, '
                "20th and 30th of each month",
            ) from None
        now = datetime.now(ZoneInfo(timezone))
        if all(t.get_next_fire_time(None, now) is None for t in triggers):
            raise section.fail("cron", f'"{cron}" never comes (no such date); check day and month')
        text = (section.text("text", required=True) or "").strip()
        if not text:
            raise section.fail("text", "empty; write the notice to post")
        chat_all = str(body.get("chat", "all")).strip().lower() == "all"
        chat = None if chat_all else section.chat("chat", also='"all" (every group) or ')
        days = section.choice("days", "every", NOTICE_DAYS)
        result.append(NoticeConfig(cron=cron, text=text, chat=chat, days=days))
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


MAX_RUN_DAYS = 31  # the longest holiday is 9 days: a longer run is a typo in a date
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_TWO_DAYS = re.compile(r"\d{4}\D+\d{1,2}\D+\d{1,2}\D+\d{4}")  # 2027-10-01~2027-10-07


def calendar_settings(data: Any) -> WorkCalendar:
    """`[calendar]`: the public holidays and the weekend days worked instead (调休), each a day
    "2027-10-01" or a run "2027-10-01..2027-10-07" (both included), as the State Council's
    notice gives them."""
    section = Section("calendar", data, ("holidays", "workdays"))
    holidays, workdays = _days(section, "holidays"), _days(section, "workdays")
    both = sorted(holidays & workdays)
    if both:
        raise section.fail(
            "workdays", f"{both[0]} is in holidays too; a day is either off or worked: keep it "
            "in one of the two lists",
        )  # fmt: skip
    weekdays = sorted(day for day in workdays if day.weekday() not in WEEKEND)
    if weekdays:
        day = weekdays[0]
        raise section.fail(
            "workdays", f"{day} is a {_WEEKDAY_NAMES[day.weekday()]}, a working day anyway; "
            "list only the Saturdays and Sundays worked instead of a holiday (调休上班)",
        )  # fmt: skip
    return WorkCalendar(holidays=holidays, workdays=workdays)


def _days(section: Section, key: str) -> frozenset[date]:
    """The days a list of days and runs of days names."""
    example = f'{key} = ["2027-10-01..2027-10-07", "2027-12-31"]'
    value = section.data.get(key, [])
    if not isinstance(value, list):
        raise section.fail(key, f"expected a list in [ ], e.g. {example}, got {value!r}")
    days: set[date] = set()
    for item in value:
        if isinstance(item, date) and not isinstance(item, datetime):  # TOML's own 2027-10-01
            first = last = item
        elif isinstance(item, str) and (run := parse_run(item)) is not None:
            first, last = run
        else:
            raise section.fail(key, _not_a_day(item, example))
        if last < first:
            raise section.fail(
                key, f'"{item}" ends before it begins; write the first day first, "{last}..{first}"'
            )
        if first.year < 2000 or last.year > 2099:
            year = first.year if first.year < 2000 else last.year
            said = f'"{item}": the year {year} is surely a typo; e.g. "2027-10-01"'
            raise section.fail(key, said)
        if (last - first).days >= MAX_RUN_DAYS:
            raise section.fail(
                key, f'"{item}" is {(last - first).days + 1} days long; a run is at most '
                f"{MAX_RUN_DAYS} days (a holiday lasts a few): check the dates",
            )  # fmt: skip
        days |= days_of(first, last)
    return frozenset(days)


def _not_a_day(item: object, example: str) -> str:
    """What to write instead of an item that is neither a day nor a run of days."""
    said = '"YYYY-MM-DD" such as "2027-10-01", or a run of days "2027-10-01..2027-10-07"'
    if isinstance(item, str) and _TWO_DAYS.search(item) and ".." not in item:
        return f"{item!r}: join the first and the last day with two dots, {said}"
    if isinstance(item, str):
        return f"{item!r} is not a day; write {said} (both days included)"
    if isinstance(item, datetime):
        return f"{item.isoformat()} is a moment, not a day; write the day alone, {said}"
    return f"expected days in quotes, {said}, e.g. {example}, got {item!r}"
