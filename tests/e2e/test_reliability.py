"""The bot as a real process: killed with SIGKILL mid-burst, restarted, stopped with SIGTERM.

Every message Telegram delivered must end up in exactly one ticket, every ticket must be
acknowledged, and the token must never be written out.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.devtools.fakeapi.server import FakeTelegram
from storage.db import Database

ROOT = Path(__file__).resolve().parents[2]
GROUPS = (-5001, -5002, -5003, -5004, -5005)
PER_GROUP = 60


def write_config(tmp_path: Path, fake: FakeTelegram, mode: int = 0o600) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[telegram]\ntoken = "{fake.token}"\nbase_url = "{fake.base_url}"\n'
        f'[storage]\npath = "{tmp_path / "yuanzi.sqlite3"}"\n'
        '[roles]\nworkers = [9001]\n[schedule]\nquiet_hours = ""\n',
        encoding="utf-8",
    )
    path.chmod(mode)
    return path


def start_bot(config: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--config", str(config), *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def query(db: Path, sql: str) -> list[tuple]:
    if not db.exists():
        return []
    with sqlite3.connect(db, timeout=10) as conn:
        try:
            return conn.execute(sql).fetchall()
        except sqlite3.OperationalError:  # schema not created yet
            return []


async def wait_until(predicate, timeout: float, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> tuple[int, str]:
    process.send_signal(sig)
    _, err = await asyncio.to_thread(process.communicate, timeout=30)
    return process.returncode, err.decode("utf-8", "replace")


async def test_sigkill_mid_burst_then_restart_loses_and_doubles_nothing(
    fake: FakeTelegram, tmp_path: Path
):
    config = write_config(tmp_path, fake)
    db = tmp_path / "yuanzi.sqlite3"
    chats = [fake.group(chat_id, f"{n + 1}号楼群") for n, chat_id in enumerate(GROUPS)]
    sent: set[tuple[int, int]] = set()

    def burst(start: int, stop_at: int) -> None:
        for number in range(start, stop_at):
            for chat in chats:
                resident = fake.person(1000 + number, f"居民{number}")
                message = fake.say(
                    chat, resident, f"{number + 1}栋{number % 4 + 1}单元电梯坏了 出不去"
                )
                sent.add((chat["id"], message["message_id"]))

    first = start_bot(config)
    try:
        await wait_until(lambda: fake.calls_of("getUpdates"), 60, "the bot to poll")
        burst(0, 20)
        await wait_until(
            lambda: query(db, "SELECT count(*) FROM reports")[0][0] >= 40, 60, "some reports"
        )
        burst(20, 40)  # still arriving when the process dies
        first.send_signal(signal.SIGKILL)
        await asyncio.to_thread(first.wait, 30)
    finally:
        if first.poll() is None:
            first.kill()
    filed_before = query(db, "SELECT count(*) FROM reports")[0][0]
    assert 0 < filed_before < len(sent), "the kill should land mid-burst"
    burst(40, PER_GROUP)  # and more while it is down

    second = start_bot(config)
    try:
        await wait_until(
            lambda: (
                query(db, "SELECT count(*) FROM reports WHERE ack_state = 'sent'")[0][0]
                == len(sent)
            ),
            120,
            "every report to be filed and acknowledged",
        )
        code, err = await stop(second)
    finally:
        if second.poll() is None:
            second.kill()
    assert code == 0, err[-2000:]

    rows = query(db, "SELECT chat_id, message_id, ticket_id FROM reports")
    assert {(c, m) for c, m, _ in rows} == sent
    assert len(rows) == len(sent)  # exactly one report per message: nothing doubled
    tickets = dict(query(db, "SELECT id, chat_id FROM tickets"))
    assert all(tickets[t] == c for c, _, t in rows)
    acknowledged = {
        (m.chat_id, number)
        for m in fake.bot_messages()
        for number in tickets
        if f"#{number}【" in m.text
    }
    assert {(c, t) for t, c in tickets.items()} <= acknowledged
    assert query(db, "SELECT count(*) FROM inbox WHERE processed_at IS NULL") == [(0,)]
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    # paced: a burst becomes a handful of messages per group, not one per complaint
    assert all(len(fake.bot_messages(chat_id)) < PER_GROUP / 3 for chat_id in GROUPS)


async def test_sigterm_finishes_what_is_in_hand_and_the_token_never_shows(
    fake: FakeTelegram, tmp_path: Path
):
    config = write_config(tmp_path, fake, mode=0o644)
    db = tmp_path / "yuanzi.sqlite3"
    chat = fake.group(-5100, "3栋群")
    process = start_bot(config, "--verbose")
    try:
        await wait_until(lambda: fake.calls_of("getUpdates"), 60, "the bot to poll")
        for number in range(30):
            fake.say(chat, fake.person(number + 1, "居民"), f"{number + 1}栋楼道灯坏了 黑黢黢的")
        await wait_until(lambda: fake.delivered_up_to >= 30, 30, "the updates to be fetched")
        code, err = await stop(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert code == 0
    assert (
        query(db, "SELECT count(*) FROM reports")[0][0]
        + len(query(db, "SELECT update_id FROM inbox WHERE processed_at IS NULL"))
        >= 30
    )
    assert fake.token not in err and fake.token.split(":")[1] not in err
    assert "can be read by other users" in err and "chmod 600" in err
    assert query(db, "PRAGMA integrity_check") == [("ok",)]


async def test_a_rejected_token_is_reported_without_repeating_it(tmp_path: Path):
    async with FakeTelegram(token="42:the-real-token-is-different-from-config") as fake:
        config = tmp_path / "config.toml"
        token = "777777:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
        config.write_text(
            f'[telegram]\ntoken = "{token}"\nbase_url = "{fake.base_url}"\n'
            f'[storage]\npath = "{tmp_path / "db.sqlite3"}"\n',
            encoding="utf-8",
        )
        config.chmod(0o600)
        process = start_bot(config)
        _, err = await asyncio.to_thread(process.communicate, timeout=60)
    text = err.decode("utf-8", "replace")
    assert process.returncode == 2
    assert "Telegram rejected the token" in text
    assert token not in text and "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef" not in text


async def test_a_database_readable_by_others_is_pointed_out(fake: FakeTelegram, tmp_path: Path):
    config = write_config(tmp_path, fake)
    db = tmp_path / "yuanzi.sqlite3"
    made = await Database.open(db)  # the bot's own database …
    await made.close()
    db.chmod(0o644)  # … as an older version left it
    process = start_bot(config)
    try:
        await wait_until(lambda: fake.calls_of("getUpdates"), 60, "the bot to poll")
        code, err = await stop(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert code == 0
    assert "holds residents' messages; run: chmod 600" in err


async def test_ctrl_c_twice_while_busy_still_closes_the_database_and_exits(
    fake: FakeTelegram, tmp_path: Path
):
    config = write_config(tmp_path, fake)
    db = tmp_path / "yuanzi.sqlite3"
    group = fake.group(GROUPS[0], "1号楼群")
    for n in range(300):
        fake.say(group, fake.person(100 + n, f"居民{n}"), f"{n % 30 + 1}栋门口垃圾堆了好几天没人收")
    process = start_bot(config)
    try:
        await wait_until(
            lambda: query(db, "SELECT count(*) FROM tickets")[:1] > [(0,)], 60, "a ticket"
        )
        process.send_signal(signal.SIGINT)
        await asyncio.sleep(0.3)
        code, err = await stop(process, signal.SIGINT)  # the second Ctrl-C, mid-shutdown
    finally:
        if process.poll() is None:
            process.kill()
    assert code == 0, err
    assert "Traceback" not in err and "still stopping" in err
    again = start_bot(config)  # the lock was let go: a new start is not refused
    try:
        await wait_until(lambda: fake.calls and fake.calls[-1][0] == "getUpdates", 60, "polling")
        code, err = await stop(again)
    finally:
        if again.poll() is None:
            again.kill()
    assert code == 0 and "not started" not in err, err
