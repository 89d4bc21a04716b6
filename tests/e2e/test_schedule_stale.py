"""What the schedule queued for the morning is checked again when its turn comes: a ticket done
overnight gets no escalation, a household that rated gets no reminder; a digest caught up after
downtime at night waits for the morning too."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from bot.texts.format import format_age
from tests.e2e.scenes import shanghai, tick
from tests.factories import SHANGHAI, WORKER_ID, make_config

GROUP, DISTRICT = -4301, -3001


async def test_an_escalation_queued_overnight_is_dropped_when_the_ticket_is_done_by_morning(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(
        tmp_path, fake.base_url, storage=storage, escalation={"level2_chat": DISTRICT}
    )
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    clock.now = shanghai(23, 22, 30)
    async with run_bot(config) as app:
        fake.say(group, zhang, "楼道灯坏了好几天了")
        await settle(app, fake)
        clock.now = shanghai(27, 23, 0)  # overdue, at night: level 1 waits for 07:00
        assert (await tick(app, fake))["escalated"] == 1
        clock.now = shanghai(28, 6, 30)
        fake.say(group, wang, "/done 1 换了灯泡")
        await settle(app, fake)
        clock.now = shanghai(28, 7, 1)
        await tick(app, fake)
        said = [m.text for m in fake.bot_messages(GROUP)]
    assert not any("督办" in text for text in said), said
    assert "已办结" in said[-1]


async def test_one_escalation_of_two_tickets_is_dropped_when_both_are_done_by_morning(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    said = await _two_overdue_at_night_then(fake, run_bot, clock, tmp_path, storage, [1, 2])
    assert not any("督办" in text or "超时" in text for text in said), said


async def test_an_escalation_of_two_tickets_one_done_overnight_says_which_is_done(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    said = await _two_overdue_at_night_then(fake, run_bot, clock, tmp_path, storage, [1])
    notice = next(text for text in said if "督办" in text)
    assert "#2【环境卫生】5栋" in notice, notice
    assert notice.endswith("（发出前已办结：#1）"), notice  # the group is not told #1 is overdue


async def _two_overdue_at_night_then(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage, done: list[int]
) -> list[str]:
    """Two tickets raised together at 23:00 (one notice, held for 07:00), `done` done at
    06:30: what the group read by 07:01."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    li, wang = fake.person(2, "李叔"), fake.person(WORKER_ID, "小王")
    clock.now = shanghai(23, 22, 30)
    async with run_bot(config) as app:
        fake.say(group, zhang, "楼道灯坏了好几天了")
        fake.say(group, li, "5栋门口的垃圾桶满了没人收")
        await settle(app, fake)
        clock.now = shanghai(27, 23, 0)  # both overdue, at night: one notice waits for 07:00
        assert (await tick(app, fake))["escalated"] == 2
        clock.now = shanghai(28, 6, 30)
        for number in done:
            fake.say(group, wang, f"/done {number} 处理好了")
        await settle(app, fake)
        clock.now = shanghai(28, 7, 1)
        await tick(app, fake)
        return [m.text for m in fake.bot_messages(GROUP)]


async def test_a_reminder_to_rate_queued_overnight_is_dropped_once_the_ticket_is_rated(
    fake: FakeTelegram, run_bot, clock, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    clock.now = shanghai(23, 12, 0)
    async with run_bot() as app:
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
        fake.say(group, wang, "/done 1 修好了")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        clock.now = shanghai(25, 0, 5)  # half the rating window, at night: asked at 07:00
        await tick(app, fake)
        told = len(fake.bot_messages(GROUP))
        clock.now = shanghai(25, 6, 50)
        fake.press(done, zhang, "rate:1:s")
        await settle(app, fake)
        clock.now = shanghai(25, 7, 1)
        await tick(app, fake)
        after = [m.text for m in fake.bot_messages(GROUP)[told:]]
    assert after and not any("请点下面的按钮评价" in text for text in after), after


async def test_a_digest_caught_up_at_night_waits_for_the_morning(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(
        tmp_path, fake.base_url, storage=storage, schedule={"digest_time": "21:30"}
    )
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = shanghai(23, 9, 0)
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
        told = len(fake.bot_messages(GROUP))
        clock.now = shanghai(23, 23, 10)  # the bot was down at 21:30; quiet hours now
        await tick(app, fake)
        assert len(fake.bot_messages(GROUP)) == told
        clock.now = shanghai(24, 7, 1)
        await tick(app, fake)
        assert any("日报" in m.text for m in fake.bot_messages(GROUP)[told:])


async def test_an_escalation_held_for_the_morning_says_how_late_the_ticket_is_then(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """Raised at 23:00, posted at 07:00: the 督办 says how overdue the ticket is at 07:00, not
    the half hour it was at night."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = shanghai(23, 22, 30)
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "楼道灯坏了好几天了")
        await settle(app, fake)
        due = (await services.stores.tickets.get(1)).due_at
        clock.now = due + timedelta(minutes=30)
        assert clock.now.astimezone(SHANGHAI).hour >= 22  # at night: it waits for 07:00
        assert (await tick(app, fake))["escalated"] == 1
        clock.now = shanghai(clock.now.astimezone(SHANGHAI).day + 1, 7, 1)
        await tick(app, fake)
        said = [m.text for m in fake.bot_messages(GROUP) if "督办" in m.text]
    assert len(said) == 1, said
    assert f"超时 {format_age(clock.now - due)}" in said[0], said[0]
