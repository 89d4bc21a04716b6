"""What the office's commands write is readable by its owner only, never the live database,
never binary on a terminal, and a regular file (a backup never replaces a device, a pipe or
a link); a damaged database is refused in one line."""

from __future__ import annotations

import asyncio
import os
import pty
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import ROOT, run_cli
from tests.cli.test_ledger_commands import cli, config_file, populated


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def tickets_in(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM tickets").fetchone()[0])


async def test_exports_reports_and_backups_are_readable_by_the_owner_only(tmp_path: Path):
    config = await populated(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    stale = out / "ledger.csv"  # written over: it becomes private too
    stale.write_text("old", encoding="utf-8")
    stale.chmod(0o644)
    commands = [
        ("export", "--output", str(out / "ledger.jsonl")),
        ("export", "--format", "csv", "--output", str(stale)),
        ("export", "--format", "xlsx", "--output", str(out / "台账.xlsx")),
        ("backup", "--output", str(out / "copy.sqlite3")),
        ("report", "--month", "2026-11", "--output", str(out / "report")),
    ]
    for command, *rest in commands:
        made = await cli(command, "--config", str(config), *rest)
        assert made.returncode == 0, made.stderr
    written = sorted(p for p in out.rglob("*") if p.is_file())
    assert len(written) >= 7, written  # 3 exports, the copy, the report's files
    assert {p.name: mode(p) for p in written} == {p.name: 0o600 for p in written}
    assert mode(out / "report") == 0o700  # the report's new folder too


async def test_a_database_made_by_import_is_readable_by_the_owner_only(tmp_path: Path):
    source = await populated(tmp_path)
    jsonl = tmp_path / "ledger.jsonl"
    exported = await cli("export", "--config", str(source), "--output", str(jsonl))
    assert exported.returncode == 0, exported.stderr
    target = config_file(tmp_path, "fresh")
    loaded = await cli("import", "--config", str(target), str(jsonl))
    assert loaded.returncode == 0, loaded.stderr
    assert mode(tmp_path / "fresh.sqlite3") == 0o600


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
async def test_no_output_is_written_over_the_live_database(tmp_path: Path, suffix: str):
    config = await populated(tmp_path)
    db = tmp_path / "a.sqlite3"
    target = Path(f"{db}{suffix}")
    if suffix:  # a running bot keeps them there
        target.write_bytes(b"")
    before = db.read_bytes()
    commands = [
        ("export", "--output", str(target)),
        ("export", "--format", "xlsx", "--output", str(target)),
        ("report", "--month", "2026-11", "--output", str(target)),
        ("backup", "--output", str(target)),
        ("export", "--output", str(tmp_path / "sub" / ".." / f"a.sqlite3{suffix}")),
    ]
    for command, *rest in commands:
        refused = await cli(command, "--config", str(config), *rest)
        assert refused.returncode == 2, (command, refused.stderr)
        lines = refused.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("--output: "), refused.stderr
        assert "is the live database (or its -wal/-shm file); give another path" in lines[0]
    assert db.read_bytes() == before and tickets_in(db) == 4


async def test_an_xlsx_export_refuses_to_write_binary_to_a_terminal(tmp_path: Path):
    config = await populated(tmp_path)
    leader, follower = pty.openpty()
    try:
        result = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot", "export", "--config", str(config), "--format", "xlsx"],
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        os.set_blocking(leader, False)
        try:
            shown = os.read(leader, 65536)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "an xlsx workbook is binary: give --output FILE (or redirect the output)"
    ]
    assert b"PK" not in shown  # no zip bytes reached the terminal


@pytest.mark.parametrize(
    "command",
    [
        ("export",),
        ("export", "--format", "xlsx", "--output", "x.xlsx"),
        ("report", "--month", "2026-11", "--output", "report"),
        ("digest", "--chat", "-1"),
        ("backup", "--output", "copy.sqlite3"),
    ],
)
async def test_the_office_tools_refuse_a_damaged_database_in_one_line(
    tmp_path: Path, command: tuple[str, ...]
):
    config = config_file(tmp_path, "a")
    db = tmp_path / "a.sqlite3"
    db.write_bytes(b"this is not a database, only some text saved under its name" * 100)
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", command[0], "--config", str(config), *command[1:]],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"database refused: {db}: not a database but a text file; check that [storage] path "
        "names the bot's database (if the database was this file, put the latest copy made "
        "with `python -m bot backup` in its place)"
    ]


