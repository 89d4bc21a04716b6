"""Who is on duty now: the workers mentioned in the group when a complaint is urgent. Pure.

A community may keep a roster (`[[duty]]` in the config): days of the week, hours (which may
cross midnight: a night shift belongs to the day it starts on) and workers. Without a roster,
or when nobody's shift covers the moment, every worker is on duty: an urgent complaint always
names someone. Every worker is told in private either way. The community's calendar
(`bot.core.workdays`) says which days of the week a date stands for: a public holiday is
covered by the weekend's shifts, a make-up working day (调休) by the working week's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.timeutil import TimeRange, in_range
from bot.core.workdays import ORDINARY_WEEKS, WorkCalendar

__all__ = ["WEEKDAYS", "DutyShift", "on_duty", "parse_days"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class DutyShift:
    days: frozenset[int]  # 0 is Monday
    hours: TimeRange | None  # None: the whole day
    workers: frozenset[int]

    def covers(self, local: datetime, calendar: WorkCalendar = ORDINARY_WEEKS) -> bool:
        """Is `local` (a time in the community's zone) within this shift, on the days the
        calendar says the shift's date stands for?"""
        day = local.date()
        if self.hours is not None:
            if not in_range(local.time(), self.hours):
                return False
            start, end = self.hours
            if start > end and local.time() < end:  # the night shift of the day before
                day -= timedelta(days=1)
        return not self.days.isdisjoint(calendar.roster_days(day))


def on_duty(
    shifts: Iterable[DutyShift],
    local: datetime,
    everyone: frozenset[int],
    calendar: WorkCalendar = ORDINARY_WEEKS,
) -> frozenset[int]:
    """The workers on duty at `local`; everyone when no shift covers it."""
    found = frozenset().union(*(s.workers for s in shifts if s.covers(local, calendar)))
    return found or everyone


def parse_days(text: str) -> frozenset[int] | None:
    """ "daily", "mon-fri", "sat,sun", "fri-mon" (wrapping the week); None if unreadable."""
    text = text.strip().lower()
    if text in ("daily", "every day", "all"):
        return frozenset(range(7))
    days: set[int] = set()
    for part in text.replace("，", ",").split(","):
        first, dash, last = (p.strip() for p in part.partition("-"))
        if first not in WEEKDAYS or (dash and last not in WEEKDAYS):
            return None
        start = WEEKDAYS.index(first)
        end = WEEKDAYS.index(last) if dash else start
        days.update((start + step) % 7 for step in range((end - start) % 7 + 1))
    return frozenset(days)
