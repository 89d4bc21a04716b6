"""A stalled event loop stops the process (so a fresh one, or a standby, takes over); a busy
but answering loop does not."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.devtools.fakeapi.server import FakeTelegram
from bot.runtime.watchdog import STALL_EXIT_CODE, Watchdog
from tests.e2e.test_reliability import query, stop, wait_until, write_config

ROOT = Path(__file__).resolve().parents[2]
# The real Application, built as `run` builds it but with a short stall limit, and a job that
# either blocks its event loop the way a call that never returns would, or stops the bot
# after a few stall limits of healthy work.
BOT = """
import sys, time
from telegram import Update
from bot.app import Tuning, build_application
from bot.config import load_config

config = load_config(sys.argv[1])
app = build_application(config, tuning=Tuning(stall_exit=2.0, poll_timeout=1.0))

async def block(context):
    print("blocking", flush=True)
    time.sleep(120)

async def finish(context):
    print("finishing", flush=True)
    context.application.stop_running()

late = {"misfire_grace_time": None}  # on a busy machine the job may start late: still run it
if sys.argv[2] == "block":
    app.job_queue.run_once(block, 1.0, job_kwargs=late)
else:
    app.job_queue.run_once(finish, 7.0, job_kwargs=late)
app.run_polling(allowed_updates=Update.ALL_TYPES, close_loop=False)
"""


async def test_a_stalled_loop_is_reported_once() -> None:
    stalls: list[float] = []
    watchdog = Watchdog(0.3, beat_every=0.05, on_stall=lambda: stalls.append(time.monotonic()))
    watchdog.start()
    await asyncio.sleep(0.6)  # busy but answering: no stall
    assert not stalls and not watchdog.stalled
    time.sleep(1.5)  # blocks the loop
    await watchdog.stop()
    assert len(stalls) == 1 and watchdog.stalled


async def test_the_beat_is_always_well_within_the_stall_limit() -> None:
    stalls: list[bool] = []
    watchdog = Watchdog(0.4, beat_every=1.0, on_stall=lambda: stalls.append(True))
    assert watchdog.beat_every <= 0.1
    watchdog.start()
    await asyncio.sleep(1.5)  # idle and healthy: several stall limits
    await watchdog.stop()
    await watchdog.stop()  # twice (post_stop, then post_shutdown): nothing more
    assert not stalls and not watchdog.stalled


def _write_config(tmp_path: Path, fake: FakeTelegram) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "{fake.token}"\nbase_url = "{fake.base_url}"\n'
        f'[storage]\npath = "{tmp_path / "yuanzi.sqlite3"}"\n[roles]\nworkers = [9001]\n',
        encoding="utf-8",
    )
    return config


async def _run(config: Path, mode: str) -> tuple[int, str, str]:
    process = subprocess.Popen(
        [sys.executable, "-c", BOT, str(config), mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = await asyncio.to_thread(process.communicate, timeout=90)
    finally:
        if process.poll() is None:
            process.kill()
    return process.returncode, out.decode(), err.decode("utf-8", "replace")


async def test_a_bot_whose_loop_stalls_exits_for_a_fresh_start(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    code, out, err = await _run(_write_config(tmp_path, fake), "block")
    assert "blocking" in out
    assert code == STALL_EXIT_CODE, err[-2000:]
    assert "the event loop has not answered" in err
    assert "in block" in err  # the stack of the stalled loop says what blocked it
    assert fake.token not in err


async def test_a_healthy_bot_outlives_several_stall_limits(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    code, out, err = await _run(_write_config(tmp_path, fake), "idle")
    assert "finishing" in out
    assert code == 0, err[-2000:]
    assert "the event loop has not answered" not in err


# The bot as `run` builds it, with a short stall limit; the message saying STALL blocks its
# event loop (after a moment, while the other group's SLOW one is under way), at every start.
STALLING = """
import asyncio, sys, time
from telegram import Update
from handlers import intake
from bot.app import Tuning, build_application
from bot.config import load_config

hear = intake.on_group_message

async def on_group_message(update, context):
    text = update.effective_message.text or ""
    if "STALL" in text:
        await asyncio.sleep(0.5)
        time.sleep(120)
    if "SLOW" in text:
        await asyncio.sleep(3)
    await hear(update, context)

intake.on_group_message = on_group_message
app = build_application(load_config(sys.argv[1]), tuning=Tuning(stall_exit=2.0, poll_timeout=1.0))
app.run_polling(allowed_updates=Update.ALL_TYPES, close_loop=False)
"""


@pytest.mark.slow
async def test_only_the_update_that_stalls_every_start_is_set_aside(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    """One update stalls the loop at every start (the watchdog exits each time); another
    group's update was under way each time it stalled. The one that stalls is set aside at its
    third try; the other is handled — never set aside with it."""
    config, db = write_config(tmp_path, fake), tmp_path / "yuanzi.sqlite3"
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    fake.say(fake.group(-9101, "1号楼群"), zhang, "3栋电梯坏了 困了半天 STALL")
    fake.say(fake.group(-9102, "2号楼群"), li, "5栋门口垃圾三天没人收了 SLOW")
    for start in range(3):  # heard, then replayed twice: the loop stalls each time
        process = subprocess.Popen(
            [sys.executable, "-c", STALLING, str(config)], cwd=ROOT, stderr=subprocess.PIPE
        )
        try:
            _, err = await asyncio.to_thread(process.communicate, timeout=90)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == STALL_EXIT_CODE, (start, err.decode()[-2000:])
    process = subprocess.Popen(
        [sys.executable, "-c", STALLING, str(config)], cwd=ROOT, stderr=subprocess.PIPE
    )
    try:
        await wait_until(
            lambda: query(db, "SELECT count(*) FROM tickets WHERE chat_id = -9102") == [(1,)],
            60,
            "the other group's complaint to be filed",
        )
        code, err_text = await stop(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert code == 0, err_text[-2000:]
    assert query(db, "SELECT update_id FROM inbox WHERE set_aside IS NOT NULL") == [(1,)]
    assert query(db, "SELECT count(*) FROM tickets WHERE chat_id = -9101") == [(0,)]
