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
