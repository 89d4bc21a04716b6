"""A worker taken off [roles] while his private 研判 copies still have their buttons (QA round
39): his press is refused, and the copy no longer offers what he may not do."""

from __future__ import annotations

import asyncio

from bot.devtools.fakeapi.server import Fault
from bot.devtools.runner import settle
from tests.e2e.test_released_tickets import roster_without_wang
from tests.e2e.test_triage import UNSURE_FLOOD, notice_of, workers_started
from tests.engines import rows
from tests.factories import WORKER2_ID, WORKER_ID

GROUP = -39201


async def copies_of_both(fake, run_bot):
    """张阿姨's unsure words, in the 研判 queue with a copy for 小王 and one for 小李: (小王,
    his copy, 小李's)."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        await workers_started(app, fake, wang, li)
        fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
    return wang, notice_of(fake, WORKER_ID), notice_of(fake, WORKER2_ID)


async def test_a_worker_off_the_roster_who_presses_his_copy_is_told_and_loses_its_buttons(
    fake, run_bot, config, tmp_path, storage
):
    """小王 left the roster; his copy of 张阿姨's 研判 item kept 登记为诉求 · 改类别 · 不是诉求,
    and every press of them was refused with the alert meant for residents, the buttons left
    as they were. Now the copy says politely that he no longer judges, above her words, without
    buttons; the item still waits for 小李, whose copy keeps its buttons."""
    wang, his, theirs = await copies_of_both(fake, run_bot)
    async with run_bot(roster_without_wang(tmp_path, fake, storage)) as app:
        await settle(app, fake)
        fake.press(his, wang, "triage:1:f")
        await settle(app, fake)
    refused = fake.callback_answers[-1]
    assert "不在网格员名单" in refused["text"], refused
    assert his.reply_markup is None, his.reply_markup
    first, words = his.text.split("\n")
    assert "不在网格员名单" in first and words == f"张阿姨：{UNSURE_FLOOD}", his.text
    assert theirs.reply_markup is not None and not theirs.edited
    assert rows(config, "SELECT state FROM triage") == [("pending",)]
    assert rows(config, "SELECT count(*) FROM lessons") == [(0,)]


async def test_a_worker_taken_off_the_roster_while_the_bot_was_down_loses_his_buttons_at_start(
    fake, run_bot, config, tmp_path, storage
):
    """小王 left the roster while the bot was down: at its start his copy of 张阿姨's waiting
    item says he no longer judges, without buttons, before he presses anything; 小李's copy
    keeps its buttons. Started again, nothing more is sent him."""
    _, his, theirs = await copies_of_both(fake, run_bot)
    without_wang = roster_without_wang(tmp_path, fake, storage)
    async with run_bot(without_wang) as app:
        await settle(app, fake)
    assert his.reply_markup is None, his.reply_markup
    first, words = his.text.split("\n")
    assert "不在网格员名单" in first and words == f"张阿姨：{UNSURE_FLOOD}", his.text
    assert theirs.reply_markup is not None and not theirs.edited
    assert rows(config, "SELECT state FROM triage") == [("pending",)]
    told = len(fake.bot_messages(WORKER_ID))
    async with run_bot(without_wang) as app:
        await settle(app, fake)
    assert len(fake.bot_messages(WORKER_ID)) == told


def edits_to(fake, chat_id: int) -> int:
    """How many times the bot asked to edit a message in `chat_id`."""
    return sum(
        1 for name, params in fake.calls
        if name == "editMessageText" and int(params.get("chat_id")) == chat_id
    )  # fmt: skip


async def test_a_retired_copy_is_left_alone_at_the_next_starts(
    fake, run_bot, config, tmp_path, storage
):
    """小王's copy of 张阿姨's waiting item, retired at the first start without him, is not
    edited again at the second and third (the item still waits for 小李)."""
    await copies_of_both(fake, run_bot)
    without_wang = roster_without_wang(tmp_path, fake, storage)
    async with run_bot(without_wang) as app:
        await settle(app, fake)
    assert edits_to(fake, WORKER_ID) == 1
    for _ in range(2):
        async with run_bot(without_wang) as app:
            await settle(app, fake)
    assert edits_to(fake, WORKER_ID) == 1
    assert rows(config, "SELECT state FROM triage") == [("pending",)]


def triage_copies(fake, worker_id: int) -> list:
    """The 研判 notices the bot posted to a worker (not the /start help, which mentions 待研判)."""
    return [m for m in fake.bot_messages(worker_id) if "研判" in m.text and "/help" not in m.text]


async def test_a_copy_not_yet_posted_when_its_worker_left_the_roster_is_never_posted(
    fake, run_bot, config, tmp_path, storage
):
    """张阿姨's unsure words came; 小李's copy was posted, but the bot stopped while 小王's was
    still on its way (Telegram had not answered): it waited in the outbox. 小王 left the roster
    while the bot was down: at its start his copy is dropped — not posted then, nor when he
    writes to the bot again; 小李's copy keeps its buttons and the item still waits."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    held = asyncio.Event()
    async with run_bot() as app:
        await workers_started(app, fake, wang, li)
        fake.faults.append(Fault("sendMessage", 502, "Bad Gateway", chat_id=WORKER_ID, hold=held))
        fake.say(group, zhang, UNSURE_FLOOD)
        await fake.wait_for(lambda: triage_copies(fake, WORKER2_ID), what="小李's copy")
        await fake.wait_for(lambda: not fake.faults[0].times, what="小王's copy on its way")
    held.set()
    theirs = notice_of(fake, WORKER2_ID)
    assert triage_copies(fake, WORKER_ID) == []
    waiting = (
        "SELECT count(*) FROM outbox WHERE chat_id = ? AND kind = 'triage' AND sent_at IS NULL"
    )
    assert rows(config, f"{waiting} AND dropped IS NULL", (WORKER_ID,)) == [(1,)]
    async with run_bot(roster_without_wang(tmp_path, fake, storage)) as app:
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
    assert triage_copies(fake, WORKER_ID) == []
    assert fake.bot_messages(WORKER_ID)[-1].text, "his /start is answered"
    assert rows(config, f"{waiting} AND dropped IS NOT NULL", (WORKER_ID,)) == [(1,)]
    assert theirs.reply_markup is not None and not theirs.edited
    assert rows(config, "SELECT state FROM triage") == [("pending",)]
