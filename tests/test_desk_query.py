"""The desk's query strings: numbers, pages and the ticket list's dates as typed."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.desk.query import LAST_PAGE, day_of, filters_of, number_of, page_of, unread_days

TZ = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    "typed", ["2026-11-01", "2026/11/1", "2026.11.1", "2026年11月1日", " ２０２６－１１－０１ "]
)
def test_a_day_typed_as_an_office_clerk_would(typed):
    assert day_of(typed, TZ) == datetime(2026, 11, 1, tzinfo=TZ)
    assert day_of(typed, TZ, end=True) == datetime(2026, 11, 2, tzinfo=TZ)


@pytest.mark.parametrize("typed", ["2026-11-31", "0001-01-01", "9999-12-31", "11月1日", "昨天", ""])
def test_no_day_is_left_out_and_said(typed):
    assert day_of(typed, TZ) is None
    query = {"from": typed, "to": "2026-11-30"}
    assert filters_of(query, TZ).since is None and filters_of(query, TZ).until is not None
    assert unread_days(query, TZ) == ([typed.strip()] if typed.strip() else [])


def test_numbers_and_pages():
    assert number_of("＃12") == 12 and number_of("-1004444444444") == -1004444444444
    assert number_of("12a") is None and number_of("9" * 20) is None
    assert page_of({"page": "0"}) == 1 and page_of({"page": "9" * 15}) == LAST_PAGE
