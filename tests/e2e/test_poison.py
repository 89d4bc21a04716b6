"""Updates the bot cannot store or read are set aside with one log line; intake goes on."""

from __future__ import annotations

import logging
import sqlite3
import time

from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from tests.engines import peek

GROUP, OTHER = -7101, -7102


def count(config, sql: str) -> int:
    with peek(config) as conn:
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

    assert count(config, "SELECT count(*) FROM inbox WHERE set_aside IS NOT NULL") == 1

    # and one waiting at Telegram while the bot is down stops neither the start nor intake
    fake.push(raw_message(group, fake.person(1, "张阿姨"), "电梯坏了", date=False))
    async with run_bot() as app:
        fake.say(other, fake.person(2, "李叔"), "垃圾三天没人收了 臭死了")
        await settle(app, fake)
    assert count(config, "SELECT count(*) FROM tickets WHERE chat_id = -7102") == 2
    assert count(config, "SELECT count(*) FROM inbox WHERE set_aside IS NOT NULL") == 2


async def test_an_update_whose_handling_fails_is_tried_a_few_times_then_set_aside(
    fake, run_bot, config, monkeypatch
):
    from bot.runtime import photos

    group, zhang = fake.group(GROUP, "1栋群"), fake.person(1, "张阿姨")

    async def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(photos, "hear", broken)  # what the intake hears a message with
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
            Fault("getUpdates", 409, "Conflict: terminated by other getUpdates request"),
            Fault("getUpdates", 502, "Bad Gateway"),
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


async def test_a_notice_that_keeps_failing_is_set_aside_and_holds_up_nothing(
    fake, run_bot, config, clock, monkeypatch
):
    from bot.runtime.services import SERVICES_KEY
    from storage.outbox import MAX_TRIES

    group = fake.group(GROUP, "1栋群")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, fake.person(1, "张阿姨"), "大家早上好")
        await settle(app, fake)

        async def cannot_draw(notice):
            raise ValueError("Unknown symbol: \\frac")  # what a bad chart title once did

        monkeypatch.setattr(services.posts, "attachments", cannot_draw)
        await services.stores.outbox.add(GROUP, "charts", "{}", clock())
        await services.stores.outbox.add(GROUP, "digest", "📋 今日小结", clock())
        services.posts.kick(GROUP)
        await settle(app, fake)
        assert [m.text for m in fake.bot_messages(GROUP)] == ["📋 今日小结"]
        for _ in range(MAX_TRIES):
            clock.advance(hours=2)
            await services.posts.kick_all()
            await settle(app, fake)
    with peek(config) as conn:
        dropped = conn.execute("SELECT tries, dropped FROM outbox WHERE kind = 'charts'").fetchone()
    assert dropped[0] == MAX_TRIES and dropped[1].startswith(f"failed {MAX_TRIES} times")


async def test_a_flood_of_commands_in_one_group_holds_up_no_other_group(run_bot, tmp_path):
    from dataclasses import replace

    from bot.devtools.fakeapi.server import FakeTelegram
    from tests.factories import FAST, make_config

    async with FakeTelegram(enforce_limits=True) as limited:
        cfg = make_config(tmp_path / "limited", limited.base_url)
        flooded, quiet = limited.group(GROUP, "1栋群"), limited.group(OTHER, "2栋群")
        production_pace = replace(
            FAST, post_burst=5, posts_per_minute=15, group_per_minute=18, concurrent_updates=4
        )
        async with run_bot(cfg, tuning=production_pace):
            await limited.wait_for(lambda: limited.calls_of("getUpdates"), what="polling")
            for number in range(100):
                limited.say(flooded, limited.person(100 + number, f"居民{number}"), "/list")
                limited.say(flooded, limited.person(200 + number, "邻居"), f"/ticket {number}")
            limited.say(quiet, limited.person(1, "张阿姨"), "3栋电梯坏了 关了人")
            await limited.wait_for(
                lambda: any(m.text.startswith("已受理") for m in limited.bot_messages(OTHER)),
                timeout=20,
                what="the other group's acknowledgement",
            )
            answered_meanwhile = len(limited.bot_messages(GROUP))
        assert answered_meanwhile < 20  # the flood was still being answered, in its turn
        assert limited.limit_hits == 0
        with peek(cfg) as conn:
            waiting = conn.execute(
                "SELECT count(*), count(DISTINCT body) FROM outbox "
                "WHERE chat_id = ? AND sent_at IS NULL",
                (GROUP,),
            ).fetchone()
        assert waiting[0] == waiting[1] > 0  # an answer already waiting is not queued again


