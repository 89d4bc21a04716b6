"""A ticket that comes back (reopened, recategorised, made urgent): its 办理时限, 已超时 and
督办 as a community office expects them, through the real bot."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.e2e.scenes import done_lift
from tests.factories import SHANGHAI, WORKER_ID, make_config

GROUP, OFFICE = -2601, -3601


def last_text(fake: FakeTelegram, chat_id: int = GROUP) -> str:
    return fake.bot_messages(chat_id)[-1].text


def local(moment) -> str:
    return moment.astimezone(SHANGHAI).strftime("%m-%d %H:%M")


async def as_power(fake: FakeTelegram, app, group, resident, worker) -> str:
    """The worker files #1 under 供电; what /ticket 1 then shows the group (not overdue)."""
    fake.say(group, worker, "/category 1 power")
    await settle(app, fake)
    fake.say(group, resident, "/ticket 1")
    await settle(app, fake)
    shown = last_text(fake)
    assert "#1【供电】" in shown and "（已超时）" not in shown
    return shown


async def test_a_lift_reopened_twice_is_given_a_day_each_time_and_escalates_on_time(
    fake: FakeTelegram, run_bot, clock, tmp_path
):
    """The lift (24 h) done, reopened two days later, done, reopened two days after that: the
    second reopen is given a day again — not three (its deadline's distance from the filing) —
    so it is 已超时 and raised to 现场立办 a day later, and to the office a day after that."""
    config = make_config(
        tmp_path, fake.base_url, escalation={"level2_chat": OFFICE}, schedule={"quiet_hours": ""}
    )
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        group, zhang, worker, _ = await done_lift(fake, app, GROUP)
        clock.advance(days=2)
        fake.say(group, zhang, "/reopen 1 又坏了")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 换了门机板")
        await settle(app, fake)
        clock.advance(days=2)
        fake.say(group, zhang, "/reopen 1 还是关不上")
        await settle(app, fake)
        reopened_at = clock()
        fake.say(group, zhang, "/ticket 1")
        await settle(app, fake)
        assert f"办理时限：{local(reopened_at + timedelta(hours=24))}\n" in last_text(fake)
        clock.advance(hours=23)
        assert (await supervise(services))["escalated"] == 0
        clock.advance(hours=2)
        assert (await supervise(services))["escalated"] == 1
        await settle(app, fake)
        assert last_text(fake).startswith("⏫ 督办升级 · 1级（现场立办）")
        fake.say(group, zhang, "/ticket 1")
        await settle(app, fake)
        assert "（已超时）" in last_text(fake)
        clock.advance(hours=24)
        assert (await supervise(services))["escalated"] == 1
        await settle(app, fake)
    assert last_text(fake, OFFICE).startswith("⏫ 督办升级 · 2级（街道承办）")


async def test_a_reopened_ticket_given_another_category_is_not_overdue_at_once(
    fake: FakeTelegram, run_bot, clock, config
):
    """Reopened three days after filing, the lift turns out to be the building's power (24 h):
    its 办理时限 is a day after the reopen, as the new category gives — not a day after the
    filing, two days gone, which made it 已超时 and 督办 at the next run."""
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        group, zhang, worker, _ = await done_lift(fake, app, GROUP)
        clock.advance(days=3)
        fake.say(group, zhang, "/reopen 1 又不动了")
        await settle(app, fake)
        reopened_at = clock()
        clock.advance(hours=2)
        shown = await as_power(fake, app, group, zhang, worker)
        assert f"办理时限：{local(reopened_at + timedelta(hours=24))}\n" in shown
        assert (await supervise(services))["escalated"] == 0


