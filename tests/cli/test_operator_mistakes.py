"""An operator's slips at the command line, each answered in one line with a non-zero status:
no traceback, nothing half done (QA round 20)."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

from bot.devtools.fakeapi.server import TOKEN, FakeTelegram
from tests.cli.test_run_guards import write_config as config_file

ROOT = Path(__file__).resolve().parents[2]
LOGGED = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (INFO|WARNING) ")
NOWHERE = "http://127.0.0.1:9/bot"  # nothing listens: only for what is refused before polling


def write_config(
    tmp_path: Path, extra: str = "", db: str = "db.sqlite3", base_url: str = NOWHERE
) -> Path:
    """A private config file for the mistakes below (a Bot API that is never reached)."""
    return config_file(tmp_path, base_url, extra, db)


def cli(
    *args: str, env: dict[str, str] | None = None, code: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` (or `python -c CODE ARGS`), without the caller's token variable."""
    base = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    command = ["-c", code] if code is not None else ["-m", "bot"]
    return subprocess.run(
        [sys.executable, *command, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**base, **(env or {})},
        timeout=120,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The only line on stderr besides `run`'s log lines, after checking that nothing looks
    like a traceback."""
    assert "Traceback" not in result.stderr and 'File "' not in result.stderr, result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if not LOGGED.match(line)]
    assert len(lines) == 1, result.stderr
    return lines[0]


# Ctrl-C while the command is still loading the config (before `run` has its own handler): a
# real SIGINT, sent by the process to itself at that moment.
CTRL_C_WHILE_LOADING = """
import os, signal, sys
import bot.cli.common
from bot.cli.main import main

signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
loading = bot.cli.common.load_config

def interrupted_load(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)
    return loading(*args, **kwargs)

bot.cli.common.load_config = interrupted_load
sys.exit(main(sys.argv[1:]))
"""


def test_ctrl_c_while_starting_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    for command in (["run"], ["export"]):
        result = cli(*command, "--config", str(config), code=CTRL_C_WHILE_LOADING)
        assert result.returncode == 130, result.stderr
        assert one_line(result) == "interrupted (Ctrl-C)"
        assert not (tmp_path / "db.sqlite3").exists()  # stopped before anything was opened


def test_a_token_variable_with_quotes_stops_run_naming_the_variable(tmp_path: Path) -> None:
    config = write_config(tmp_path)  # its own token is fine
    result = cli("run", "--config", str(config), env={"TELEGRAM_BOT_TOKEN": f'"{TOKEN}"'})
    assert result.returncode == 2
    assert one_line(result) == (
        "config error: environment variable TELEGRAM_BOT_TOKEN (used instead of [telegram] "
        "token): does not look like a bot token (digits, a colon, then letters); remove the "
        "quotes around it"
    )
    assert TOKEN.split(":")[1] not in result.stdout + result.stderr
    assert not (tmp_path / "db.sqlite3").exists()


async def test_a_storage_path_naming_a_workbook_says_check_the_path_and_leaves_it(
    fake: FakeTelegram, tmp_path: Path
):
    """It used to say "the database is damaged … put the latest backup in its place": over
    the office's workbook."""
    from openpyxl import Workbook

    book = tmp_path / "台账.xlsx"
    Workbook().save(book)
    before = book.read_bytes()
    config = write_config(tmp_path, db=book.name, base_url=fake.base_url)
    for command in (["run"], ["export"], ["learned", "--reset"]):
        result = await asyncio.to_thread(cli, *command, "--config", str(config))
        assert result.returncode == 2
        assert one_line(result) == (
            f"database refused: {book}: not a database but a ZIP file (an .xlsx workbook?); "
            "check that [storage] path names the bot's database (if the database was this "
            "file, put the latest copy made with `python -m bot backup` in its place)"
        )
    assert book.read_bytes() == before
    made = {p.name for p in tmp_path.iterdir()} - {"config.toml", "台账.xlsx"}
    assert made <= {"台账.xlsx.lock"}  # run's lock; no -wal, -shm or new database beside it


def test_import_of_a_folder_says_it_is_a_folder_not_that_nothing_is_there(tmp_path: Path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "台账-2026-11.xlsx").write_bytes(b"")
    config = write_config(tmp_path)
    result = cli("import", "--config", str(config), str(folder))
    assert result.returncode == 2
    assert one_line(result) == (
        f"{folder}: is a folder; give the ledger file in it (.jsonl or .xlsx)"
    )
    assert not (tmp_path / "db.sqlite3").exists()
    missing = cli("import", "--config", str(config), str(folder / "nothing.xlsx"))
    assert one_line(missing) == f"{folder / 'nothing.xlsx'}: no such file"
