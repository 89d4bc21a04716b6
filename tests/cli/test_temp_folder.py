"""A temporary folder (TMPDIR, SQLITE_TMPDIR) SQLite would use but no file can be made in:
root's TMPDIR=/proc passes access(), so SQLite takes it, and every statement that needs a
temporary file failed, "unable to open database file" — the demo ended in tracebacks, the bot
would fail on every message. The command now stops first, in one line naming it and the fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.cli.environment import temp_folder_problem
from tests.cli.test_cli import run_cli

ROOT_ONLY = pytest.mark.skipif(
    os.geteuid() != 0, reason="only root is let 'write' /proc by access(): SQLite skips it else"
)


@ROOT_ONLY
@pytest.mark.parametrize("name", ["TMPDIR", "SQLITE_TMPDIR"])
def test_the_demo_with_a_temp_folder_that_takes_no_file_is_one_line(name: str):
    result = run_cli("demo", env={**os.environ, name: "/proc"})
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    said = result.stderr.splitlines()
    assert len(said) == 1, result.stderr
    assert said[0].startswith(f"{name}=/proc: no file can be made there (")
    assert said[0].endswith(
        f"SQLite keeps its temporary files there: set {name} to a folder this user can write "
        f"(export {name}=/tmp), or unset it"
    )


@ROOT_ONLY
def test_a_database_command_says_so_too(tmp_path: Path):
    config = tmp_path / "c.toml"
    config.write_text(f'[storage]\npath = "{tmp_path / "a.sqlite3"}"\n', encoding="utf-8")
    result = run_cli("export", "--config", str(config), env={**os.environ, "TMPDIR": "/proc"})
    assert result.returncode == 2 and result.stderr.startswith("TMPDIR=/proc: "), result.stderr
    assert not (tmp_path / "a.sqlite3").exists()


def test_a_folder_sqlite_would_not_use_is_no_problem(tmp_path: Path):
    """SQLite passes over a TMPDIR that is not there (or not a folder) to the next one, /tmp:
    nothing to say; a writable one is none either."""
    assert temp_folder_problem({"TMPDIR": str(tmp_path / "gone")}) is None
    assert temp_folder_problem({"TMPDIR": str(tmp_path)}) is None
    assert temp_folder_problem({}) is None
