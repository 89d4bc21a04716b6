"""`python -m bot run` refuses what it cannot run on in one line, and never hangs.

Each test starts the real command as a subprocess (against the fake Bot API where it gets that
far) with a timeout: a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.devtools.fakeapi.server import TOKEN, FakeTelegram

ROOT = Path(__file__).resolve().parents[2]
NOWHERE = "http://127.0.0.1:9/bot"  # nothing listens: only for configs refused before polling


def write_config(tmp_path: Path, base_url: str, extra: str = "", db: str = "db.sqlite3") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[telegram]\ntoken = "{TOKEN}"\nbase_url = "{base_url}"\n'
        f'[storage]\npath = "{db}"\n{extra}',
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path


def run_bot(config: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "run", "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


def test_an_absurd_number_in_the_config_stops_run_with_one_line_naming_the_key(tmp_path: Path):
    config = write_config(tmp_path, NOWHERE, "[loop]\nmerge_days = 999999999999\n")
    result = run_bot(config)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "config error: [loop] merge_days: expected a whole number from 1 to 366, got 999999999999"
    ]
    assert not (tmp_path / "db.sqlite3").exists()  # refused before anything was opened


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The last line on stderr, after checking that nothing looks like a traceback."""
    assert "Traceback" not in result.stderr and 'File "' not in result.stderr, result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_a_base_url_without_bot_is_one_line_and_never_shows_the_token(tmp_path: Path):
    """python-telegram-bot glues the token to base_url: "…:9" + token made an invalid port,
    and the traceback repeated it in full."""
    config = write_config(tmp_path, "http://127.0.0.1:9")
    result = run_bot(config)
    assert result.returncode == 2
    assert TOKEN not in result.stdout + result.stderr
    assert TOKEN.split(":")[1] not in result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [
        'config error: [telegram] base_url: must end with "/bot" (the token is added after '
        'it), e.g. "http://127.0.0.1:8081/bot" for a local Bot API server; '
        "got 'http://127.0.0.1:9'"
    ]


async def test_an_error_page_repeating_the_url_never_shows_the_token(tmp_path: Path):
    """A proxy in front of the Bot API that answers with an error page naming the URL asked
    for (which holds the token): the bot says so in one line each time it tries again, the
    token blanked out, and stops cleanly on SIGTERM."""
    from aiohttp import web

    async def error_page(request: web.Request) -> web.Response:
        return web.Response(status=502, text=f"502 Bad Gateway: no upstream for {request.url}")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", error_page)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        code, out, err = await _run_until_two_retries(
            write_config(tmp_path, f"http://127.0.0.1:{port}/bot")
        )
    finally:
        await runner.cleanup()
    assert code == 0, err
    assert TOKEN.split(":")[1] not in out + err
    assert "Traceback" not in err
    retries = [line for line in err.splitlines() if "Telegram did not answer at start" in line]
    assert len(retries) >= 2, err
    assert all("Bad Gateway" in line for line in retries)


async def test_each_try_to_reach_telegram_at_start_is_one_line_that_says_it_tries_again(
    tmp_path: Path,
):
    """Telegram not reached at start: before the bot's own "again in 2 s" the operator read
    python-telegram-bot's "ERROR telegram.ext: Network Retry Loop (Bootstrap Initialize
    Application): Failed run number 0 of 0. Aborting." each time, and took the bot for dead."""
    _, _, err = await _run_until_two_retries(write_config(tmp_path, NOWHERE))
    assert sum("Telegram did not answer at start" in line for line in err.splitlines()) == 2, err
    assert "Aborting" not in err and " ERROR " not in err, err


