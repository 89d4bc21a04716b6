"""The desk pages' own words: every error page says, in Chinese, what happened and what to do;
every date says its year when it is not this year."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.core.tickets import Event

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("status", [400, 403, 404, 405, 409, 413, 418, 500, 502, 503])
def test_every_error_status_has_a_chinese_heading_and_what_to_do(status):
    title, what = texts.desk_error(status)
    assert CJK.search(title) and CJK.search(what)
    assert not re.search(r"[A-Za-z]{3,}", title + what.replace("Telegram", ""))


def test_an_unlisted_status_is_said_by_its_kind():
    assert str(418) in texts.desk_error(418)[1]  # a client's error: its code, to tell the admin
    assert texts.desk_error(503) == texts.desk_error(500)  # the server's: it failed, try later
    assert texts.desk_error(404) != texts.desk_error(405)


# -- dates: the year when it is not this year (in the community's time zone) -----------------
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2027, 1, 10, 2, 0, tzinfo=UTC)  # 10:00 on 10 January 2027 in Shanghai


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime(2027, 1, 9, 1, 12, tzinfo=UTC), "01-09 09:12"),  # this year: the short form
        (datetime(2026, 11, 30, 1, 12, tzinfo=UTC), "2026-11-30 09:12"),  # last year's
        (datetime(2026, 12, 31, 17, 0, tzinfo=UTC), "01-01 01:00"),  # UTC's 2026, Shanghai's 2027
        (datetime(2026, 12, 31, 15, 59, tzinfo=UTC), "2026-12-31 23:59"),  # Shanghai's 2026
        (datetime(2028, 1, 2, 1, 0, tzinfo=UTC), "2028-01-02 09:00"),  # a deadline next year
    ],
)
def test_a_date_says_its_year_when_it_is_not_this_year(moment, shown):
    assert texts.local_time(moment, SHANGHAI, NOW) == shown


def test_this_year_is_the_communitys_own():
    """At 07:00 on 1 January in Shanghai it is still 31 December in UTC: the day before is
    last year there, and yesterday's line says 2026."""
    new_year = datetime(2026, 12, 31, 23, 0, tzinfo=UTC)  # 07:00, 1 January 2027 in Shanghai
    evening = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)  # 20:00, 31 December 2026
    assert texts.local_time(evening, SHANGHAI, new_year) == "2026-12-31 20:00"
    assert texts.local_time(evening, ZoneInfo("UTC"), new_year) == "12-31 12:00"


def test_without_now_a_date_is_the_short_form_as_before():
    last_year = datetime(2026, 11, 30, 1, 12, tzinfo=UTC)
    assert texts.local_time(last_year, SHANGHAI) == "11-30 09:12"


def test_a_history_line_of_last_year_says_its_year():
    event = Event(1, 9001, "网格员小王", "assign", datetime(2026, 11, 30, 1, 12, tzinfo=UTC))
    lines = texts.Texts(SHANGHAI)
    assert lines.history_line(event, NOW).strip() == "2026-11-30 09:12 网格员小王 接单"
    this_year = replace(event, at=datetime(2027, 1, 9, 1, 12, tzinfo=UTC))
    assert lines.history_line(this_year, NOW).strip() == "01-09 09:12 网格员小王 接单"
