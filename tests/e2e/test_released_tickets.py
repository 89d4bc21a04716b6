"""A worker taken off [roles] while holding tickets: at the next start they go back to 待接单.
A danger among them must not be left with nobody — every worker left is alerted afresh, with
接单, as for a new danger (once, not again at the next start), and the alert settles when one
takes it; an ordinary ticket shows as 待接单 in /todo and in the group's digest."""

from __future__ import annotations

from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from tests.factories import ADMIN_ID, WORKER2_ID, WORKER_ID, make_config

GROUP = -7521


def alerts(fake, worker: int) -> list:
    return [m for m in fake.bot_messages(worker) if "紧急诉求" in m.text]


def roster_without_wang(tmp_path, fake, storage):
    """The config once 小王 has left `[roles]`: 小李 is the only worker."""
    return make_config(
        tmp_path, fake.base_url, storage=storage,
        roles={"workers": [WORKER2_ID], "admins": [ADMIN_ID]},
    )  # fmt: skip


async def test_a_danger_held_by_a_worker_taken_off_the_roster_alerts_the_others(
    fake, run_bot, tmp_path, storage
):
    """小王 took 李叔's 电梯困人 and is then taken off the roster (he left). At the start #1 is
    待接单: 小李 must be alerted at once with 接单 — not find out from the digest tomorrow.
    Restarted again, he is not alerted twice; when he takes it, the alert says so."""
    group, wang = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    li = fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        for worker in (wang, li):
            fake.say(fake.private(worker), worker, "/start")
        await settle(app, fake)
        fake.say(group, fake.person(8, "李叔"), "3栋电梯困人了 有老人在里面")
        await settle(app, fake)
        fake.say(group, wang, "/assign 1")
        await settle(app, fake)
    before = len(alerts(fake, WORKER2_ID))
    without_wang = roster_without_wang(tmp_path, fake, storage)
    async with run_bot(without_wang) as app:
        await settle(app, fake)
        told = alerts(fake, WORKER2_ID)[before:]
        assert len(told) == 1, [m.text for m in told]
        [alert] = told
        assert "困人" in alert.text and "#1" in alert.text, alert.text
        assert alert.reply_markup["inline_keyboard"][0][0]["callback_data"] == "take:1"
    async with run_bot(without_wang) as app:  # started again: said once
        await settle(app, fake)
        assert len(alerts(fake, WORKER2_ID)) == before + 1
        fake.press(alert, li, "take:1")
        await settle(app, fake)
    settled = alerts(fake, WORKER2_ID)[-1]
    assert settled.text.endswith("✅ 已由 小李 接单，正在办理。"), settled.text
    assert not settled.reply_markup


async def test_an_ordinary_ticket_released_shows_as_untaken(
    fake, run_bot, tmp_path, storage, clock
):
    """小王's 楼道灯 goes back to 待接单 when he leaves the roster: no alert (nothing is in
    danger), but 小李's /todo and the group's digest show it waiting for someone."""
    group, wang = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    li = fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        fake.say(fake.private(li), li, "/start")
        fake.say(group, fake.person(1, "张阿姨"), "3栋2单元楼道灯坏了 晚上看不见")
        await settle(app, fake)
        fake.say(group, wang, "/assign 1")
        await settle(app, fake)
    before = len(fake.bot_messages(WORKER2_ID))
    without_wang = roster_without_wang(tmp_path, fake, storage)
    async with run_bot(without_wang) as app:
        await settle(app, fake)
        assert len(fake.bot_messages(WORKER2_ID)) == before  # no alert for a lamp
        fake.say(fake.private(li), li, "/todo")
        await settle(app, fake)
        todo = fake.bot_messages(WORKER2_ID)[-1].text
        services = app.bot_data[SERVICES_KEY]
        now = clock()
        digest = await services.bulletins.digest(GROUP, now.date(), now)
    assert "1 件待接单" in todo, todo
    assert digest is not None and "待接单 1 件" in digest, digest
