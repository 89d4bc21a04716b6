"""A storm evening: "停电了" waits for a worker to judge it while a neighbour's report of the
outage is filed, and the outage is fixed within the hour. Nobody judged the item: it is not
filed an hour later as a new outage the group must be told of and a worker must close."""

from __future__ import annotations

from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP = -7531


async def test_an_unjudged_outage_report_is_not_filed_after_its_outage_was_fixed(
    fake, run_bot, config, clock
):
    group = fake.group(GROUP, "幸福里4栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.say(group, fake.person(1, "甲"), "停电了")  # unsure: a notice to the workers
        fake.say(group, fake.person(2, "乙"), "又停电了 啥时候来电啊")  # filed: #1
        await settle(app, fake)
        clock.advance(minutes=20)
        fake.say(group, wang, "/done 1 已恢复供电")
        await settle(app, fake)
        clock.advance(minutes=45)
        await supervise(services)
        await settle(app, fake)

    with peek(config) as conn:
        assert conn.execute("SELECT id, status FROM tickets").fetchall() == [(1, "done")]
        # set aside, not judged: the digest's 研判 tally does not count it as 不是诉求
        assert conn.execute("SELECT state, how FROM triage").fetchall() == [("dismissed", None)]
    assert "已受理" not in fake.bot_messages(GROUP)[-1].text  # the done notice is the last
    notice = next(m for m in fake.bot_messages(WORKER_ID) if "无人研判" in m.text)
    assert "#1" in notice.text and "已办结" in notice.text and not notice.reply_markup


async def test_an_unjudged_report_after_the_ticket_was_done_is_still_filed(
    fake, run_bot, config, clock
):
    """The power went off again after #1 was done: that is a new outage, filed on time out."""
    group = fake.group(GROUP, "幸福里4栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, fake.person(2, "乙"), "又停电了 啥时候来电啊")
        await settle(app, fake)
        fake.say(group, wang, "/done 1 已恢复供电")
        await settle(app, fake)
        clock.advance(minutes=20)
        fake.say(group, fake.person(1, "甲"), "停电了")
        await settle(app, fake)
        clock.advance(minutes=61)
        await supervise(services)
        await settle(app, fake)

    with peek(config) as conn:
        assert conn.execute("SELECT id, status FROM tickets ORDER BY id").fetchall() == [
            (1, "done"),
            (2, "open"),
        ]
