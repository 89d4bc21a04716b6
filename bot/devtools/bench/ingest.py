"""Benchmark: the real bot end to end against the fake Bot API, next to a bare echo bot.

Both bots run as their own processes and talk HTTP to a fake Bot API in this process. Ours
gets N complaints spread over G groups with Telegram's flood limits enforced (429 past about 20
messages a minute in a group); the echo bot — python-telegram-bot's plainest bot, replying to
every message — gets the same messages with no limits. Each is timed from the moment the
messages are queued until the last one is handled: for ours, until every message is in a ticket
and acknowledged; for the echo bot, until every reply has arrived.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.devtools.fakeapi.server import FakeTelegram
from storage.baseline import counts

__all__ = ["ECHO_BOT", "complaint_texts", "measure_ingest"]

ECHO_BOT = """
import sys
from telegram import Update
from telegram.ext import ApplicationBuilder, MessageHandler, filters

async def echo(update, context):
    await update.message.reply_text(update.message.text)

app = ApplicationBuilder().token(sys.argv[2]).base_url(sys.argv[1]).build()
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling(allowed_updates=Update.ALL_TYPES)
"""

_PLACES = ("栋", "号楼", "幢")
_PROBLEMS = (
    "电梯又坏了 天天爬{b}楼 腿都软了",
    "门口的垃圾堆了三天没人收 臭死了",
    "地下车库的灯坏了好多盏 黑黢黢的",
    "楼道里有人电瓶车充电 好危险",
    "又停水了 一滴水都没有",
    "楼上装修天天早上7点就打电钻",
    "单元门禁坏了 啥子人都进得来",
    "消防通道被车堵死了",
)


def complaint_texts(count: int) -> list[str]:
    """Distinct, plainly worded complaints (the classifier's job is not under test here)."""
    texts = []
    for number in range(count):
        building = (number // len(_PROBLEMS)) % 150 + 1
        place = f"{building}{_PLACES[number % len(_PLACES)]}{number % 3 + 1}单元"
        unit = number // (150 * len(_PROBLEMS)) + 1
        texts.append(
            place.replace("单元", f"单元{unit}0{number % 9 + 1}室")
            + _PROBLEMS[number % len(_PROBLEMS)].format(b=number % 30 + 2)
        )
    return texts


def _rss_mb(pid: int, field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of a process, in MB; 0 where /proc is not available."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def _wait(predicate: Any, timeout: float, what: str, every: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"benchmark timed out waiting for {what}")
        await asyncio.sleep(every)


def _send(fake: FakeTelegram, texts: list[str], groups: int) -> None:
    chats = [fake.group(-1_000_000_000_000 - n, f"{n + 1}号楼业主群") for n in range(groups)]
    for number, text in enumerate(texts):
        resident = fake.person(10_000 + number, f"居民{number}")
        fake.say(chats[number % groups], resident, text)


async def _run_ours(texts: list[str], groups: int, folder: Path) -> dict[str, float]:
    async with FakeTelegram(enforce_limits=True) as fake:
        config = folder / "bench.toml"
        db = folder / "bench.sqlite3"
        config.write_text(
            f'[telegram]\ntoken = "{fake.token}"\nbase_url = "{fake.base_url}"\n'
            f'[storage]\npath = "{db}"\n[schedule]\nquiet_hours = ""\n',
            encoding="utf-8",
        )
        config.chmod(0o600)
        env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--config", str(config)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            await _wait(lambda: fake.calls_of("getUpdates"), 60, "the bot to start")
            ready = time.monotonic() - started
            await asyncio.sleep(1.0)
            idle_rss = _rss_mb(process.pid, "VmRSS")
            begin = time.monotonic()
            _send(fake, texts, groups)
            await _wait(lambda: counts(db)["reports"] >= len(texts), 600, "the tickets")
            filed = time.monotonic() - begin
            await _wait(
                lambda: counts(db)["acknowledged"] >= len(texts), 600, "the acknowledgements"
            )
            elapsed = time.monotonic() - begin
            peak_rss = _rss_mb(process.pid, "VmHWM")
        finally:
            await _stop(process)
        return {
            "seconds": elapsed,
            "filed_seconds": filed,
            "startup_seconds": ready,
            "rss_idle_mb": idle_rss,
            "rss_peak_mb": peak_rss,
            "bot_messages": float(len(fake.bot_messages())),
            "limit_hits": float(fake.limit_hits),
            "reports": float(counts(db)["reports"]),
            "tickets": float(counts(db)["tickets"]),
        }


async def _run_echo(texts: list[str], groups: int) -> dict[str, float]:
    async with FakeTelegram() as fake:
        process = subprocess.Popen(
            [sys.executable, "-c", ECHO_BOT, fake.base_url, fake.token],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            await _wait(lambda: fake.calls_of("getUpdates"), 60, "the echo bot to start")
            await asyncio.sleep(1.0)
            begin = time.monotonic()
            _send(fake, texts, groups)
            await _wait(lambda: len(fake.bot_messages()) >= len(texts), 600, "the echoes")
            elapsed = time.monotonic() - begin
        finally:
            await _stop(process)
        return {"seconds": elapsed, "bot_messages": float(len(fake.bot_messages()))}


async def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a bot the bench started: asked first, then killed."""
    process.terminate()
    try:
        await asyncio.to_thread(process.wait, 30)
    except subprocess.TimeoutExpired:
        process.kill()
        await asyncio.to_thread(process.wait)


def measure_ingest(messages: int = 2000, groups: int = 20) -> dict[str, float]:
    """Run both bots on the same messages; figures in seconds, MB and counts."""
    texts = complaint_texts(messages)
    with tempfile.TemporaryDirectory(prefix="yuanzi-bench-") as folder:
        ours = asyncio.run(_run_ours(texts, groups, Path(folder)))
    echo = asyncio.run(_run_echo(texts, groups))
    return {
        "messages": float(messages),
        "groups": float(groups),
        "ingest_seconds": ours["seconds"],
        "filed_seconds": ours["filed_seconds"],
        "echo_seconds": echo["seconds"],
        "ratio_to_echo": ours["seconds"] / echo["seconds"],
        "limit_hits_429": ours["limit_hits"],
        "bot_messages": ours["bot_messages"],
        "echo_messages": echo["bot_messages"],
        "reports": ours["reports"],
        "tickets": ours["tickets"],
        "startup_seconds": ours["startup_seconds"],
        "rss_idle_mb": ours["rss_idle_mb"],
        "rss_peak_mb": ours["rss_peak_mb"],
    }


if __name__ == "__main__":
    for key, value in measure_ingest(int(sys.argv[1]) if len(sys.argv) > 1 else 2000).items():
        print(f"{key:>18}  {value:.3f}")