async def test_a_ticket_made_urgent_later_keeps_its_urgent_deadline_when_recategorised(
    fake: FakeTelegram, run_bot, clock, config
):
    """The lift reported at 09:00, someone trapped in it at 15:00 (due 17:00); at 15:30 the
    worker files it under 供电: still due 17:00 — not 11:00 (two urgent hours from the filing),
    which made it 已超时 the moment the category was corrected."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋电梯坏了 门关不上")
        await settle(app, fake)
        clock.advance(hours=6)
        fake.say(group, li, "3栋电梯困人了！！快来人")
        await settle(app, fake)
        trapped_at = clock()
        ticket = await services.stores.tickets.get(1)
        assert ticket.urgent and ticket.due_at == trapped_at + timedelta(hours=2)
        clock.advance(minutes=30)
        shown = await as_power(fake, app, group, zhang, worker)
        assert f"办理时限：{local(trapped_at + timedelta(hours=2))}\n" in shown
        assert (await supervise(services))["escalated"] == 0


async def test_ticket_after_a_reopen_shows_the_round_being_worked_on(
    fake: FakeTelegram, run_bot, clock, config
):
    """张阿姨 said 满意, then /reopen 又坏了: /ticket read 办理中 beside 办理结果：门机板已更换 and
    评价：张阿姨 满意, as if the lift were fixed and she pleased. It says what the ledger says: no
    办理结果 nor 评价 for the round being redone (the last /done and her 满意 are in its 记录);
    a 不满意 that sent it back is shown, as the reason it is back."""
    async with run_bot() as app:
        group, zhang, worker, done = await done_lift(fake, app, GROUP)
        fake.press(done, zhang, "rate:1:s:1")
        await settle(app, fake)
        clock.advance(days=1)
        fake.say(group, zhang, "/reopen 1 又坏了")
        fake.say(group, zhang, "/ticket 1")
        await settle(app, fake)
        shown = last_text(fake)
        assert shown.startswith("#1【电梯】3栋2单元 办理中")
        assert "办理结果" not in shown and "评价：张阿姨" not in shown
        assert "小王 办结：门机板已更换" in shown and "张阿姨 评价：满意" in shown  # 记录
        fake.say(group, worker, "/done 1 更换了门机板和控制板")
        await settle(app, fake)
        fake.press(fake.bot_messages(GROUP)[-1], zhang, "rate:1:d:2")
        fake.say(group, zhang, "/ticket 1")
        await settle(app, fake)
        shown = last_text(fake)
    assert shown.startswith("#1【电梯】3栋2单元 办理中") and "办理结果" not in shown
    assert "评价：张阿姨 不满意" in shown


async def test_an_escalation_held_for_the_morning_is_not_posted_for_a_ticket_reopened_since(
    fake: FakeTelegram, run_bot, clock, config
):
    """Overdue at 23:00, its 现场立办 held for 07:00; the worker clears the rubbish at 23:40 and
    at 06:30 张阿姨 says it is back (/reopen): at 07:00 the ticket has a fresh deadline two days
    off, and the night's notice (超时, 督办) is not posted; past the new deadline it is raised
    to 现场立办 again."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    clock.now = clock.now.replace(hour=15)  # 23:00 in Shanghai
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋门口垃圾桶满了好几天没人收")
        await settle(app, fake)
        clock.advance(hours=48, minutes=30)  # 23:30, two days later: past its 48 h
        assert (await supervise(services))["escalated"] == 1
        clock.advance(minutes=10)
        fake.say(group, worker, "/done 1 已清运")
        await settle(app, fake)
        clock.advance(hours=6, minutes=50)  # 06:30
        fake.say(group, zhang, "/reopen 1 又堆满了")
        await settle(app, fake)
        clock.advance(minutes=35)  # 07:05
        await supervise(services)
        await settle(app, fake)
        assert not [m for m in fake.bot_messages(GROUP) if m.text.startswith("⏫")]
        clock.advance(hours=48)
        assert (await supervise(services))["escalated"] == 1
        await settle(app, fake)
    notices = [m.text for m in fake.bot_messages(GROUP) if m.text.startswith("⏫")]
    assert len(notices) == 1 and notices[0].startswith("⏫ 督办升级 · 1级（现场立办）")
