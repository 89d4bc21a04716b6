"""The ledger on the command line: export xlsx, import (all or nothing), the monthly report."""

from __future__ import annotations

import asyncio
import codecs
import csv
import io
from pathlib import Path

from openpyxl import Workbook, load_workbook

from bot.ledger.rows import HEADERS
from storage.stores import open_database
from tests.cli.test_cli import run_cli
from tests.engines import Places, storage_section, storage_toml
from tests.ledger.test_ledger import EAST, populate


def config_file(tmp_path: Path, name: str, places: Places | None = None) -> Path:
    """A config for the database `name`: on the test's engine, or a SQLite file."""
    target = places(name) if places is not None else tmp_path / f"{name}.sqlite3"
    path = tmp_path / f"{name}.toml"
    path.write_text(storage_toml(storage_section(target)), encoding="utf-8")
    return path


async def populated(tmp_path: Path, places: Places | None = None, name: str = "a") -> Path:
    """A populated database (on the test's engine, or a SQLite file) and its config."""
    db = await open_database(places(name) if places is not None else tmp_path / f"{name}.sqlite3")
    try:
        await populate(db)
    finally:
        await db.close()
    return config_file(tmp_path, name, places)


async def cli(*args: str):
    return await asyncio.to_thread(run_cli, *args)


async def test_export_then_import_into_a_fresh_database_gives_the_same_export(
    tmp_path: Path, places: Places
):
    source, target = await populated(tmp_path, places), config_file(tmp_path, "b", places)
    exported = await cli("export", "--config", str(source))
    assert exported.returncode == 0, exported.stderr
    jsonl = tmp_path / "ledger.jsonl"
    jsonl.write_text(exported.stdout, encoding="utf-8")
    loaded = await cli("import", "--config", str(target), str(jsonl))
    assert loaded.returncode == 0, loaded.stderr
    assert "imported 4 ticket(s) #1–#4 with 5 report(s)" in loaded.stderr
    again = await cli("export", "--config", str(target))
    assert again.stdout == exported.stdout
    refused = await cli("import", "--config", str(target), "--format", "jsonl", str(jsonl))
    assert refused.returncode == 1 and "#1" in refused.stderr and "未导入任何数据" in refused.stderr

    book = tmp_path / "out" / "台账.xlsx"
    made = await cli("export", "--config", str(source), "--format", "xlsx", "--output", str(book))
    assert made.returncode == 0, made.stderr
    rows = list(load_workbook(book).active.iter_rows(values_only=True))
    assert rows[0] == HEADERS and len(rows) == 5
    bad = await cli("export", "--config", str(source), "--format", "xlsx", "--month", "11-2026")
    assert bad.returncode == 2 and "--month: expected YYYY-MM" in bad.stderr


async def test_a_bad_ledger_file_is_refused_naming_the_row(tmp_path: Path, places: Places):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS))
    sheet.append([None, "3栋群", "电梯", None, "电梯坏了", 1, "2026-11-01 09:00"])
    sheet.append([None, "3栋群", "电梯", None, "电梯又坏了", 1, "2026-13-01"])
    path = tmp_path / "台账.xlsx"
    workbook.save(path)
    target = config_file(tmp_path, "b", places)
    result = await cli("import", "--config", str(target), str(path))
    assert result.returncode == 1
    assert '第 3 行：受理时间 "2026-13-01" 不是日期' in result.stderr
    assert "nothing was changed" in result.stderr
    assert not (tmp_path / "b.sqlite3").exists()