async def _run_until_two_retries(config: Path) -> tuple[int | None, str, str]:
    """`bot run` (no token in the environment) until it says twice that it tries again, then
    SIGTERM: its exit code, stdout and stderr."""
    import signal

    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--config", str(config)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[str] = []

    def read_until_two_retries() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            seen.append(line)
            if sum("Telegram did not answer at start" in x for x in seen) >= 2:
                return

    try:
        await asyncio.wait_for(asyncio.to_thread(read_until_two_retries), timeout=60)
        process.send_signal(signal.SIGTERM)
        out, rest = await asyncio.to_thread(process.communicate, timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    return process.returncode, out, "".join(seen) + rest


def _garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


async def _truncated(path: Path) -> None:
    await _history(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


async def _page_damaged(path: Path) -> None:
    await _history(path)
    data = bytearray(path.read_bytes())
    for page in range(3, len(data) // 4096, 5):
        data[page * 4096 : page * 4096 + 4096] = b"\x07" * 4096
    path.write_bytes(bytes(data))


async def _history(path: Path) -> None:
    """A real database with a few hundred tickets in it, checkpointed into the one file."""
    from datetime import UTC, datetime

    from storage.db import Database
    from storage.synthetic import fill

    db = await Database.open(path)
    try:
        await fill(db, 400, 3, datetime(2026, 11, 30, tzinfo=UTC))
        await db.write(lambda conn: None)
    finally:
        await db.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@pytest.mark.parametrize(
    ("damage", "what"),
    [
        (_garbage, "the database is damaged (file is not a database)"),
        (_empty, "the database file is empty (0 bytes)"),
        (_truncated, "the database is damaged"),
        (_page_damaged, "the database is damaged"),
    ],
)
async def test_run_refuses_a_damaged_database_in_one_line(
    fake: FakeTelegram, tmp_path: Path, damage, what: str
):
    db = tmp_path / "db.sqlite3"
    made = damage(db)
    if asyncio.iscoroutine(made):
        await made
    before = db.read_bytes()
    result = await asyncio.to_thread(run_bot, write_config(tmp_path, fake.base_url))
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith(f"database refused: {db}: {what}"), line
    assert line.endswith("put the latest copy made with `python -m bot backup` in its place")
    assert db.read_bytes() == before  # refused as it was: not migrated, not started anew


# Stores.open opens the database, then fails: whatever fails after the database is opened (the
# connections' threads left running) must still end the process, with one line.
FAIL_AFTER_OPEN = """
import sys
import storage.stores
from bot.cli.main import main

opened = storage.stores.Stores.open.__func__

async def open_then_fail(cls, *args, **kwargs):
    stores = await opened(cls, *args, **kwargs)  # held by the traceback: never closed
    raise RuntimeError("something failed after the database was opened")

storage.stores.Stores.open = classmethod(open_then_fail)
sys.exit(main(sys.argv[1:]))
"""


async def test_a_failure_after_the_database_is_opened_ends_run_with_one_line(
    fake: FakeTelegram, tmp_path: Path
):
    config = write_config(tmp_path, fake.base_url)
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-c", FAIL_AFTER_OPEN, "run", "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,  # it used to wait forever for the database's threads
    )
    assert result.returncode == 1
    assert one_line(result) == (
        "the bot stopped: RuntimeError: something failed after the database was opened "
        "(run with --verbose for the details)"
    )


async def test_a_second_run_on_the_same_database_says_so_and_exits(
    fake: FakeTelegram, tmp_path: Path
):
    config = write_config(tmp_path, fake.base_url)
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    first = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--config", str(config)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(600):  # until the first one polls
            if any(method == "getUpdates" for method, _ in fake.calls) or first.poll() is not None:
                break
            await asyncio.sleep(0.05)
        assert first.poll() is None, "the first bot did not start"
        second = await asyncio.to_thread(run_bot, config, 60)
        export = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot", "export", "--config", str(config)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=60,
        )
    finally:
        first.terminate()
        _, errors = await asyncio.to_thread(first.communicate, timeout=60)
    assert second.returncode == 2
    assert one_line(second) == (
        f"not started: {tmp_path / 'db.sqlite3'}: another process (pid {first.pid}) is using "
        "this database (a second `run`?); stop it first, or give this one its own [storage] path"
    )
    assert "Application started" not in second.stderr  # it never polled
    assert export.returncode == 0, export.stderr  # the office's tools still read it
    assert first.returncode == 0 and "Traceback" not in errors


async def test_a_desk_port_in_use_stops_run_with_one_line_naming_the_key(
    fake: FakeTelegram, tmp_path: Path
):
    taken = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = taken.sockets[0].getsockname()[1]
    try:
        extra = f'[web]\nlisten = "127.0.0.1:{port}"\n'
        config = write_config(tmp_path, fake.base_url, extra)
        result = await asyncio.to_thread(run_bot, config)
    finally:
        taken.close()
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith(f"config error: [web] listen: cannot listen on 127.0.0.1:{port}")
    assert TOKEN not in result.stderr


def test_the_demo_refuses_a_port_that_cannot_be_one_in_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--desk", "--desk-port", "99999"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert one_line(result) == "--desk-port: expected a port from 1 to 65535, got 99999"


def test_a_database_in_a_folder_that_cannot_be_made_names_storage_path(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    config = write_config(tmp_path, NOWHERE, db=str(blocker / "data" / "db.sqlite3"))
    result = run_bot(config)
    assert result.returncode != 0
    line = one_line(result)
    assert line.startswith("config error: [storage] path: cannot create ") and "write to" in line


def test_a_database_in_a_folder_the_bot_cannot_write_names_storage_path(tmp_path: Path):
    if os.geteuid() == 0:  # root writes anywhere: a file system that refuses everyone
        folder = Path("/proc")
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
    config = write_config(tmp_path, NOWHERE, db=str(folder / "db.sqlite3"))
    result = run_bot(config)
    assert result.returncode != 0
    assert one_line(result).startswith("config error: [storage] path: cannot create ")


@pytest.mark.parametrize(
    "token_line",
    [
        f'token = ["{TOKEN}"]',  # pasted between brackets, like the ids below it
        f'token = {{ value = "{TOKEN}" }}',
    ],
)
def test_a_token_written_as_a_list_or_table_is_refused_without_showing_it(
    tmp_path: Path, token_line: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[telegram]\n{token_line}\nbase_url = "{NOWHERE}"\n[storage]\npath = "db.sqlite3"\n',
        encoding="utf-8",
    )
    path.chmod(0o600)
    result = run_bot(path)
    assert result.returncode == 2
    line = one_line(result)
    assert "[telegram] token" in line
    assert TOKEN.split(":")[1] not in result.stdout + result.stderr, line
