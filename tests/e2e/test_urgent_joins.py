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
