"""A 督办 held for the morning while its ticket climbed a level overnight tells the level the
ticket is at when it is posted, and the group hears that level once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.factories import make_config

GROUP = -4601
OFFICE = -4602
MORNING = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai, a Monday


async def test_a_level_held_for_the_morning_is_said_once_at_the_level_reached_overnight(
    fake, run_bot, clock, tmp_path, storage
):
    """The office's chat hears every level. Rubbish past its deadline is raised to 1级 at
    23:00 and to 2级 at 01:00, both held for the morning: at 07:00 the office hears one 督办,
    of 2级 — not 1级, then 2级 again."""
    config = make_config(
        tmp_path,
        fake.base_url,
        storage=storage,
        escalation={"level1_chat": OFFICE, "level2_chat": OFFICE, "step_hours": 2},
    )
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    fake.group(OFFICE, "社区办公室")
    clock.now = MORNING
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋门口垃圾又满了")
        await settle(app, fake)
        due = (await services.stores.tickets.get(1)).due_at
        night = due.replace(hour=15, minute=0)  # 23:00 in Shanghai, the deadline's day
        clock.now = night if night > due else night + timedelta(days=1)
        assert (await supervise(services))["escalated"] == 1  # 1级, held
        await settle(app, fake)
        clock.now += timedelta(hours=2)  # 01:00
        assert (await supervise(services))["escalated"] == 1  # 2级, held
        await settle(app, fake)
        assert not [m for m in fake.bot_messages(OFFICE) if "督办" in m.text]
        clock.now += timedelta(hours=6, minutes=1)  # 07:01: the morning's posts
        await services.posts.kick_all()
        await settle(app, fake)
        said = [m.text for m in fake.bot_messages(OFFICE) if "督办" in m.text]
    assert len(said) == 1, said
    assert "2级" in said[0] and "1级" not in said[0], said[0]
