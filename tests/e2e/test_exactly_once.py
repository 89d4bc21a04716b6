"""Exactly once for commands and button presses: an update handled again after a restart (its
"handled" mark lost when the process died) changes nothing twice and is answered once."""

from __future__ import annotations

import asyncio
import signal

import pytest

from bot.devtools.fakeapi.server import FakeTelegram, Fault
from bot.devtools.runner import settle
from tests.e2e.test_reliability import query, start_bot, stop, wait_until, write_config
from tests.engines import forget_handled, peek
from tests.factories import WORKER_ID

GROUP = -7001


def scalar(config, sql: str) -> object:
    with peek(config) as conn:
        return conn.execute(sql).fetchone()[0]


async def filed_ticket(fake: FakeTelegram, run_bot) -> tuple[dict, dict]:
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, fake.person(1, "张阿姨"), "3栋电梯坏了 关了人")
        fake.say(group, fake.person(2, "李叔"), "楼道灯不亮 好几天了")
        await settle(app, fake)
    return group, worker


@pytest.mark.parametrize(
    ("command", "action"),
    [
        ("/note 1 师傅下午到", "note"),
        ("/assign 1", "assign"),
        ("/done 1 已修好", "done"),
        ("/category 1 lighting", "category"),
        ("/merge 1 2", "merge"),
        ("/list", None),
        ("/ticket 1", None),
        ("/assign abc", None),  # a usage answer, too, is given once
        ("/new 楼下那个牌子掉了一半", "create"),  # filed once, acknowledged once
    ],
)
async def test_a_replayed_command_is_acted_on_and_answered_once(
    fake, run_bot, config, command, action
):
    group, worker = await filed_ticket(fake, run_bot)
    async with run_bot() as app:
        fake.say(group, worker, command)
        await settle(app, fake)
    events = scalar(config, "SELECT count(*) FROM events")
    posted = [m.text for m in fake.bot_messages(GROUP)]
    if action is not None:
        assert scalar(config, f"SELECT count(*) FROM events WHERE action = '{action}'") >= 1
    forget_handled(config)

    async with run_bot() as app:  # the start replays every update not marked handled
        await settle(app, fake)

    assert scalar(config, "SELECT count(*) FROM events") == events
    assert [m.text for m in fake.bot_messages(GROUP)] == posted


async def test_a_replayed_button_press_is_acted_on_once(fake, run_bot, config):
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, fake.person(1, "张阿姨"), "3栋电梯坏了 关了人")
        await settle(app, fake)
    ack = next(m for m in fake.bot_messages(GROUP) if m.reply_markup)
    async with run_bot() as app:
        fake.press(ack, worker, ack.reply_markup["inline_keyboard"][0][0]["callback_data"])
        await settle(app, fake)
    assert scalar(config, "SELECT count(*) FROM events WHERE action = 'assign'") == 1
    posted = len(fake.bot_messages(GROUP))
    forget_handled(config)

    async with run_bot() as app:
        await settle(app, fake)

    assert scalar(config, "SELECT count(*) FROM events WHERE action = 'assign'") == 1
    assert len(fake.bot_messages(GROUP)) == posted


async def test_a_command_whose_answer_was_held_up_when_the_bot_died_is_answered_once(
    fake: FakeTelegram, tmp_path
):
    """SIGKILL while Telegram makes the answer wait (429): after the restart the note is in the
    history once and the group is told once."""
    config = write_config(tmp_path, fake)
    db = tmp_path / "yuanzi.sqlite3"
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    first = start_bot(config)
    try:
        await wait_until(lambda: fake.calls_of("getUpdates"), 60, "the bot to poll")
        fake.say(group, fake.person(1, "张阿姨"), "3栋电梯坏了 关了人")
        await wait_until(lambda: fake.bot_messages(GROUP), 60, "the acknowledgement")
        fake.faults.append(
            Fault("sendMessage", 429, "Too Many Requests: retry after 60", times=99,
                  retry_after=60)
        )  # fmt: skip
        fake.say(group, worker, "/note 1 师傅下午到")
        await wait_until(
            lambda: query(db, "SELECT count(*) FROM events WHERE action = 'note'") == [(1,)],
            60,
            "the note to be stored",
        )
        await wait_until(lambda: len(fake.calls_of("sendMessage")) >= 2, 30, "a held answer")
        first.send_signal(signal.SIGKILL)
        await asyncio.to_thread(first.wait, 30)
    finally:
        if first.poll() is None:
            first.kill()
    fake.faults.clear()

    second = start_bot(config)
    try:
        await wait_until(
            lambda: any("师傅下午到" in m.text for m in fake.bot_messages(GROUP)),
            60,
            "the note to be posted",
        )
        await wait_until(  # everything handled and posted: a second copy would be out by now
            lambda: (
                query(db, "SELECT count(*) FROM inbox WHERE processed_at IS NULL")
                + query(db, "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND dropped IS NULL")
                == [(0,), (0,)]
            ),
            60,
            "the inbox and the outbox to empty",
        )
        code, err = await stop(second)
    finally:
        if second.poll() is None:
            second.kill()
    assert code == 0, err[-2000:]
    assert query(db, "SELECT count(*) FROM events WHERE action = 'note'") == [(1,)]
    assert sum("师傅下午到" in m.text for m in fake.bot_messages(GROUP)) == 1


@pytest.mark.parametrize(("code", "says"), [("d", "不满意"), ("s", "已办结归档")])
async def test_a_verdict_replayed_after_dying_before_its_answer_was_queued_is_answered_once(
    fake, run_bot, config, code, says
):
    """The verdict is stored, the process dies before the group is told: the replay changes
    nothing again and tells the group once."""
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    zhang = fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋电梯坏了 关了人")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 已修好")
        await settle(app, fake)
        done = next(m for m in fake.bot_messages(GROUP) if m.reply_markup)
        fake.press(done, zhang, f"rate:1:{code}")
        await settle(app, fake)
    events = scalar(config, "SELECT count(*) FROM events")
    told = [m.text for m in fake.bot_messages(GROUP) if says in m.text]
    assert len(told) == 1
    with peek(config) as conn:  # as if it died before queuing
        conn.execute("DELETE FROM outbox WHERE origin LIKE 'q:%'")
    forget_handled(config)

    async with run_bot() as app:
        await settle(app, fake)

    assert scalar(config, "SELECT count(*) FROM events") == events
    assert [m.text for m in fake.bot_messages(GROUP) if says in m.text] == told * 2
    forget_handled(config)
    async with run_bot() as app:  # and a third start: nothing more
        await settle(app, fake)
    assert [m.text for m in fake.bot_messages(GROUP) if says in m.text] == told * 2


async def test_a_workers_new_as_a_reply_replayed_is_filed_and_answered_once(fake, run_bot, config):
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    zhang = fake.person(1, "张阿姨")
    async with run_bot() as app:
        said = fake.say(group, zhang, "大家早上好 今天天气真好")
        await settle(app, fake)
        fake.say(group, worker, "/new 3栋门口垃圾桶满了", reply_to=said["message_id"])
        await settle(app, fake)
    posted = [m.text for m in fake.bot_messages(GROUP)]
    assert posted[-1].startswith("已受理 #1")
    forget_handled(config)
    async with run_bot() as app:
        await settle(app, fake)
    assert [m.text for m in fake.bot_messages(GROUP)] == posted
    assert scalar(config, "SELECT count(*) FROM tickets") == 1
