"""The weekly look back, the daily digest, /chart and the 三率走势 count a problem merged into a
ticket of a later period as the monthly summary does: once, in the period it was first
reported, as the ticket that holds it now — not again in the period the kept ticket was made.

The lift is reported on 28 October (#1) and again on 3 November (#2); the worker keeps #2,
merging #1 into it, and takes it an hour later."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.tickets import Person
from bot.ledger import charts
from bot.ledger.charts import CategoryStatusCounts, recent_charts
from bot.ledger.rows import CategoryTable
from bot.runtime.bulletins import Bulletins
from bot.texts import Texts
from storage.chats import ChatStore
from storage.sql import Door
from storage.stats import StatsStore
from storage.ticket_actions import TicketActions
from storage.tickets import TicketStore
from storage.triage import TriageStore
from tests.factories import SHANGHAI, lift_kept_in_the_next_month, make_config, new_report

GROUP = -1001234567891
WORKER = Person(9001, "网格员小王")
T0 = datetime(2026, 11, 3, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, #2 reported


@pytest.fixture
async def bulletins(tmp_path: Path, db: Door) -> Bulletins:
    await ChatStore(db).seen(GROUP, "3栋群", "supergroup", T0 - timedelta(days=30))
    await lift_kept_in_the_next_month(TicketStore(db), TicketActions(db), GROUP, WORKER, T0)
    texts = Texts(SHANGHAI, dict(CategoryTable.of().names))
    config = make_config(tmp_path, "http://127.0.0.1:9/bot")
    return Bulletins(StatsStore(db), ChatStore(db), TriageStore(db), texts, config)


async def test_the_look_back_counts_the_lift_in_the_week_it_was_first_reported(
    bulletins: Bulletins,
):
    """The look back of 5 November: the lift was first reported a week ago, not this week."""
    said = await bulletins.look_back(GROUP, T0 + timedelta(days=2))
    assert said is not None
    assert "近7天 0 件" in said and "近30天 1 件：电梯 1" in said, said


async def test_the_digest_of_the_day_the_lift_was_kept_counts_no_new_problem(
    bulletins: Bulletins,
):
    """3 November's digest: #2 holds a problem reported five days ago (past its deadline),
    being handled: no new problem, one unfinished."""
    said = await bulletins.digest(GROUP, date(2026, 11, 3), T0 + timedelta(hours=12))
    assert said is not None
    assert "新增" not in said and "未办结 1 件（办理中 1 件）" in said, said


async def test_the_rates_count_the_lift_in_the_week_it_was_first_reported(
    bulletins: Bulletins,
):
    """The rates of the days since 2 November have no complaint; those since 27 October have
    the lift, as #2 (taken an hour after it was kept)."""
    moment = T0 + timedelta(days=2)
    kept_days = await bulletins.rates(GROUP, T0 - timedelta(days=1), moment)
    first_days = await bulletins.rates(GROUP, T0 - timedelta(days=7), moment)
    assert kept_days.response.denominator == 0, kept_days
    response = first_days.response
    assert (response.numerator, response.denominator) == (1, 1), first_days


async def test_the_chart_of_four_weeks_leaves_out_a_problem_first_reported_before(
    bulletins: Bulletins, monkeypatch: pytest.MonkeyPatch
):
    """/chart on 29 November: its four weeks hold #2 (3 November), not the lift's first
    report (28 October): the lift is not one of those weeks' problems."""
    drawn: list[CategoryStatusCounts] = []

    def keep(data: CategoryStatusCounts) -> bytes:
        drawn.append(data)
        return b""

    monkeypatch.setattr(charts, "render_category_status", keep)
    monkeypatch.setattr(charts, "render_rates_trend", lambda points, title: b"")
    await recent_charts(bulletins, GROUP, T0 + timedelta(days=26))
    [bars] = drawn
    assert (bars.total, bars.categories) == (0, ()), bars


async def test_a_merge_of_a_merge_counts_once_in_the_month_first_reported(tmp_path: Path, db: Door):
    """The lift in September (#1), merged into October's report (#2), merged in turn into
    November's (#3): the chains are read from storage both ways, from any month."""
    tickets, actions = TicketStore(db), TicketActions(db)
    await ChatStore(db).seen(GROUP, "3栋群", "supergroup", T0 - timedelta(days=90))
    ids = []
    for number, days in enumerate((60, 30, 0), start=1):
        report = new_report(
            number, f"{number}单元电梯坏了", chat_id=GROUP, at=T0 - timedelta(days=days),
            author=Person(number, "居民"), location=f"3栋{number}单元",
        )  # fmt: skip
        ids.append((await tickets.file_report(report)).ticket.id)
    await actions.merge(ids[1], ids[0], GROUP, WORKER, T0 - timedelta(days=29))
    await actions.merge(ids[2], ids[1], GROUP, WORKER, T0)
    texts = Texts(SHANGHAI, dict(CategoryTable.of().names))
    config = make_config(tmp_path, "http://127.0.0.1:9/bot")
    bulletins = Bulletins(StatsStore(db), ChatStore(db), TriageStore(db), texts, config)
    found = {
        month: [
            t.id
            for t in await bulletins.problems(
                GROUP, T0 - timedelta(days=d + 10), T0 - timedelta(days=d - 10)
            )
        ]
        for month, d in (("september", 60), ("october", 30), ("november", 0))
    }
    assert found == {"september": [ids[2]], "october": [], "november": []}, found
