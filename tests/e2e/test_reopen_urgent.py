"""A danger done, then back: an urgent ticket reopened (/reopen, or 不满意 on its done notice)
alerted nobody in private — its worker, out on another job, learnt of it only by reading the
group. Now its worker is told in private at once (and the copy settles when it is done again);
a reopening replayed alerts once."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.engines import forget_handled, peek
from tests.factories import ADMIN_ID, WORKER2_ID, WORKER_ID, make_config

GROUP = -7391


def alerts(fake, worker: int) -> list:
    return [m for m in fake.bot_messages(worker) if "紧急诉求" in m.text]


async def workers_started(fake, app):
    """小王 and 小李, who have started the bot (an urgent alert reaches them in private)."""
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    for worker in (wang, li):
        fake.say(fake.private(worker), worker, "/start")
    await settle(app, fake)
    return wang, li


async def trapped_and_done(fake, app):
    """Someone trapped in the lift; 小王 takes it and finishes it."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, _ = await workers_started(fake, app)
    fake.say(group, zhang, "3栋电梯困人了 有人关在里面")
    await settle(app, fake)
    fake.say(group, wang, "/assign 1")
    await settle(app, fake)
    fake.say(group, wang, "/done 1 放出来了")
    await settle(app, fake)
    return group, zhang, wang


async def dissatisfied(fake, app):
    """张阿姨 presses 不满意 on #1's done notice (#1: someone trapped, done by 小王): how many
    alerts 小王 had before, and a second press of the same button."""
    _, zhang, _ = await trapped_and_done(fake, app)
    done = next(m for m in reversed(fake.bot_messages(GROUP)) if m.reply_markup is not None)
    before = len(alerts(fake, WORKER_ID))

    async def press() -> None:
        fake.press(done, zhang, "rate:1:d:1")
        await settle(app, fake)

    await press()
    return before, press


async def broken_here_trapped_there(fake, app, first_taken: bool = False):
    """#1 (3栋's lift broken, told in 3栋群; taken by 小李 if `first_taken`) and #2 (someone
    trapped in it, told in the 物业群), the workers having started the bot: one incident."""
    group, other = fake.group(GROUP, "3栋群"), fake.group(GROUP - 1, "物业群")
    zhang, liu = fake.person(1, "张阿姨"), fake.person(2, "刘叔")
    wang, li = await workers_started(fake, app)
    fake.say(group, zhang, "3栋电梯坏了 门关不上")
    await settle(app, fake)
    if first_taken:
        fake.say(group, li, "/assign 1")
    fake.say(other, liu, "3栋电梯困人了 有人关在里面")
    await settle(app, fake)
    return other, wang, li


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
        before, press_again = await dissatisfied(fake, app)
        await press_again()
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
    assert "现在无人接单" in again.text and "又关了一个人" in again.text, again.text
    assert again.reply_markup is not None, again.text


async def test_an_urgent_ticket_merged_into_an_untaken_one_alerts_for_the_kept_one(fake, run_bot):
    """#1 (3栋's lift broken, told in 3栋群) and #2 (someone trapped in it, told in the 物业群)
    are one incident: 小王 folds #2 into #1. Every worker's alert of #2 said only "已合并到 #1，
    按那一件办理" — without a button, and #1 (urgent now, nobody on it) had no alert at all. Now
    every worker is alerted for #1 with its 接单, and 小李's press settles every copy."""
    async with run_bot() as app:
        _, wang, li = await broken_here_trapped_there(fake, app)
        fake.say(fake.private(wang), wang, "/merge 1 2")
        await settle(app, fake)
        kept = alerts(fake, WORKER2_ID)[-1]
        assert "#1" in kept.text and kept.reply_markup is not None, kept.text
        assert "困人" in kept.text, kept.text  # the danger's own words, not the kept one's
        fake.press(kept, li, "take:1")
        await settle(app, fake)
    for worker in (WORKER_ID, WORKER2_ID):
        for alert in alerts(fake, worker):
            assert alert.reply_markup is None, alert.text
    assert "已由 小李 接单" in alerts(fake, WORKER_ID)[-1].text


