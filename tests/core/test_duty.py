"""The duty roster: who is mentioned for an urgent complaint at a given local time."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from bot.core.duty import DutyShift, on_duty, parse_days
from bot.core.workdays import WorkCalendar, days_of

EVERYONE = frozenset({1, 2, 3})
DAY = DutyShift(parse_days("mon-fri") or frozenset(), (time(8), time(20)), frozenset({1}))
NIGHT = DutyShift(parse_days("daily") or frozenset(), (time(20), time(8)), frozenset({2}))
WEEKEND = DutyShift(parse_days("sat,sun") or frozenset(), None, frozenset({3}))


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        (datetime(2026, 11, 23, 9, 0), {1}),  # Monday morning: the day shift
        (datetime(2026, 11, 23, 21, 0), {2}),  # Monday night
        (datetime(2026, 11, 24, 3, 0), {2}),  # the small hours of Tuesday: Monday's night shift
        (datetime(2026, 11, 28, 10, 0), {3}),  # Saturday: the weekend, all day
        (datetime(2026, 11, 28, 22, 0), {2, 3}),  # Saturday night: both shifts
    ],
)
def test_who_is_on_duty(local, expected):
    assert on_duty([DAY, NIGHT, WEEKEND], local, EVERYONE) == expected


def test_without_a_roster_or_a_covering_shift_everyone_is_on_duty():
    assert on_duty([], datetime(2026, 11, 23, 9, 0), EVERYONE) == EVERYONE
    assert on_duty([DAY], datetime(2026, 11, 28, 9, 0), EVERYONE) == EVERYONE  # a Saturday


def test_a_night_shift_belongs_to_the_day_it_starts_on():
    friday_night = DutyShift(frozenset({4}), (time(22), time(6)), frozenset({2}))
    assert friday_night.covers(datetime(2026, 11, 28, 2, 0))  # Saturday 02:00
    assert not friday_night.covers(datetime(2026, 11, 27, 2, 0))  # Friday 02:00: Thursday's


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("daily", set(range(7))),
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("sat, sun", {5, 6}),
        ("fri-mon", {4, 5, 6, 0}),  # wrapping the week
        ("Mon", {0}),
        ("mon-funday", None),
        ("", None),
    ],
)
def test_days(text, days):
    parsed = parse_days(text)
    assert (set(parsed) if parsed is not None else None) == days


# 2026 as published: 春节 15–23 February (Sunday to Monday), Saturday 28 February worked
CALENDAR = WorkCalendar(
    holidays=days_of(date(2026, 2, 15), date(2026, 2, 23)),
    workdays=frozenset({date(2026, 2, 28)}),
)
SUNDAY = DutyShift(parse_days("sun") or frozenset(), (time(9), time(17)), frozenset({4}))


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        (datetime(2026, 2, 16, 9, 0), {3}),  # 春节, a Monday: the weekend's shift, not the office
        (datetime(2026, 2, 16, 21, 0), {2, 3}),  # its night: the nightly shift and the weekend's
        (datetime(2026, 2, 24, 9, 0), {1}),  # back to work on Tuesday
        (datetime(2026, 2, 28, 9, 0), {1}),  # the Saturday worked (调休): the office, not weekend
        (datetime(2026, 2, 28, 21, 0), {2}),  # its night: the nightly shift alone
        (datetime(2026, 2, 21, 9, 0), {3}),  # a holiday on a Saturday: the Saturday it is
    ],
)
def test_the_calendar_moves_the_roster_on_holidays_and_make_up_days(local, expected):
    assert on_duty([DAY, NIGHT, WEEKEND], local, EVERYONE, CALENDAR) == expected


def test_a_holiday_is_covered_by_a_shift_of_either_weekend_day_and_by_daily_ones():
    """A shift of "sun" alone covers a holiday as "sat,sun" does (the weekend's people work
    the days off), and so does a "daily" one; "mon-fri" never does."""
    monday = datetime(2026, 2, 16, 10, 0)
    assert SUNDAY.covers(monday, CALENDAR) and not SUNDAY.covers(monday)
    assert NIGHT.covers(datetime(2026, 2, 16, 23, 0), CALENDAR)  # "daily": every day
    assert not DAY.covers(monday, CALENDAR)


def test_a_make_up_day_is_covered_by_every_shift_of_the_working_week():
    """The notice does not say which weekday a Saturday worked stands for: a roster by
    weekday names all of them, rather than leave out the one at work."""
    saturday = datetime(2026, 2, 28, 10, 0)
    monday = DutyShift(frozenset({0}), None, frozenset({1}))
    thursday = DutyShift(frozenset({3}), None, frozenset({2}))
    assert on_duty([monday, thursday, WEEKEND], saturday, EVERYONE, CALENDAR) == {1, 2}
    assert on_duty([monday, thursday, WEEKEND], saturday, EVERYONE) == {3}  # no calendar


def test_a_night_shift_follows_the_calendar_of_the_day_it_starts_on():
    """The weekday night shift does not run on the nights that begin on 春节's Mondays; the
    night of the Saturday worked is the weekday shift's, the Sunday's after it the weekend's."""
    weeknights = DutyShift(
        parse_days("mon-fri") or frozenset(), (time(22), time(6)), frozenset({1})
    )
    weekend_nights = DutyShift(
        parse_days("sat,sun") or frozenset(), (time(22), time(6)), frozenset({3})
    )
    roster = [weeknights, weekend_nights]
    assert on_duty(roster, datetime(2026, 2, 17, 2, 0), EVERYONE, CALENDAR) == {3}  # Mon night
    assert on_duty(roster, datetime(2026, 2, 24, 2, 0), EVERYONE, CALENDAR) == {3}  # 23rd's
    assert on_duty(roster, datetime(2026, 2, 25, 2, 0), EVERYONE, CALENDAR) == {1}  # Tuesday's
    assert on_duty(roster, datetime(2026, 3, 1, 2, 0), EVERYONE, CALENDAR) == {1}  # Sat 28th's
    assert on_duty(roster, datetime(2026, 3, 2, 2, 0), EVERYONE, CALENDAR) == {3}  # Sunday's
