"""`--output -` is standard output where the command writes one stream (an export), and is
refused in one line where it writes a folder of files (the report) or a database copy (the
backup): never a file or a folder literally named "-". The report's --output is a folder: an
existing one is written into, a file there is refused in one line."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import ROOT
from tests.cli.test_ledger_commands import populated


def _in(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m bot ARGS` run in `folder` (where a relative "-" would land), this clone's
    code imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, cwd=folder, env=env, timeout=120
    )


async def cli_in(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return await asyncio.to_thread(_in, folder, *args)


def one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    said = result.stderr.decode("utf-8")
    assert "Traceback" not in said, said
    lines = said.strip().splitlines()
    assert len(lines) == 1, said
    return lines[0]


@pytest.mark.parametrize("form", ["jsonl", "csv", "xlsx"])
async def test_an_export_to_dash_goes_to_standard_output_not_to_a_file_named_dash(
    tmp_path: Path, form: str
):
    config = await populated(tmp_path)
    plain = await cli_in(tmp_path, "export", "--config", str(config), "--format", form)
    dashed = await cli_in(
        tmp_path, "export", "--config", str(config), "--format", form, "--output", "-"
    )
    assert dashed.returncode == 0, dashed.stderr
    assert not (tmp_path / "-").exists()
    if form == "xlsx":  # a workbook's bytes carry the moment it was made: only its kind
        assert dashed.stdout[:2] == plain.stdout[:2] == b"PK"
    else:
        assert dashed.stdout == plain.stdout and "3栋2单元".encode() in dashed.stdout


async def test_a_report_to_dash_is_refused_in_one_line(tmp_path: Path):
    config = await populated(tmp_path)
    made = await cli_in(tmp_path, "report", "--config", str(config), "--month", "2026-11",
                        "--output", "-")  # fmt: skip
    assert made.returncode == 2
    assert one_line(made) == (
        "--output: the report is several files (the ledger, two charts, a summary), not one "
        "for standard output; give the folder to write them into"
    )
    assert not (tmp_path / "-").exists()


async def test_a_backup_to_dash_is_refused_in_one_line(tmp_path: Path):
    config = await populated(tmp_path)
    made = await cli_in(tmp_path, "backup", "--config", str(config), "--output", "-")
    assert made.returncode == 2
    assert one_line(made) == (
        "--output: a backup is a database file, not one for standard output; give the copy's "
        "file name"
    )
    assert not (tmp_path / "-").exists()


async def test_a_report_is_written_into_an_existing_folder_and_refuses_a_file(tmp_path: Path):
    config = await populated(tmp_path)
    folder = tmp_path / "会议"
    folder.mkdir()
    (folder / "议程.txt").write_text("kept", encoding="utf-8")
    made = await cli_in(tmp_path, "report", "--config", str(config), "--month", "2026-11",
                        "--output", str(folder))  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["议程.txt", "台账-2026-11.xlsx", "分类状态-2026-11.png", "三率走势-2026-11.png",
         "月报-2026-11.txt"]
    )  # fmt: skip
    assert (folder / "议程.txt").read_text(encoding="utf-8") == "kept"

    a_file = folder / "议程.txt"
    refused = await cli_in(tmp_path, "report", "--config", str(config), "--month", "2026-11",
                           "--output", str(a_file))  # fmt: skip
    assert refused.returncode == 2
    assert one_line(refused) == (
        f"--output: {a_file} is a file; give the folder to write the report into"
    )
    assert a_file.read_text(encoding="utf-8") == "kept"
