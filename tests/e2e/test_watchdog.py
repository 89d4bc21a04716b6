"""A stalled event loop stops the process (so a fresh one, or a standby, takes over); a busy
but answering loop does not."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

from bot.devtools.fakeapi.server import FakeTelegram
from bot.runtime.watchdog import STALL_EXIT_CODE, Watchdog
from tests.e2e.test_reliability import ROOT

# The real Application, built as `run` builds it but with a short stall limit, and a job that
# blocks its event loop the way a call that never returns would.
STALLING_BOT = """
import sys, time
from telegram import Update
from bot.app import Tuning, build_application
from bot.config import load_config

config = load_config(sys.argv[1])
app = build_application(config, tuning=Tuning(stall_exit=1.0, poll_timeout=1.0))

async def block(context):
    print("blocking", flush=True)
    time.sleep(120)

app.job_queue.run_once(block, 1.0)
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


async def test_a_bot_whose_loop_stalls_exits_for_a_fresh_start(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "{fake.token}"\nbase_url = "{fake.base_url}"\n'
        f'[storage]\npath = "{tmp_path / "yuanzi.sqlite3"}"\n[roles]\nworkers = [9001]\n',
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [sys.executable, "-c", STALLING_BOT, str(config)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = await asyncio.to_thread(process.communicate, timeout=90)
    finally:
        if process.poll() is None:
            process.kill()
    assert b"blocking" in out
    assert process.returncode == STALL_EXIT_CODE, err.decode("utf-8", "replace")[-2000:]
    assert "the event loop has not answered" in err.decode("utf-8", "replace")
    assert fake.token not in err.decode("utf-8", "replace")
