"""grace_hours = 0: nothing missed while the bot was down is posted late — but what is posted
at its time is, though the schedule's tick comes some seconds after the minute."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from tests.factories import make_config

GROUP = -4601
MORNING = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai, a Monday


def digests(fake: FakeTelegram) -> list[str]:
    return [m.text for m in fake.bot_messages(GROUP) if "📋" in m.text]


async def test_with_no_grace_the_digest_is_still_posted_at_its_time(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage, schedule={"grace_hours": 0})
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = MORNING
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=12, seconds=37)  # the tick of 20:00, at :37
        await run_schedule(services)
        await settle(app, fake)
        assert len(digests(fake)) == 1, "the day's digest was skipped as missed"
        clock.now = MORNING + timedelta(days=1, hours=15)  # the next day's, 3 h late
        await run_schedule(services)
        await settle(app, fake)
    assert len(digests(fake)) == 1  # missed: not posted late