async def test_an_output_that_cannot_be_written_is_one_line_and_nothing_is_left(tmp_path: Path):
    config = await populated(tmp_path)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    for command, *rest in [
        ("export", "--format", "csv", "--output", str(folder)),
        ("export", "--format", "xlsx", "--output", str(folder)),
        ("export", "--output", str(tmp_path / "missing" / "deep" / "x.jsonl"), "--format", "jsonl"),
        ("backup", "--output", str(folder)),
        ("backup", "--output", str(tmp_path / "no-such-dir" / "copy.sqlite3")),
    ]:
        made = await cli(command, "--config", str(config), *rest)
        if made.returncode == 0:  # a missing parent folder is made, as for every --output
            continue
        assert made.returncode in (1, 2), made.stderr
        assert "Traceback" not in made.stderr and len(made.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.rglob("*.partial"))


async def test_the_config_and_the_lock_file_are_never_written_over(tmp_path: Path):
    config = await populated(tmp_path)
    before = config.read_bytes()
    for target in (config, Path(f"{tmp_path / 'a.sqlite3'}.lock")):
        made = await cli("export", "--config", str(config), "--output", str(target))
        assert made.returncode == 2 and "config or lock file" in made.stderr
    assert config.read_bytes() == before


def _special(path: Path, kind: str, tmp_path: Path) -> None:
    """A FIFO, the character device /dev/null is (1,3: making one takes root), or a link."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "chardev":
        if os.geteuid() != 0:
            pytest.skip("making a character device takes root")
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    else:
        (tmp_path / "kept.txt").write_text("the office's own file", encoding="utf-8")
        path.symlink_to(tmp_path / "kept.txt")


@pytest.mark.parametrize("kind", ["fifo", "chardev", "symlink"])
async def test_a_backup_never_replaces_a_device_a_fifo_or_a_link_with_the_copy(
    tmp_path: Path, kind: str
):
    """The copy is written beside --output and renamed over it: `backup --output /dev/null`
    run as root said "backed up … (integrity ok)" and /dev/null was a file of the residents'
    words from then on. Like export, backup writes regular files only."""
    config = await populated(tmp_path)
    special = tmp_path / "null"
    _special(special, kind, tmp_path)
    before = special.lstat()
    made = await cli("backup", "--config", str(config), "--output", str(special))
    assert made.returncode == 2
    assert made.stderr.strip().splitlines() == [
        f"--output: {special} is not a regular file (a device, a pipe, a link?); give the "
        "backup's own file name"
    ]
    after = special.lstat()
    assert (after.st_mode, after.st_ino, after.st_rdev) == (
        before.st_mode, before.st_ino, before.st_rdev,
    )  # fmt: skip
    if kind == "symlink":
        assert (tmp_path / "kept.txt").read_text(encoding="utf-8") == "the office's own file"
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("kind", ["fifo", "chardev"])
@pytest.mark.parametrize("form", ["jsonl", "csv", "xlsx"])
async def test_an_export_refuses_a_fifo_or_a_device_instead_of_waiting_on_it(
    tmp_path: Path, kind: str, form: str
):
    """`export --output` a FIFO no one reads waited forever for a reader (and a device that
    blocks when opened, likewise): it is refused in one line, as a backup refuses it."""
    config = await populated(tmp_path)
    special = tmp_path / "null"
    _special(special, kind, tmp_path)
    made = await asyncio.to_thread(
        run_cli, "export", "--config", str(config), "--format", form, "--output", str(special),
        timeout=60,
    )  # fmt: skip
    assert made.returncode == 2
    assert made.stderr.strip().splitlines() == [
        f"--output: {special} is not a regular file (a device, a pipe?); give the export's "
        "own file name"
    ]
    assert stat.S_ISFIFO(special.stat().st_mode) == (kind == "fifo")


@pytest.mark.parametrize("kind", ["device", "fifo"])
async def test_an_import_of_a_device_or_a_pipe_says_what_it_is(tmp_path: Path, kind: str):
    """`import /dev/null` (or a FIFO, or `<(…)`) answered "no such file" of a path that is
    there: it is not a file the import may read twice, and is named so."""
    source = Path("/dev/null")
    if kind == "fifo":
        source = tmp_path / "ledger.jsonl"
        os.mkfifo(source)
    config = config_file(tmp_path, "fresh")
    refused = await cli("import", "--config", str(config), str(source))
    assert refused.returncode == 2
    assert refused.stderr == (
        f"{source}: not a regular file (a device, a pipe?); give the ledger file itself "
        "(.jsonl or .xlsx), not a stream\n"
    )
    assert not (tmp_path / "fresh.sqlite3").exists()
