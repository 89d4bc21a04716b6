"""The monthly report's summary and charts count a month as its ledger workbook does, from
its first instant: a ticket received at local midnight on the 1st (every row of a ledger that
gives 受理时间 as a date) is in that month, in all three files."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from bot.ledger.rows import HEADERS
from tests.cli.test_ledger_commands import cli, config_file


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