async def test_monthly_report_writes_the_ledger_the_charts_and_a_summary(
    tmp_path: Path, places: Places
):
    source = await populated(tmp_path, places)
    out = tmp_path / "联席会议"
    result = await cli(
        "report", "--config", str(source), "--month", "2026-11", "--output", str(out)
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        ["台账-2026-11.xlsx", "分类状态-2026-11.png", "三率走势-2026-11.png", "月报-2026-11.txt"]
    )
    rows = list(load_workbook(out / "台账-2026-11.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 4  # the three November tickets
    assert all((out / n).read_bytes().startswith(b"\x89PNG") for n in names if n.endswith(".png"))
    summary = (out / "月报-2026-11.txt").read_text(encoding="utf-8")
    assert "2026年11月 诉求月报" in summary and "受理 3 件（紧急 1 件）" in summary
    assert "三率：响应率" in summary
    assert "满意率 100.0%（2/2）" in summary  # two households, both pleased
    assert "类别：电梯 1、停车 1、环境卫生 1" in summary or "类别：" in summary
    assert "东苑3栋业主群 2" in summary and "办得最慢的类别：电梯 平均5小时" in summary

    for month in ("2026-13", "next"):
        bad = await cli("report", "--config", str(source), "--month", month, "--output", str(out))
        assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--month" in bad.stderr
    missing = config_file(tmp_path, "none")
    result = await cli(
        "report", "--config", str(missing), "--month", "2026-11", "--output", str(out)
    )
    assert result.returncode == 2 and "no database" in result.stderr


async def test_a_file_that_is_not_utf8_is_refused_and_leaves_no_database(tmp_path: Path):
    path = tmp_path / "ledger.jsonl"
    path.write_bytes('{"id": 1, "text": "电梯坏了"}\n'.encode("gb18030"))
    result = await cli("import", "--config", str(config_file(tmp_path, "b")), str(path))
    assert result.returncode == 1 and "not UTF-8 text" in result.stderr
    assert not (tmp_path / "b.sqlite3").exists()


async def test_digest_names_an_unknown_group_and_a_day_out_of_range_in_one_line(tmp_path: Path):
    config = await populated(tmp_path)
    printed = await cli("digest", "--config", str(config), "--chat", str(EAST))
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip()
    unknown = await cli("digest", "--config", str(config), "--chat", "-999")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("--chat: the bot has not seen a group -999")
    assert f"{EAST} (东苑3栋业主群)" in unknown.stderr and unknown.stderr.count("\n") == 1
    for day in ("9999-12-31", "0001-01-01"):
        far = await cli("digest", "--config", str(config), "--chat", str(EAST), "--date", day)
        assert far.returncode == 2 and far.stderr.count("\n") == 1, far.stderr
        assert "--date: expected a day between 2000 and 2999" in far.stderr


async def test_a_months_export_in_every_format(tmp_path: Path):
    config = await populated(tmp_path)
    november = await cli("export", "--config", str(config), "--month", "2026-11")
    assert november.returncode == 0, november.stderr
    october = await cli("export", "--config", str(config), "--month", "2026-10")
    everything = await cli("export", "--config", str(config))
    # #4 was reported at 23:59 on 31 October in Shanghai: October's
    assert november.stdout.count("\n") == 3 and october.stdout.count("\n") == 1
    assert sorted((november.stdout + october.stdout).splitlines()) == sorted(
        everything.stdout.splitlines()
    )
    table = await cli("export", "--config", str(config), "--format", "csv", "--month", "2026-10")
    assert table.returncode == 0 and table.stdout.strip().count("\n") == 1  # header, one row
    bad = await cli("export", "--config", str(config), "--format", "csv", "--month", "2026-13")
    assert bad.returncode == 2 and "--month: expected YYYY-MM" in bad.stderr


async def test_a_csv_export_opens_in_excel_with_its_chinese_readable(tmp_path: Path):
    """Excel on Windows reads a CSV without a byte order mark in the system's code page (GBK
    in China): every 电梯 and 3栋2单元 came out as mojibake. The CSV starts with the UTF-8 BOM,
    to a file and to standard output alike (`> 台账.csv`)."""
    config = await populated(tmp_path)
    table = tmp_path / "台账.csv"
    made = await cli("export", "--config", str(config), "--format", "csv", "--output", str(table))
    assert made.returncode == 0, made.stderr
    data = table.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and not data[3:].startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 4 and rows[0]["id"] == "1" and rows[0]["location"] == "3栋2单元"
    piped = await cli("export", "--config", str(config), "--format", "csv")
    assert piped.returncode == 0 and piped.stdout.startswith("\ufeffid,")
    lines = await cli("export", "--config", str(config))  # JSON lines: no BOM (one per line)
    assert lines.stdout.startswith("{")
