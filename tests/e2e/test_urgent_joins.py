"""A danger reported about a problem already filed: the lift that broke this morning now has
someone trapped inside. The report joins the open ticket, and the group hears it as a danger."""

from __future__ import annotations

from dataclasses import replace

from bot import texts
from bot.devtools.runner import settle
from tests.factories import FAST, WORKER_ID

GROUP = -7311


async def test_someone_trapped_in_a_lift_already_reported_broken_gets_the_danger_reply(
    fake, run_bot, clock
):
    group = fake.group(GROUP, "幸福里3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        fake.say(group, fake.person(1, "张阿姨"), "3栋电梯又坏了 停在5楼不动")
        await settle(app, fake)
        clock.advance(minutes=20)
        trapped = fake.say(group, fake.person(2, "王大爷"), "3栋电梯困人了 有老人在里面 快来人")
        await settle(app, fake)
        clock.advance(minutes=1)
        fake.say(group, fake.person(3, "李叔"), "3栋电梯里有人被困 喊了半天了")
        await settle(app, fake)

    answers = [m for m in fake.bot_messages(GROUP) if m.reply_to == trapped["message_id"]]
    assert len(answers) == 1
    answer = answers[0].text
    assert answer.startswith("已受理 🚨#1【电梯】3栋 · 紧急")  # the morning's ticket, now urgent
    assert "119（火警、救援）" in answer and "120（急救）" in answer  # her words: someone old
    assert "网格员小王" in answer
    take = answers[0].reply_markup["inline_keyboard"][0][0]
    assert take["text"] == texts.TAKE_BUTTON
    # the neighbour after her joins a ticket the group already knows is a danger: one line
    assert fake.bot_messages(GROUP)[-1].text.startswith("已合并到 🚨#1")
    assert sum("紧急诉求" in m.text for m in fake.bot_messages(WORKER_ID)) == 1


async def test_a_danger_joining_a_ticket_in_a_burst_is_not_folded_with_the_rest(fake, run_bot):
    group = fake.group(GROUP, "幸福里3栋群")
    burst = replace(FAST, post_calm=0.5, post_patience=2.0)
    async with run_bot(tuning=burst) as app:
        fake.say(group, fake.person(1, "张阿姨"), "又停电了 啥时候来电啊")
        for number in range(4):
            fake.say(group, fake.person(10 + number, f"居民{number}"), f"{number + 1}栋垃圾没人收")
        whole = fake.say(group, fake.person(2, "李叔"), "整栋楼都停电了")
        await settle(app, fake)

    danger = [m for m in fake.bot_messages(GROUP) if "119" in m.text]
    assert len(danger) == 1
    assert danger[0].reply_to == whole["message_id"]
    assert danger[0].text.startswith("已受理 🚨#1【供电】 · 紧急")


async def test_a_danger_under_a_finished_tickets_report_takes_its_place(fake, run_bot, clock):
    """#1, 3栋's lift, was done and closed. "电梯又困人了 我在里面" sent as a reply to its
    report, or to its acknowledgement, names no place: it is 3栋's lift again. A fire under
    the lift's report is not about the lift (no place given it), and words that name their own
    place keep it."""
    group = fake.group(GROUP, "阳光花园3栋群")
    zhang, li, zhao = fake.person(7, "张阿姨"), fake.person(8, "李叔"), fake.person(9, "赵姐")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        report = fake.say(group, zhang, "3栋电梯坏了 门关不上")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.say(group, wang, "/done 1 已修好")
        await settle(app, fake)
        clock.advance(days=4)
        fake.say(group, li, "电梯又困人了 我在里面", reply_to=report)
        await settle(app, fake)
        trapped = fake.bot_messages(GROUP)[-1].text
        fake.say(group, wang, "/done 2 已救出")
        await settle(app, fake)
        fake.say(group, zhao, "电梯又关人了 快来人", reply_to=ack.message_id)
        await settle(app, fake)
        again = fake.bot_messages(GROUP)[-1].text
        fake.say(group, zhao, "楼道着火了 好大的烟", reply_to=report)
        await settle(app, fake)
        fire = fake.bot_messages(GROUP)[-1].text
        fake.say(group, li, "5栋电梯困人了 有老人在里面", reply_to=report)
        await settle(app, fake)
        elsewhere = fake.bot_messages(GROUP)[-1].text
    assert trapped.startswith("已受理 🚨#2【电梯】3栋 · 紧急"), trapped
    assert again.startswith("已受理 🚨#3【电梯】3栋 · 紧急"), again
    assert fire.startswith("已受理 🚨#4【消防安全】 · 紧急"), fire
    assert elsewhere.startswith("已受理 🚨#5【电梯】5栋 · 紧急"), elsewhere


async def test_words_for_a_worker_under_a_finished_tickets_report_take_its_place(fake, run_bot):
    """Unsure words (研判) under 5栋's water report, done, are put to the worker with 5栋 as
    the place: filed, they are 5栋's water."""
    group = fake.group(GROUP, "阳光花园3栋群")
    zhang, li = fake.person(7, "张阿姨"), fake.person(8, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        report = fake.say(group, zhang, "5栋停水了 一滴水都没有")
        await settle(app, fake)
        fake.say(group, wang, "/done 1 已恢复供水")
        await settle(app, fake)
        fake.say(group, li, "我家菜地里头全是水", reply_to=report)
        await settle(app, fake)
    notice = fake.bot_messages(WORKER_ID)[-1].text
    assert "研判" in notice and "猜测类别：" in notice and " 5栋" in notice, notice
