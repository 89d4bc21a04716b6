"""The monthly report's 分类状态 chart counts what its summary counts: a problem reported in
October and again in November, the November ticket kept, is October's (as the summary says
since it counts a problem in the month it was first reported), and not November's again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.tickets import Person
from bot.core.timeutil import Month
from bot.ledger import charts
from bot.ledger.charts import CategoryStatusCounts
from bot.ledger.monthly import write_monthly_report
from bot.ledger.rows import CategoryTable
from bot.runtime.bulletins import Bulletins
from bot.texts import Texts
from storage.chats import ChatStore
from storage.ledger import LedgerStore
from storage.sql import Door
from storage.stats import StatsStore
from storage.ticket_actions import TicketActions
from storage.tickets import TicketStore
from storage.triage import TriageStore
from tests.factories import SHANGHAI, lift_kept_in_the_next_month, make_config

GROUP = -1001234567890
WORKER = Person(9001, "网格员小王")
T0 = datetime(2026, 11, 3, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
NOW = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)


async def test_the_months_chart_counts_a_problem_in_the_month_it_was_first_reported(
    tmp_path: Path, db: Door, monkeypatch: pytest.MonkeyPatch
):
    await ChatStore(db).seen(GROUP, "3栋群", "supergroup", T0 - timedelta(days=30))
    tickets, actions = TicketStore(db), TicketActions(db)
    await lift_kept_in_the_next_month(tickets, actions, GROUP, WORKER, T0)

    drawn: list[CategoryStatusCounts] = []

    def keep(data: CategoryStatusCounts) -> bytes:
        drawn.append(data)
        return b""

    monkeypatch.setattr(charts, "render_category_status", keep)
    categories = CategoryTable.of()
    texts = Texts(SHANGHAI, dict(categories.names))
    config = make_config(tmp_path, "http://127.0.0.1:9/bot")
    bulletins = Bulletins(StatsStore(db), ChatStore(db), TriageStore(db), texts, config)
    titles = await ChatStore(db).titles()
    for month in (Month(2026, 10), Month(2026, 11)):
        await write_monthly_report(
            bulletins, LedgerStore(db), titles, categories, month, tmp_path / month.label, NOW
        )
    october, november = drawn
    # October: the lift as #2 stands now (办理中), and #1's row merged away (grey)
    assert (october.total - october.withdrawn, october.withdrawn) == (1, 1), october
    assert october.categories == ("电梯",)
    assert (november.total, november.withdrawn) == (0, 0), november  # counted in October
