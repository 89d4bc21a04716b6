"""The monthly report's summary and charts count a month as its ledger workbook does, from
its first instant: a ticket received at local midnight on the 1st (every row of a ledger that
gives 受理时间 as a date) is in that month, in all three files; and the trend's weeks, each
from its first instant too."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from bot.core.rates import Rate, ThreeRates
from bot.core.timeutil import Month
from bot.ledger import charts
from bot.ledger.charts import RatePoint, period_charts
from bot.ledger.rows import HEADERS, CategoryTable
from bot.ledger.xlsx import read_workbook
from bot.runtime.bulletins import Bulletins
from bot.texts import Texts
from storage.chats import ChatStore
from storage.ledger import LedgerStore
from storage.sql import Door
from storage.stats import StatsStore
from storage.triage import TriageStore
from tests.cli.test_ledger_commands import cli, config_file
from tests.factories import SHANGHAI, make_config

NOW = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # the report is made early in December


async def test_monthly_summary_counts_the_tickets_of_its_own_ledger(tmp_path: Path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS))
    sheet.append([None, "3栋群", "电梯", "3栋", "电梯坏了", 1, "2026-12-01"])
    sheet.append([None, "3栋群", "电梯", "5栋", "电梯又坏了", 1, "2026-12-02"])
    path = tmp_path / "台账.xlsx"
    workbook.save(path)
    target = config_file(tmp_path, "b")
    loaded = await cli("import", "--config", str(target), str(path))
    assert loaded.returncode == 0, loaded.stderr
    out = tmp_path / "report"
    for month in ("2026-11", "2026-12"):
        made = await cli("report", "--config", str(target), "--month", month, "--output", str(out))
        assert made.returncode == 0, made.stderr
    december = list(load_workbook(out / "台账-2026-12.xlsx").active.iter_rows(values_only=True))
    november = (out / "月报-2026-11.txt").read_text(encoding="utf-8")
    summary = (out / "月报-2026-12.txt").read_text(encoding="utf-8")
    assert len(december) == 3  # header + both December rows
    assert "受理 2 件" in summary, summary
    assert "受理 0 件" in november, november


async def test_the_months_rates_trend_counts_a_week_from_its_first_day(
    tmp_path: Path, db: Door, monkeypatch: pytest.MonkeyPatch
):
    """An old ledger gives 受理时间 as dates (local midnight). The monthly report's trend
    counts each week from its starting day, the day its label names: two rows of Tuesday
    24 November are in the week '11/24' — they were in the week before, as it stood at their
    very first instant, where they counted in no rate at all, and vanished from the chart."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS))
    sheet.append([None, "3栋群", "电梯", "3栋", "电梯坏了", 1, "2026-11-24", None, None,
                  "2026-11-25", "2026-11-25", "已修好", "满意", "已关闭", "1/1"])  # fmt: skip
    sheet.append([None, "3栋群", "停车", "5栋", "车堵门口", 1, "2026-11-24", None, None,
                  "2026-11-27"])  # fmt: skip
    path = tmp_path / "旧台账.xlsx"
    workbook.save(path)
    categories = CategoryTable.of()
    await LedgerStore(db).import_stream([read_workbook(path, categories, SHANGHAI)], NOW)
    config = make_config(tmp_path, "http://127.0.0.1:9/bot")
    texts = Texts(SHANGHAI, dict(categories.names))
    bulletins = Bulletins(StatsStore(db), ChatStore(db), TriageStore(db), texts, config)
    drawn: list[list[RatePoint]] = []

    def keep(points: list[RatePoint], title: str) -> bytes:
        drawn.append(list(points))
        return b""

    monkeypatch.setattr(charts, "render_rates_trend", keep)
    november = Month(2026, 11)
    start, end = november.bounds(SHANGHAI)
    await period_charts(bulletins, None, start, end, NOW, period="11月", stamp=november.label)
    weeks = {point.label: point.rates for point in drawn[0]}
    assert list(weeks)[-2:] == ["11/17", "11/24"]
    assert weeks["11/24"] == ThreeRates(Rate(1, 2), Rate(1, 2), Rate(1, 1)), weeks
    assert weeks["11/17"] == ThreeRates(Rate(), Rate(), Rate()), weeks
