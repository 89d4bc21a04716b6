"""A worker's /todo: what waits for someone to take it — the urgent ones named, each with its
group, however busy the other groups are; a group that removed the bot counts no more."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.factories import WORKER_ID

GROUP, OTHER = -4201, -4202


async def test_todo_names_the_urgent_tickets_nobody_has_taken(fake: FakeTelegram, run_bot, clock):
    group, other = fake.group(GROUP, "3栋群"), fake.group(OTHER, "8栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    worker = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.bot_membership(other, "left", "member")
        fake.say(group, zhang, "3栋门口垃圾堆了三天没人收 臭死了")
        fake.say(group, li, "3栋2单元电梯困人了 里面有个老人 快来人")
        await settle(app, fake)  # two groups are heard at once: numbered in this order
        fake.say(other, zhang, "8栋楼道的灯坏了 黑乎乎的")
        await settle(app, fake)
        clock.advance(hours=3)  # the urgent one is past its 2 hours
        fake.private(worker)
        fake.say(fake.private(worker), worker, "/todo")
        await settle(app, fake)
        busy = fake.bot_messages(WORKER_ID)[-1].text
        fake.bot_membership(other, "member", "kicked")  # 8栋群 removed the bot
        await settle(app, fake)
        fake.say(fake.private(worker), worker, "/todo")
        await settle(app, fake)
        later = fake.bot_messages(WORKER_ID)[-1].text
    assert busy.startswith("您手上没有待办的诉求")
    assert "各群还有 3 件待接单，其中紧急的请尽快接单（/assign 编号）：" in busy
    urgent = busy[busy.index("其中紧急") :]
    assert "#2" in urgent and "⏰超时" in urgent and "3栋群：" in urgent and "困人" in urgent
    assert "#1" not in urgent and "#3" not in urgent  # only the urgent one is named
    assert "各群还有 2 件待接单" in later  # not the group that removed the bot