async def test_a_database_that_cannot_take_updates_for_a_while_is_waited_out(
    fake, run_bot, config, caplog
):
    group = fake.group(GROUP, "1栋群")
    caplog.set_level(logging.INFO)
    async with run_bot() as app:
        inbox = app.update_processor.intake.inbox
        real_save, refusals = inbox.save, []

        async def full_disk(updates, at):
            if len(refusals) < 2:
                refusals.append(at)
                raise sqlite3.OperationalError("database or disk is full")
            return await real_save(updates, at)

        inbox.save = full_disk
        fake.say(group, fake.person(1, "张阿姨"), "3栋电梯坏了 关了人")
        await fake.wait_for(lambda: fake.bot_messages(GROUP), timeout=30, what="the ack")
        await settle(app, fake)
    assert len(refusals) == 2
    assert count(config, "SELECT count(*) FROM tickets") == 1
    told = [r for r in caplog.records if "cannot keep updates" in r.getMessage()]
    assert len(told) == 2 and all(r.exc_info is None for r in told)


async def test_the_process_rides_out_telegram_failing_its_first_calls(tmp_path):
    """getMe and deleteWebhook answered 502 and 429 at start: the bot waits and goes on."""
    import asyncio

    from bot.devtools.fakeapi.server import FakeTelegram, Fault
    from tests.e2e.test_reliability import query, start_bot, stop, wait_until, write_config

    async with FakeTelegram() as fake:
        fake.faults.extend(
            [
                Fault("getMe", 502, "Bad Gateway"),
                Fault("getMe", 429, "Too Many Requests: retry after 1", retry_after=1),
                Fault("deleteWebhook", 502, "Bad Gateway"),
            ]
        )
        config = write_config(tmp_path, fake)
        process = start_bot(config)
        try:
            await wait_until(lambda: fake.calls_of("getUpdates"), 60, "the bot to poll")
            fake.say(fake.group(GROUP, "1栋群"), fake.person(1, "张阿姨"), "电梯坏了 关了人")
            await wait_until(lambda: fake.bot_messages(GROUP), 30, "the acknowledgement")
            code, err = await stop(process)
        finally:
            if process.poll() is None:
                process.kill()
                await asyncio.to_thread(process.wait, 10)
    assert code == 0, err[-2000:]
    assert len(fake.calls_of("getMe")) >= 3
    assert query(tmp_path / "yuanzi.sqlite3", "SELECT count(*) FROM tickets") == [(1,)]
    assert "Traceback" not in err


async def test_a_person_who_blocked_the_bot_and_came_back_is_answered(fake, run_bot, config):
    from bot.devtools.fakeapi.server import Fault

    zhang = fake.person(1, "张阿姨")
    chat = fake.private(zhang)
    fake.faults.append(
        Fault("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=chat["id"])
    )
    async with run_bot() as app:
        fake.say(chat, zhang, "/mine")
        await settle(app, fake)
        assert fake.bot_messages(chat["id"]) == []
        fake.say(chat, zhang, "/mine")  # unblocked, and asks again
        await settle(app, fake)
    assert len(fake.bot_messages(chat["id"])) == 1
    with peek(config) as conn:
        waiting = conn.execute(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND dropped IS NULL"
        ).fetchone()
    assert waiting == (0,)


def refuse_once(store: object, method: str) -> list[tuple]:
    """`store.method` refused once by a locked database, then as before; the calls refused."""
    real, refused = getattr(store, method), []

    async def locked_once(*args):
        if not refused:
            refused.append(args)
            raise sqlite3.OperationalError("database is locked")
        await real(*args)

    setattr(store, method, locked_once)
    return refused


async def test_a_notice_posted_while_the_database_is_busy_is_posted_once(
    fake, run_bot, config, clock
):
    from bot.runtime.services import SERVICES_KEY

    group = fake.group(GROUP, "1栋群")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, fake.person(1, "张阿姨"), "大家早上好")
        await settle(app, fake)
        outbox = services.stores.outbox
        refused = refuse_once(outbox, "mark_sent")
        await outbox.add(GROUP, "digest", "📋 今日小结", clock())
        services.posts.kick(GROUP)
        await settle(app, fake)
        clock.advance(hours=2)
        await services.posts.kick_all()
        await settle(app, fake)
    assert refused
    assert [m.text for m in fake.bot_messages(GROUP)] == ["📋 今日小结"]


async def test_an_acknowledgement_posted_while_the_database_blips_is_posted_once(
    fake, run_bot, config, clock
):
    """Like a notice's, an acknowledgement's mark is written again when the database refuses
    it for a moment: the acknowledgement is not posted a second time (QA round 5)."""
    group, zhang = fake.group(GROUP, "1栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        refused = refuse_once(services.stores.tickets, "mark_acked")
        fake.say(group, zhang, "3栋电梯又坏了 三天没人修")
        await settle(app, fake)
        clock.advance(minutes=2)
        await services.posts.kick_all()
        await settle(app, fake)
    assert refused
    acks = [m.text for m in fake.bot_messages(GROUP) if m.text.startswith("已受理")]
    assert len(acks) == 1, acks
