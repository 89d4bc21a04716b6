"""Tickets of a group that became a supergroup (QA round 24): their reports' message numbers
are retired (negative, below -MOVED), as an old ledger's rows are numbered negative too. They
are still live tickets: past their time limit they are escalated and their worker reminded,
and /todo still counts them, an urgent one named, among those to take."""

from __future__ import annotations

from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.factories import WORKER_ID

GROUP, SUPER = -24701, -1002470100001


async def test_a_moved_groups_tickets_are_escalated_and_named_to_take(fake, run_bot, clock):
    old = fake.group(GROUP, "3栋群", kind="group")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(old, zhang, "3栋门口垃圾桶满了好几天没人收")  # #1
        fake.say(old, li, "5栋电梯困人了 有老人在里面 快来人")  # #2, urgent
        await settle(app, fake)
        fake.say(old, None, "", migrate_to_chat_id=SUPER)  # the group became a supergroup
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/todo")
        await settle(app, fake)
        todo = fake.bot_messages(WORKER_ID)[-1].text
        clock.advance(days=3)
        escalated = (await supervise(services))["escalated"]
        await settle(app, fake)
    assert "各群还有 2 件待接单" in todo and "#2" in todo, todo
    assert escalated == 2
    assert [m for m in fake.bot_messages(SUPER) if m.text.startswith("⏫ 督办升级")]
