"""Updates the bot cannot store or read are set aside with one log line; intake goes on."""

from __future__ import annotations

import logging
import sqlite3
import time

from bot.devtools.runner import settle

GROUP, OTHER = -7101, -7102


def count(config, sql: str) -> int:
    with sqlite3.connect(config.storage.path) as conn:
        return int(conn.execute(sql).fetchone()[0])


def raw_message(chat: dict, user: dict, text: str, *, date: bool = True) -> dict:
    message = {"message_id": 77, "chat": chat, "from": user, "text": text}
    if date:
        message["date"] = int(time.time())
    return {"message": message}


async def test_a_lone_surrogate_neither_stops_intake_nor_floods_the_log(
    fake, run_bot, config, caplog
):
    group, other = fake.group(GROUP, "1栋群"), fake.group(OTHER, "2栋群")
    zhang = fake.person(1, "张阿姨")
    caplog.set_level(logging.INFO)
    async with run_bot() as app:
        fake.push(raw_message(group, zhang, "电梯坏了\ud800关了人"))  # valid JSON: "\\ud800"
        fake.say(other, fake.person(2, "李叔"), "楼道灯坏了 黑黢黢的")
        await settle(app, fake)
    assert count(config, "SELECT count(*) FROM tickets WHERE chat_id = -7102") == 1
    assert count(config, "SELECT count(*) FROM tickets WHERE chat_id = -7101") == 1
    assert count(config, "SELECT count(*) FROM inbox WHERE processed_at IS NULL") == 0
    assert sum(r.levelno >= logging.ERROR for r in caplog.records) == 0
    assert len(caplog.text) < 20_000


async def test_a_message_without_a_date_is_set_aside_and_intake_goes_on(
    fake, run_bot, config, caplog
):
    group, other = fake.group(GROUP, "1栋群"), fake.group(OTHER, "2栋群")
    caplog.set_level(logging.INFO)
    async with run_bot() as app:
        fake.push(raw_message(group, fake.person(1, "张阿姨"), "电梯坏了", date=False))
        fake.say(other, fake.person(2, "李叔"), "楼道灯坏了 黑黢黢的")
        await settle(app, fake)
    assert count(config, "SELECT count(*) FROM tickets WHERE chat_id = -7102") == 1
    unreadable = [r for r in caplog.records if "cannot read" in r.getMessage()]
    assert 1 <= len(unreadable) <= 2
    assert len(caplog.text) < 20_000

    async with run_bot() as app:  # and a start with it left in the inbox does not stall
        fake.say(other, fake.person(2, "李叔"), "垃圾三天没人收了 臭死了")
        await settle(app, fake)
    assert count(config, "SELECT count(*) FROM tickets WHERE chat_id = -7102") == 2


async def test_an_update_whose_handling_fails_is_tried_a_few_times_then_set_aside(
    fake, run_bot, config, monkeypatch
):
    from bot.runtime import usecases

    group, zhang = fake.group(GROUP, "1栋群"), fake.person(1, "张阿姨")

    async def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(usecases, "hear", broken)
    async with run_bot() as app:
        fake.say(group, zhang, "电梯坏了")
        await settle(app, fake)
    for _ in range(4):  # every start tries it again, a few times only
        async with run_bot() as app:
            await settle(app, fake)
    assert count(config, "SELECT tries FROM inbox WHERE update_id = 1") == 3
    assert count(config, "SELECT count(*) FROM inbox WHERE set_aside IS NOT NULL") == 1


async def test_a_start_rides_out_409_502_and_429_from_telegram(fake, run_bot, config, caplog):
    from bot.devtools.fakeapi.server import Fault

    group = fake.group(GROUP, "1栋群")
    async with run_bot() as app:
        fake.say(group, fake.person(1, "张阿姨"), "电梯坏了 关了人")
        await settle(app, fake)
    fake.faults.extend(
        [
            Fault("getUpdates", 409, "Conflict: terminated by other getUpdates request", times=2),
            Fault("getUpdates", 502, "Bad Gateway", times=2),
            Fault("getUpdates", 429, "Too Many Requests: retry after 1", retry_after=1),
        ]
    )
    caplog.set_level(logging.INFO)
    async with run_bot() as app:
        fake.say(group, fake.person(2, "李叔"), "楼道灯坏了 黑黢黢的")
        await settle(app, fake, timeout=60)
    assert count(config, "SELECT count(*) FROM tickets") == 2
    assert not fake.faults or all(f.times == 0 for f in fake.faults)
    assert all(r.exc_info is None for r in caplog.records if r.name.startswith("bot"))
