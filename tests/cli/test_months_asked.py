"""A month asked of `report` and `export --month`: one to come is refused in one line, as
`digest --date` refuses a day to come; a past month with no ticket is written all the same,
and the operator is told in one line that it counts none."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_ledger_commands import cli, populated


async def test_a_month_to_come_is_refused_in_one_line_and_nothing_is_written(tmp_path: Path):
    config = await populated(tmp_path)
    out = tmp_path / "联席会议"
    report = await cli(
        "report", "--config", str(config), "--month", "2099-01", "--output", str(out)
    )
    assert report.returncode == 2 and report.stderr.count("\n") == 1, report.stderr
    assert report.stderr.startswith("--month: 2099-01 has not come yet (this month is ")
    assert not out.exists()
    for kind in ("jsonl", "csv", "xlsx"):
        book = tmp_path / f"台账.{kind}"
        export = await cli(
            "export", "--config", str(config), "--month", "2099-01", "--output", str(book)
        )
        assert export.returncode == 2 and export.stderr.count("\n") == 1, export.stderr
        assert "--month: 2099-01 has not come yet" in export.stderr
        assert not book.exists()


async def test_a_past_month_with_no_ticket_is_written_and_said_to_count_none(tmp_path: Path):
    config = await populated(tmp_path)  # its tickets: October and November 2026
    out = tmp_path / "联席会议"
    report = await cli(
        "report", "--config", str(config), "--month", "2001-01", "--output", str(out)
    )
    assert report.returncode == 0, report.stderr
    assert report.stderr == (
        "no tickets were reported in 2001-01: the report is written all the same and counts "
        "none; check --month if you expected some\n"
    )
    assert "受理 0 件" in (out / "月报-2001-01.txt").read_text(encoding="utf-8")
    assert len(report.stdout.splitlines()) == 4  # the files, as for any month
    november = await cli(
        "report", "--config", str(config), "--month", "2026-11", "--output", str(out)
    )
    assert november.returncode == 0 and november.stderr == "", november.stderr
