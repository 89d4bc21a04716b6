"""A month as the office types it to /export: 2026-11, 11月, 本月, 上个月."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.timeutil import Month


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("2026-11", (2026, 11)),
        ("2026年11月", (2026, 11)),
        ("本月", (2026, 3)),
        ("上个月", (2026, 2)),
        ("上月", (2026, 2)),
        ("2月", (2026, 2)),
        ("11月", (2025, 11)),  # still to come this year: last year's
        ("3月份", (2026, 3)),
        ("二月", (2026, 2)),
        ("十一月", (2025, 11)),
        ("十二月份", (2025, 12)),
        ("2026-13", None),
        ("2026-11-31", None),
        ("13月", None),
        ("下个月", None),
        ("上上个月", (2026, 1)),
        ("上上月", (2026, 1)),
        ("去年11月", (2025, 11)),
        ("去年 三月", (2025, 3)),
        ("今年2月份", (2026, 2)),
        ("今年十二月", (2026, 12)),  # said so: this year's, even before it comes
        ("去年", None),
        ("去年13月", None),
    ],
)
def test_a_month_as_an_office_worker_types_it(typed, month):
    found = Month.spoken(typed, date(2026, 3, 15))
    assert (None if found is None else (found.year, found.month)) == month


def test_the_month_before_january_is_last_years_december():
    assert Month(2026, 1).before() == Month(2025, 12)
