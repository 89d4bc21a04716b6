"""A ledger's local times where the clocks go back: the hour that comes twice is read so
that a row's times stay in order; anything else out of order is still refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.ledger.rows import CategoryTable, RowProblems
from bot.ledger.xlsx import ticket_from_cells

BERLIN = ZoneInfo("Europe/Berlin")  # 25 October 2026: 03:00 summer time is 02:00 winter time
CATEGORIES = CategoryTable.of()


def row(created_at: Any, done_at: Any, tz: ZoneInfo = BERLIN) -> tuple[str, str | None]:
    cells = {"group": "3栋群", "category": "电梯", "summary": "电梯坏了", "status": "已办结"}
    ticket = ticket_from_cells(
        2, cells | {"created_at": created_at, "done_at": done_at}, CATEGORIES, tz
    )
    return ticket.created_at, ticket.done_at


@pytest.mark.parametrize(
    "created_at, done_at",
    [
        (datetime(2026, 10, 25, 2, 50), datetime(2026, 10, 25, 2, 10)),  # date cells
        ("2026-10-25 02:50", "2026-10-25 02:10"),  # text
    ],
)
def test_done_in_the_second_run_of_the_hour_is_read_as_that(created_at: Any, done_at: Any):
    assert row(created_at, done_at) == (
        "2026-10-25T00:50:00+00:00",  # 02:50 summer time
        "2026-10-25T01:10:00+00:00",  # 02:10 winter time, 20 minutes later
    )


def test_times_in_order_keep_the_first_run_of_the_hour():
    assert row("2026-10-25 02:10", "2026-10-25 02:50") == (
        "2026-10-25T00:10:00+00:00",
        "2026-10-25T00:50:00+00:00",
    )


@pytest.mark.parametrize(
    "created_at, done_at, tz",
    [
        ("2026-10-25 03:50", "2026-10-25 02:10", BERLIN),  # 02:10 is before 03:50 either way
        ("2026-10-25 02:50+02:00", "2026-10-25 02:10+02:00", BERLIN),  # offsets given: exact
        ("2026-10-25 02:50", "2026-10-25 02:10", ZoneInfo("Asia/Shanghai")),  # no DST there
    ],
)
def test_done_before_taken_is_still_refused(created_at: str, done_at: str, tz: ZoneInfo):
    with pytest.raises(RowProblems) as refused:
        row(created_at, done_at, tz)
    assert refused.value.problems == [texts.DONE_BEFORE_CREATED]
