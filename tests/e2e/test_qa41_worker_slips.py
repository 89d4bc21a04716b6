"""A grid worker's first hour with the bot, with fresh eyes (QA round 41)."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.factories import WORKER_ID


async def test_taking_tickets_already_yours_names_each_of_them(fake: FakeTelegram, run_bot):
    """小王 took #1 and #2 in the group, then, on the stairs, `/assign 1、2` in private again:
    the answer was "• 这件诉求已经由您接单了，不用再接。" twice, naming neither ticket."""
    group = fake.group(-4101, "3栋群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        fake.say(group, zhang, "5栋垃圾堆了三天没人收")
        await settle(app, fake)
        fake.say(group, wang, "/assign 1、2")
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/assign 1、2")
        await settle(app, fake)
        fake.say(group, wang, "/assign 2")
        await settle(app, fake)
    [both] = [m.text for m in fake.bot_messages(WORKER_ID)]
    assert both.splitlines() == [
        "• #1【电梯】3栋2单元 已经由您接单了，不用再接。",
        "• #2【环境卫生】5栋 已经由您接单了，不用再接。",
    ]
    assert fake.bot_messages(-4101)[-1].text == "#2【环境卫生】5栋 已经由您接单了，不用再接。"


async def test_a_resident_asking_for_the_desk_is_not_told_about_the_config_file(
    fake: FakeTelegram, run_bot
):
    """张阿姨 read `/desk` in a worker's screenshot and sent it to the bot: with the desk off
    she was told to set `[web] listen` in the config file; she is told the desk is the staff's
    (as she is when it is on), and a worker still learns it is off."""
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(fake.private(zhang), zhang, "/desk")
        fake.say(fake.private(wang), wang, "/desk")
        await settle(app, fake)
    [told] = [m.text for m in fake.bot_messages(1)]
    assert told == "社区办公桌只对网格员和社区工作人员开放。有问题请直接在楼栋群里反映。"
    [off] = [m.text for m in fake.bot_messages(WORKER_ID)]
    assert off == "社区办公桌没有开启（配置文件里设置 [web] listen 后才能使用）。"