async def test_dissatisfied_replayed_after_dying_before_the_alert_alerts_once(
    fake, run_bot, config
):
    """不满意 reopened #1 and the bot died before 小王's alert was queued: the replay found the
    rating done and alerted nobody. Now the replay alerts him, once."""
    async with run_bot() as app:
        before, _ = await dissatisfied(fake, app)
    with peek(config) as conn:  # as if it died before queuing the alert
        conn.execute("DELETE FROM outbox WHERE origin LIKE ?", ("urgent:1:reopened%",))
    forget_handled(config)
    async with run_bot() as app:
        await settle(app, fake)
    told = alerts(fake, WORKER_ID)[before:]
    assert len(told) == 2 and all("重新打开" in m.text for m in told), [m.text for m in told]


async def test_its_worker_out_of_reach_every_worker_is_told_who_has_it(fake, run_bot):
    """小王 never started the bot: reopened, 小李 is told that 小王 has it and cannot be told
    in private — to phone him or /assign it — without a 接单 that would be refused."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        fake.say(fake.private(li), li, "/start")
        fake.say(group, zhang, "3栋电梯困人了 有人关在里面")
        await settle(app, fake)
        fake.say(group, wang, "/assign 1")
        fake.say(group, wang, "/done 1 放出来了")
        await settle(app, fake)
        fake.say(group, zhang, "/reopen 1 又困住了")
        await settle(app, fake)
    told = alerts(fake, WORKER2_ID)[-1]
    assert "由 小王 办理" in told.text and "私信通知不到" in told.text, told.text
    assert "/assign 1" in told.text and told.reply_markup is None, told.text


async def test_a_worker_reopening_his_own_ticket_is_not_alerted(fake, run_bot):
    async with run_bot() as app:
        group, _, wang = await trapped_and_done(fake, app)
        before = len(fake.bot_messages(WORKER_ID)), len(fake.bot_messages(WORKER2_ID))
        fake.say(group, wang, "/reopen 1 还没弄好")
        await settle(app, fake)
        after = len(fake.bot_messages(WORKER_ID)), len(fake.bot_messages(WORKER2_ID))
    assert after == before


async def test_a_danger_already_taken_keeps_its_worker_when_merged(fake, run_bot, config):
    """小王 took #2 (someone trapped) and folds it into #1 (the lift broken, nobody on it): #1
    is his now, and nobody is woken to take it."""
    async with run_bot() as app:
        other, wang, _ = await broken_here_trapped_there(fake, app)
        fake.say(other, wang, "/assign 2")
        await settle(app, fake)
        before = len(fake.bot_messages(WORKER2_ID))
        fake.say(fake.private(wang), wang, "/merge 1 2")
        await settle(app, fake)
        woken = [m for m in fake.bot_messages(WORKER2_ID)[before:] if m.reply_markup is not None]
    assert not woken, [m.text for m in woken]
    with peek(config) as conn:
        kept = conn.execute("SELECT status, assignee_id, urgent FROM tickets WHERE id = 1")
        assert tuple(kept.fetchone()) == ("assigned", WORKER_ID, 1)


async def test_a_danger_merged_into_a_ticket_a_colleague_has_tells_him(fake, run_bot):
    """小李 has #1 (the lift broken); #2 (someone trapped in it), nobody's, is folded into it:
    小李 is told in private that the danger is now his."""
    async with run_bot() as app:
        _, wang, _ = await broken_here_trapped_there(fake, app, first_taken=True)
        fake.say(fake.private(wang), wang, "/merge 1 2")
        await settle(app, fake)
    note = fake.bot_messages(WORKER2_ID)[-1]
    assert "合并到你办理的" in note.text and "困人" in note.text, note.text
    assert note.reply_markup is None, note.text
