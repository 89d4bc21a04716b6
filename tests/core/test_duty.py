"""The duty roster: who is mentioned for an urgent complaint at a given local time."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from bot.core.duty import DutyShift, on_duty, parse_days

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
