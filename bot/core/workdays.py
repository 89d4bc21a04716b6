"""The community's calendar: public holidays (法定节假日) and make-up working days (调休上班).
Pure.

China moves its days off each year: the State Council publishes in November which days of
the coming year are holidays and which weekend days are worked instead. The roster
(`bot.core.duty`) is written by days of the week; the calendar says which days of the week
stand for a date:

- a holiday on a weekday (Monday to Friday) is a day off, covered by the shifts of the
  weekend: every shift naming Saturday or Sunday ("sat,sun", "sun", "sat", "daily"), never
  "mon-fri";
- a make-up working day (a Saturday or Sunday worked) is a working day, covered by the shifts
  of the working week: every shift naming a day from Monday to Friday ("mon-fri", "mon,wed,fri",
  "daily"), never "sat,sun". The notice does not say which weekday such a day stands for, so
  rosters by weekday are all named: a name too many in the group costs less than the worker
  at work left out;
- a holiday on a weekend was a day off already and stays that weekend day; every other date
  is its own day of the week.

No year's holidays are built in: the community copies them from the notice (`[calendar]`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["ORDINARY_WEEKS", "WEEKEND", "WORKWEEK", "WorkCalendar", "days_of", "parse_run"]

WORKWEEK = frozenset(range(5))  # Monday (0) to Friday
WEEKEND = frozenset({5, 6})

_DAY = r"(\d{4})-(\d{2})-(\d{2})"
_RUN = re.compile(rf"^{_DAY}(?:\s*\.\.\s*{_DAY})?$")


@dataclass(frozen=True)
class WorkCalendar:
    """The holidays and the make-up working days a community listed (none: every date is its
    own day of the week)."""

    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()

    def roster_days(self, day: date) -> frozenset[int]:
        """The days of the week (0 is Monday) whose shifts cover `day`."""
        weekday = day.weekday()
        if weekday in WEEKEND and day in self.workdays:
            return WORKWEEK
        if weekday in WORKWEEK and day in self.holidays:
            return WEEKEND
        return frozenset({weekday})

    def is_workday(self, day: date) -> bool:
        """A working day: Monday to Friday but a holiday, or a weekend day worked (调休)."""
        return bool(self.roster_days(day) & WORKWEEK)

    def lists_year(self, year: int) -> bool:
        """Does the calendar name any day of `year` (one the community has copied in)?"""
        return any(day.year == year for day in self.holidays | self.workdays)


ORDINARY_WEEKS = WorkCalendar()  # no [calendar]: every date is its own day of the week


def parse_run(text: str) -> tuple[date, date] | None:
    """ "2027-10-01" (one day) or "2027-10-01..2027-10-07" (both included) as (first, last);
    None when it is not written so or names no such date (2027-02-30). The first may come
    after the last: the caller says so."""
    match = _RUN.match(text.strip())
    if match is None:
        return None
    numbers = [int(n) for n in match.groups() if n is not None]
    try:
        first = date(*numbers[:3])
        last = date(*numbers[3:]) if len(numbers) == 6 else first
    except ValueError:
        return None
    return first, last


def days_of(first: date, last: date) -> frozenset[date]:
    """Every date from `first` to `last`, both included."""
    return frozenset(first + timedelta(days=n) for n in range((last - first).days + 1))
