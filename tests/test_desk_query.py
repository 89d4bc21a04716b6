"""The desk's query strings: numbers, pages, the ticket list's dates as typed, its search words
and its order."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.desk.query import (
    LAST_PAGE,
    SEARCH_MOST,
    day_of,
    filters_of,
    number_of,
    order_of,
    page_of,
    terms_of,
    unread_days,
)
from storage.desk import SearchTerm, TicketOrder

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


@pytest.mark.parametrize(
    ("typed", "terms"),
    [
        ("电梯", [SearchTerm("电梯")]),
        ("3栋 电梯", [SearchTerm("3栋"), SearchTerm("电梯")]),  # both to be found
        ("3栋，电梯、漏水；", [SearchTerm("3栋"), SearchTerm("电梯"), SearchTerm("漏水")]),
        ("#12", [SearchTerm(None, 12)]),  # the ticket's number only
        ("＃１２", [SearchTerm(None, 12)]),  # full-width, as a Chinese keyboard types it
        ("12", [SearchTerm("12", 12)]),  # #12, or 12栋 and 12号
        ("３栋", [SearchTerm("3栋")]),
        ("12号", [SearchTerm("12号")]),
        ("50% a_b", [SearchTerm("50%"), SearchTerm("a_b")]),  # as typed: storage escapes them
        ("#", []),
        ("# 电梯", [SearchTerm("电梯")]),
        ("0 -3 #0", [SearchTerm("0"), SearchTerm("-3"), SearchTerm("#0")]),  # no such number
        ("9" * 25, [SearchTerm("9" * 25)]),  # beyond any number: words
        ("电梯 电梯", [SearchTerm("电梯")]),
        ("   ", []),
        (None, []),
    ],
)
def test_the_search_box_words(typed, terms):
    assert list(terms_of(typed)) == terms


def test_the_search_box_reads_at_most_eight_words_of_its_first_hundred_characters():
    assert len(terms_of(" ".join(f"词{n}" for n in range(20)))) == 8
    assert terms_of("水" * 300) == (SearchTerm("水" * SEARCH_MOST),)
    assert filters_of({"q": "3栋 #2"}, TZ).words == (SearchTerm("3栋"), SearchTerm(None, 2))


def test_the_order_is_newest_first_unless_another_is_named():
    assert order_of({}) is TicketOrder.NEWEST and order_of({"sort": ""}) is TicketOrder.NEWEST
    assert order_of({"sort": "due"}) is TicketOrder.DUE
    assert order_of({"sort": "households"}) is TicketOrder.HOUSEHOLDS
    assert order_of({"sort": "DROP TABLE"}) is TicketOrder.NEWEST  # an old or mistyped link


def test_every_order_has_its_words_and_the_first_is_the_default():
    assert list(texts.DESK_SORTS) == [o.value for o in TicketOrder]
    assert next(iter(texts.DESK_SORTS)) == TicketOrder.NEWEST.value


def test_a_page_number_too_long_to_store_is_a_page_past_the_end():
    """?page=10**30 opened the first page, where ?page=10**18 opens the last: any number of
    pages past the end is answered with the last one (the list redirects there)."""
    assert page_of({"page": str(10**30)}) == LAST_PAGE
    assert page_of({"page": "９" * 40}) == LAST_PAGE  # typed full-width
    assert page_of({"page": "-" + "9" * 40}) == 1 and page_of({"page": "1e99"}) == 1
