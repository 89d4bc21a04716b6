"""A danger done, then back: an urgent ticket reopened (/reopen, or 不满意 on its done notice)
alerted nobody in private — its worker, out on another job, learnt of it only by reading the
group. Now its worker is told in private at once (and the copy settles when it is done again);
a reopening replayed alerts once."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.factories import ADMIN_ID, WORKER2_ID, WORKER_ID, make_config

GROUP = -7391


def alerts(fake, worker: int) -> list:
    return [m for m in fake.bot_messages(worker) if "紧急诉求" in m.text]


async def trapped_and_done(fake, app):
    """Someone trapped in the lift; 小王 takes it and finishes it."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    fake.say(fake.private(wang), wang, "/start")
    fake.say(fake.private(li), li, "/start")
    await settle(app, fake)
    fake.say(group, zhang, "3栋电梯困人了 有人关在里面")
    await settle(app, fake)
    fake.say(group, wang, "/assign 1")
    await settle(app, fake)
    fake.say(group, wang, "/done 1 放出来了")
    await settle(app, fake)
    return group, zhang, wang


async def test_an_urgent_ticket_reopened_tells_its_worker_in_private(fake, run_bot):
    async with run_bot() as app:
        group, zhang, wang = await trapped_and_done(fake, app)
        seen_by_li = len(fake.bot_messages(WORKER2_ID))
        fake.say(group, zhang, "/reopen 1 又困人了 还是那部")
        await settle(app, fake)
        again = alerts(fake, WORKER_ID)[-1]
        assert "重新打开" in again.text and "又困人了" in again.text, again.text
        assert "仍由你办理" in again.text and "3栋电梯困人了" in again.text, again.text
        assert len(fake.bot_messages(WORKER2_ID)) == seen_by_li  # 小王 has it: nobody else woken
        fake.say(group, wang, "/done 1 电梯停用 等维保")
        await settle(app, fake)
    settled = alerts(fake, WORKER_ID)[-1]
    assert "重新打开" in settled.text and "已办结" in settled.text, settled.text


async def test_dissatisfied_with_an_urgent_ticket_tells_its_worker_once(fake, run_bot):
    """不满意 pressed on the done notice reopens it: 小王 is told in private; the press
    replayed (a second tap) tells him nothing more."""
    async with run_bot() as app:
        _, zhang, _ = await trapped_and_done(fake, app)
        done = next(m for m in reversed(fake.bot_messages(GROUP)) if m.reply_markup is not None)
        before = len(alerts(fake, WORKER_ID))
        fake.press(done, zhang, "rate:1:d:1")
        await settle(app, fake)
        fake.press(done, zhang, "rate:1:d:1")
        await settle(app, fake)
        told = alerts(fake, WORKER_ID)[before:]
    assert len(told) == 1 and "重新打开" in told[0].text, [m.text for m in told]


async def test_reopened_with_its_worker_gone_wakes_every_worker(fake, run_bot, tmp_path, storage):
    """小王 has left the roster since he finished it: reopened, it is nobody's (待接单), so
    every worker left is alerted again with 接单."""
    async with run_bot() as app:
        group, zhang, _ = await trapped_and_done(fake, app)
    without_wang = make_config(
        tmp_path, fake.base_url, storage=storage,
        roles={"workers": [WORKER2_ID], "admins": [ADMIN_ID]},
    )  # fmt: skip
    async with run_bot(without_wang) as app:
        fake.say(group, zhang, "/reopen 1 又关了一个人在里面")
        await settle(app, fake)
    again = alerts(fake, WORKER2_ID)[-1]
    assert "原办理人已不在" in again.text and "又关了一个人" in again.text, again.text
    assert again.reply_markup is not None, again.text


async def test_an_urgent_ticket_merged_into_an_untaken_one_alerts_for_the_kept_one(fake, run_bot):
    """#1 (3栋's lift broken, told in 3栋群) and #2 (someone trapped in it, told in the 物业群)
    are one incident: 小王 folds #2 into #1. Every worker's alert of #2 said only "已合并到 #1，
    按那一件办理" — without a button, and #1 (urgent now, nobody on it) had no alert at all. Now
    every worker is alerted for #1 with its 接单, and 小李's press settles every copy."""
    group, other = fake.group(GROUP, "3栋群"), fake.group(GROUP - 1, "物业群")
    zhang, liu = fake.person(1, "张阿姨"), fake.person(2, "刘叔")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        fake.say(fake.private(li), li, "/start")
        await settle(app, fake)
        fake.say(group, zhang, "3栋电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(other, liu, "3栋电梯困人了 有人关在里面")
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/merge 1 2")
        await settle(app, fake)
        kept = alerts(fake, WORKER2_ID)[-1]
        assert "#1" in kept.text and kept.reply_markup is not None, kept.text
        fake.press(kept, li, "take:1")
        await settle(app, fake)
    for worker in (WORKER_ID, WORKER2_ID):
        for alert in alerts(fake, worker):
            assert alert.reply_markup is None, alert.text
    assert "已由 小李 接单" in alerts(fake, WORKER_ID)[-1].text
