"""Local clock arithmetic: time ranges that may cross midnight, quiet hours; the stored UTC
text of a moment. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "DAY_TYPED",
    "SECOND",
    "Month",
    "as_seconds",
    "day_bounds",
    "in_quiet_hours",
    "in_range",
    "local_midnight",
    "next_outside",
    "next_within",
    "utc_now",
    "utc_text",
]

TimeRange = tuple[time, time]
SECOND = timedelta(seconds=1)  # times are stored in whole seconds


def utc_now() -> datetime:
    """The real clock (the bot takes any clock, so that tests and the demo set their own)."""
    return datetime.now(UTC)


def utc_text(moment: datetime) -> str:
    """An aware time as UTC ISO 8601 text to the second: the form the database stores, which
    sorts in time order."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def in_range(moment: time, span: TimeRange) -> bool:
    """Is the local time inside [start, end)? "22:00-07:00" crosses midnight."""
    start, end = span
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant at which `day` begins in `tz` (exact on days with a DST change)."""
    return datetime.combine(day, time(0), tz).astimezone(UTC)


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of a local calendar day as UTC instants."""
    return local_midnight(day, tz), local_midnight(day + timedelta(days=1), tz)


def _local(now: datetime, tz: ZoneInfo) -> datetime:
    return now.astimezone(tz)


def in_quiet_hours(now: datetime, span: TimeRange | None, tz: ZoneInfo) -> bool:
    """Is `now` inside the span (quiet hours, local time)? Never without one."""
    return span is not None and in_range(_local(now, tz).timetz().replace(tzinfo=None), span)


def next_outside(now: datetime, span: TimeRange | None, tz: ZoneInfo) -> datetime:
    """`now` if it is outside the span (e.g. quiet hours), else the instant the span ends."""
    if span is None:
        return now
    local = _local(now, tz)
    if not in_range(local.timetz().replace(tzinfo=None), span):
        return now
    end = span[1]
    candidate = datetime.combine(local.date(), end, tz)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), end, tz)
    return candidate.astimezone(UTC)


def next_within(now: datetime, span: TimeRange, tz: ZoneInfo) -> datetime:
    """`now` if it is inside the span (e.g. working hours), else the instant it next begins."""
    local = _local(now, tz)
    if in_range(local.timetz().replace(tzinfo=None), span):
        return now
    start = span[0]
    candidate = datetime.combine(local.date(), start, tz)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), start, tz)
    return candidate.astimezone(UTC)


# A day as people type it: 2026-11-03, 2026/11/3, 2026.11.3, 2026年11月3日 (year, month, day)
DAY_TYPED = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_MONTH = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")
_BARE_MONTH = re.compile(r"^(\d{1,2}|十[一二]?|[一二三四五六七八九])月(份)?$")
_CHINESE_MONTHS = {n: i for i, n in enumerate("一二三四五六七八九十", start=1)} | {
    "十一": 11,
    "十二": 12,
}


@dataclass(frozen=True)
class Month:
    """A local calendar month."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month | None:
        """`2026-11` (also 2026/11, 2026年11月); None when it is not a month."""
        match = _MONTH.match(text.strip())
        if not match:
            return None
        year, month = int(match.group(1)), int(match.group(2))
        return cls(year, month) if 2000 <= year <= 2999 and 1 <= month <= 12 else None

    @classmethod
    def spoken(cls, text: str, today: date) -> Month | None:
        """A month as an office worker types it in a chat: `2026-11` as `parse` reads it, or
        本月 / 这个月, 上个月 / 上月, 上上个月, `11月` or 十一月 (this year's, last year's when it
        is still to come; 去年11月, 今年3月 as said), spaces a phone's keyboard put in read
        through (`2026 年 11 月`); None when it is none of these."""
        said = "".join(text.split())
        this = cls(today.year, today.month)
        if said in ("本月", "这个月", "这月", "当月"):
            return this
        if said in ("上个月", "上月"):
            return this.before()
        if said in ("上上个月", "上上月"):
            return this.before().before()
        year = {"今年": today.year, "去年": today.year - 1}.get(said[:2])
        bare = _BARE_MONTH.match(said[2:] if year is not None else said)
        if bare:
            written = bare.group(1)
            month = _CHINESE_MONTHS[written] if written in _CHINESE_MONTHS else int(written)
            if not 1 <= month <= 12:
                return None
            return cls(today.year - (month > today.month) if year is None else year, month)
        return cls.parse(said)

    def before(self) -> Month:
        """The month before this one."""
        return Month(self.year - (self.month == 1), 12 if self.month == 1 else self.month - 1)

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) as UTC instants."""
        first = date(self.year, self.month, 1)
        after = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return local_midnight(first, tz), local_midnight(after, tz)


def as_seconds(value: float | timedelta) -> float:
    """A period as seconds (python-telegram-bot gives RetryAfter.retry_after either way)."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
