"""An escalation held for the morning whose tickets were merged overnight."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.scenes import shanghai, tick
from tests.factories import WORKER_ID, make_config

GROUP = -4311


async def test_an_escalation_of_tickets_merged_overnight_does_not_call_them_done(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    li, wang = fake.person(2, "李叔"), fake.person(WORKER_ID, "小王")
    chen = fake.person(3, "陈姐")
    clock.now = shanghai(23, 22, 30)
    async with run_bot(config) as app:
        fake.say(group, zhang, "楼道灯坏了好几天了")
        fake.say(group, li, "5栋门口的垃圾桶满了没人收")
        fake.say(group, chen, "7栋楼下的路灯不亮了")
        await settle(app, fake)
        clock.now = shanghai(27, 23, 0)  # overdue, at night: one notice waits for 07:00
        assert (await tick(app, fake))["escalated"] == 3
        clock.now = shanghai(28, 6, 30)
        fake.say(group, wang, "/merge 1 3")  # the same lights: #3 folded into #1, still overdue
        await settle(app, fake)
        clock.now = shanghai(28, 7, 1)
        await tick(app, fake)
        said = [m.text for m in fake.bot_messages(GROUP)]
    notice = next(text for text in said if "督办" in text)
    assert "已办结" not in notice, notice  # nothing was done: #3 is #1 now, and #1 is overdue
    assert notice.endswith("（#3 已合并到 #1）"), notice


async def _lift_raised_overnight_then_made_lighting(app, fake: FakeTelegram, clock) -> None:
    """Filed as 电梯 when the bot starts (22:30 on the 23rd), raised at 23:00 the next night
    (level 1 waits for 07:00); at 06:30 the worker corrects it to 照明; the 07:01 tick (the
    night's notice: not posted)."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    fake.say(group, zhang, "3栋电梯坏了")
    await settle(app, fake)
    clock.now = shanghai(24, 23, 0)
    assert (await tick(app, fake))["escalated"] == 1
    clock.now = shanghai(25, 6, 30)
    fake.say(group, wang, "/category 1 照明")
    await settle(app, fake)
    clock.now = shanghai(25, 7, 1)
    await tick(app, fake)


async def test_an_escalation_held_overnight_is_dropped_when_a_corrected_category_gives_more_time(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """Filed as 电梯 (24 h) at 22:30, raised at 23:00 the next night; at 06:30 the worker
    corrects it to 照明 (72 h from its filing): it is not overdue any more, and the group is
    not told at 07:00 that it is."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    clock.now = shanghai(23, 22, 30)
    async with run_bot(config) as app:
        await _lift_raised_overnight_then_made_lighting(app, fake, clock)
        said = [m.text for m in fake.bot_messages(GROUP)]
    assert not any("督办" in text for text in said), said


async def test_a_ticket_given_more_time_by_a_corrected_category_escalates_anew_past_it(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """As above; when its corrected deadline (照明, 72 h from the filing) passes, the group is
    told at level 1 (现场立办) — not silence until level 2 three days later."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    clock.now = shanghai(23, 22, 30)
    async with run_bot(config) as app:
        await _lift_raised_overnight_then_made_lighting(app, fake, clock)
        clock.now = shanghai(26, 23, 0)  # past 22:30 on the 26th: overdue again
        assert (await tick(app, fake))["escalated"] == 1
        clock.now = shanghai(27, 7, 1)
        await tick(app, fake)
        said = [m.text for m in fake.bot_messages(GROUP)]
    [notice] = [text for text in said if "督办" in text]
    assert "1级" in notice and "#1【照明】3栋" in notice, notice


async def test_an_escalation_held_overnight_goes_with_its_ticket_merged_into_a_newer_one(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """#1, the stairwell light, is raised at 23:00 the night it falls due (level 1 waits for
    07:00); #2, the same light told again that evening, is not due yet. At 06:30 the worker
    keeps #2 and folds #1 into it: #2 holds #1's deadline and its level 1. At 07:00 the group
    is told of the 督办 once — saying it is #2's now — and not again by a later tick."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    li, wang = fake.person(2, "李叔"), fake.person(WORKER_ID, "小王")
    clock.now = shanghai(23, 22, 30)
    async with run_bot(config) as app:
        fake.say(group, zhang, "楼道灯坏了好几天了")
        await settle(app, fake)
        clock.now = shanghai(26, 20, 0)
        fake.say(group, li, "3栋楼道的灯一直不亮 晚上看不见路")
        await settle(app, fake)
        clock.now = shanghai(26, 23, 0)  # #1 overdue, at night: its notice waits for 07:00
        assert (await tick(app, fake))["escalated"] == 1
        clock.now = shanghai(27, 6, 30)
        fake.say(group, wang, "/merge 2 1")
        await settle(app, fake)
        clock.now = shanghai(27, 7, 1)
        await tick(app, fake)
        clock.now = shanghai(27, 9, 0)
        assert (await tick(app, fake))["escalated"] == 0
        said = [m.text for m in fake.bot_messages(GROUP)]
    [notice] = [text for text in said if "督办" in text]
    assert "1级" in notice and notice.endswith("（#1 已合并到 #2）"), notice
