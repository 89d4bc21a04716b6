"""What the schedule queued for a group that then removed the bot is not posted when the bot is
added back days later: a digest of a day long past, reminders of then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from bot.texts.format import format_age
from tests.e2e.scenes import tick
from tests.factories import WORKER_ID, make_config

GROUP = -4501
MORNING = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai, a Monday
MINUTE = timedelta(minutes=1)


async def added_back(
    app: Any, fake: FakeTelegram, clock: Any, group: dict[str, Any], then: timedelta = MINUTE
) -> None:
    """The group adds the bot back (it answers again); the schedule runs `then` later."""
    fake.blocked.discard(GROUP)
    fake.bot_membership(group, "kicked", "member")
    await settle(app, fake)
    clock.now += then
    await tick(app, fake)


async def raised_while_away(
    app: Any, fake: FakeTelegram, clock: Any, group: dict[str, Any], zhang: dict[str, Any]
) -> tuple[datetime, int]:
    """张阿姨's rubbish, raised to 1级 an hour past its deadline after the group removed the
    bot unseen (the 督办 meets a 403): its deadline, and how many messages the group had then."""
    services = app.bot_data[SERVICES_KEY]
    fake.say(group, zhang, "3栋门口垃圾又满了")
    await settle(app, fake)
    due = (await services.stores.tickets.get(1)).due_at
    fake.blocked.add(GROUP)
    clock.now = due + timedelta(hours=1, minutes=1)
    assert (await run_schedule(services))["escalated"] == 1
    await settle(app, fake)
    return due, len(fake.bot_messages(GROUP))


async def test_a_digest_that_could_not_be_posted_is_not_posted_days_later_on_return(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = MORNING
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
        fake.blocked.add(GROUP)  # removed while nobody looked: the digest meets a 403
        clock.now = MORNING + timedelta(hours=12, minutes=1)  # Monday 20:01
        await run_schedule(services)
        await settle(app, fake)
        told = len(fake.bot_messages(GROUP))
        clock.now = MORNING + timedelta(days=4, hours=2)  # Friday 10:00: added back
        await added_back(app, fake, clock, group)
        said = [m.text for m in fake.bot_messages(GROUP)[told:]]
    assert not any("11月23日" in text for text in said), said


async def test_a_look_back_dropped_as_stale_on_return_takes_its_charts_with_it(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = MORNING - timedelta(days=2)
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋门口垃圾又满了")
        await settle(app, fake)
        fake.blocked.add(GROUP)  # removed while nobody looked: the look back meets a 403
        clock.now = MORNING + timedelta(hours=1, minutes=1)  # Monday 09:01
        assert (await run_schedule(services))["look_backs"] == 1
        await settle(app, fake)
        told = len(fake.bot_messages(GROUP))
        clock.now = MORNING + timedelta(days=4, hours=2)  # Friday 10:00: added back
        await added_back(app, fake, clock, group)
        after = fake.bot_messages(GROUP)[told:]
    assert not any(m.text.startswith("🔍") for m in after), [m.text for m in after]
    assert not any(m.document for m in after), [m.text for m in after]


async def test_an_escalation_that_waited_for_the_group_says_how_late_the_ticket_is_now(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """Raised while the group had removed the bot, posted when it is added back days later:
    the ticket is still overdue, and the 督办 says by how much now — not the hour it was
    overdue when it was raised."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = MORNING
    async with run_bot(config) as app:
        due, told = await raised_while_away(app, fake, clock, group, zhang)
        clock.now = due + timedelta(days=5)  # added back
        await added_back(app, fake, clock, group)
        said = [m.text for m in fake.bot_messages(GROUP)[told:] if "督办" in m.text]
    assert len(said) == 1, said
    assert "超时 5天" in said[0] and "超时 1小时" not in said[0], said[0]
    assert f"已受理 {format_age(clock.now - MORNING)}" in said[0], said[0]


async def test_an_escalation_that_waited_for_the_group_tells_the_level_the_ticket_climbed_to(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """Raised to 1级 while the group had removed the bot; meanwhile the ticket climbed to 3级
    (no chat configured for those levels: raised all the same, said nowhere). Posted when the
    group adds the bot back, the 督办 tells the level it is at now — once."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = MORNING
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        due, told = await raised_while_away(app, fake, clock, group, zhang)
        for days in (3, 4):  # 2级, 3级, with the group away
            clock.now = due + timedelta(days=days)
            assert (await run_schedule(services))["escalated"] == 1
            await settle(app, fake)
        assert (await services.stores.tickets.get(1)).escalation_level == 3
        clock.now = due + timedelta(days=5)  # added back
        await added_back(app, fake, clock, group)
        clock.now += timedelta(days=1)
        await tick(app, fake)
        said = [m.text for m in fake.bot_messages(GROUP)[told:] if "督办" in m.text]
    assert len(said) == 1, said
    assert "3级" in said[0] and "1级" not in said[0], said[0]


async def test_an_escalation_that_waited_for_the_group_is_dropped_when_the_ticket_was_done(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """Raised while the group had removed the bot, done from a worker's private chat while
    it was away: on the bot's return the group hears that it is done, not that it is late."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    clock.now = MORNING
    async with run_bot(config) as app:
        _, told = await raised_while_away(app, fake, clock, group, zhang)
        clock.now += timedelta(days=1)
        fake.say(fake.private(wang), wang, "/done 1 已清运")
        await settle(app, fake)
        clock.now += timedelta(days=1)  # added back
        await added_back(app, fake, clock, group)
        said = [m.text for m in fake.bot_messages(GROUP)[told:]]
    assert not any("督办" in text or "超时" in text for text in said), said
    assert any("已办结" in text for text in said), said


async def test_a_reminder_that_waited_for_the_group_is_not_posted_days_later(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """The worker was reminded of an overdue ticket as the group removed the bot; back days
    later, the group hears a reminder of now (how overdue it is now), not that one too."""
    config = make_config(tmp_path, fake.base_url, storage=storage, schedule={"reminder_hours": 1})
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    clock.now = MORNING
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋门口垃圾又满了")
        fake.say(group, wang, "/assign 1")
        await settle(app, fake)
        due = (await services.stores.tickets.get(1)).due_at
        clock.now = due + timedelta(minutes=1)  # 督办 first: no reminder in the same hour
        await run_schedule(services)
        await settle(app, fake)
        fake.blocked.add(GROUP)  # removed while nobody looked: the reminder meets a 403
        clock.now = due + timedelta(hours=1, minutes=2)
        assert (await run_schedule(services))["reminders"] == 1
        await settle(app, fake)
        told = len(fake.bot_messages(GROUP))
        clock.now = due + timedelta(days=4)  # added back
        await added_back(app, fake, clock, group, timedelta(hours=1))  # ticks in working hours
        said = [m.text for m in fake.bot_messages(GROUP)[told:] if "提醒" in m.text]
    assert len(said) == 1 and "已超时 4天" in said[0], said
