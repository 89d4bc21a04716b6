"""The community's calendar: which days of the week a date stands for in the duty roster."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.workdays import WEEKEND, WORKWEEK, WorkCalendar, days_of, parse_run

# 2026 as the State Council published it: 春节 15–23 February, Saturdays 14 and 28 worked
SPRING_FESTIVAL = WorkCalendar(
    holidays=days_of(date(2026, 2, 15), date(2026, 2, 23)),
    workdays=frozenset({date(2026, 2, 14), date(2026, 2, 28)}),
)


@pytest.mark.parametrize(
    ("day", "stands_for"),
    [
        (date(2026, 2, 13), {4}),  # the Friday before: an ordinary Friday
        (date(2026, 2, 14), WORKWEEK),  # a Saturday worked (调休): the working week's
        (date(2026, 2, 15), {6}),  # a holiday on a Sunday: a Sunday still
        (date(2026, 2, 16), WEEKEND),  # a holiday on a Monday: the weekend's
        (date(2026, 2, 21), {5}),  # a holiday on a Saturday: a Saturday still
        (date(2026, 2, 23), WEEKEND),  # the last day, a Monday
        (date(2026, 2, 24), {1}),  # back to work: an ordinary Tuesday
        (date(2026, 2, 28), WORKWEEK),
    ],
)
def test_a_holiday_stands_for_the_weekend_and_a_make_up_day_for_the_working_week(day, stands_for):
    assert SPRING_FESTIVAL.roster_days(day) == stands_for


def test_without_a_calendar_every_date_is_its_own_day_of_the_week():
    calendar = WorkCalendar()
    assert [calendar.roster_days(date(2026, 2, d)) for d in range(14, 21)] == [
        {5}, {6}, {0}, {1}, {2}, {3}, {4},
    ]  # fmt: skip


def test_a_weekday_listed_as_worked_changes_nothing():
    """Config refuses it; the rule itself reads it as the weekday it is."""
    assert WorkCalendar(workdays=frozenset({date(2026, 2, 16)})).roster_days(date(2026, 2, 16)) == {
        0
    }


def test_the_calendar_says_which_years_it_lists():
    assert SPRING_FESTIVAL.lists_year(2026)
    assert not SPRING_FESTIVAL.lists_year(2027)
    assert not WorkCalendar().lists_year(2026)


@pytest.mark.parametrize(
    ("text", "run"),
    [
        ("2027-10-01", (date(2027, 10, 1), date(2027, 10, 1))),
        ("2027-10-01..2027-10-07", (date(2027, 10, 1), date(2027, 10, 7))),
        (" 2027-02-05 .. 2027-02-08 ", (date(2027, 2, 5), date(2027, 2, 8))),
        ("2027-02-16..2027-02-10", (date(2027, 2, 16), date(2027, 2, 10))),  # the caller refuses
        ("2027-02-30", None),  # no such date
        ("2027-2-6", None),
        ("2027/02/06", None),
        ("2027年2月6日", None),
        ("2027-10-01-2027-10-07", None),
        ("2027-10-01~2027-10-07", None),
        ("2027-10-01..", None),
        ("", None),
    ],
)
def test_a_day_or_a_run_of_days(text, run):
    assert parse_run(text) == run


def test_a_run_holds_both_ends():
    assert days_of(date(2026, 2, 27), date(2026, 3, 2)) == {
        date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2),
    }  # fmt: skip
    assert days_of(date(2026, 3, 1), date(2026, 3, 1)) == {date(2026, 3, 1)}


def test_working_days_are_the_calendars_not_the_weeks():
    """What a notice posted on working days only sees: a holiday on a Monday is a day off, a
    Saturday worked (调休) a working day, a holiday on a Sunday a day off still."""
    days = [date(2026, 2, d) for d in (13, 14, 15, 16, 21, 24, 28)]
    assert [SPRING_FESTIVAL.is_workday(day) for day in days] == [
        True, True, False, False, False, True, True,
    ]  # fmt: skip
    assert [WorkCalendar().is_workday(date(2026, 2, d)) for d in range(14, 21)] == [
        False, False, True, True, True, True, True,
    ]  # fmt: skip
