"""Scheduled notices in a time zone with daylight saving (Europe/Berlin): one a local day
across both changes of the clock (QA round 4)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.devtools.runner import settle
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from tests.factories import make_config

GROUP = -18001


async def _tick(app, fake) -> dict[str, int]:
    counts = await run_schedule(app.bot_data[SERVICES_KEY])
    await settle(app, fake)
    return counts


async def test_a_midnight_digest_in_berlin_is_given_every_day_across_the_spring_change(
    fake, run_bot, clock, tmp_path, storage
):
    """Europe/Berlin springs forward on Sunday 2026-03-29 at 02:00. A group whose digest is at
    midnight should get one digest for each local day: 29 March, 30 March, 31 March. The 30
    March one (the first midnight in summer time) is never given."""
    config = make_config(
        tmp_path,
        fake.base_url,
        storage=storage,
        schedule={"timezone": "Europe/Berlin", "digest_time": "00:00", "quiet_hours": ""},
    )
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    counted = []
    async with run_bot(config) as app:
        fake.say(group, zhang, "大家好")  # the bot knows the group
        await settle(app, fake)
        # a tick every hour through three local midnights
        while clock.now < datetime(2026, 3, 31, 2, 0, tzinfo=UTC):
            clock.advance(minutes=60)
            counts = await _tick(app, fake)
            if counts["digests"]:
                counted.append(clock.now.isoformat())
    # 29 March 00:00 CET = 28 Mar 23:00 UTC; 30 March 00:00 CEST = 29 Mar 22:00 UTC;
    # 31 March 00:00 CEST = 30 Mar 22:00 UTC
    assert counted == [
        "2026-03-28T23:00:00+00:00",
        "2026-03-29T22:00:00+00:00",
        "2026-03-30T22:00:00+00:00",
    ]


async def test_a_two_oclock_notice_in_berlin_is_posted_once_on_the_autumn_change_day(
    fake, run_bot, clock, tmp_path, storage
):
    """Europe/Berlin falls back on Sunday 2026-10-25 (03:00 CEST → 02:00 CET). A custom
    notice `0 2 * * *` is one notice a day; on 25 October it is posted twice."""
    config = make_config(
        tmp_path,
        fake.base_url,
        storage=storage,
        schedule={"timezone": "Europe/Berlin", "quiet_hours": ""},
        notices=[{"cron": "0 2 * * *", "chat": GROUP, "text": "请各位注意消防通道畅通"}],
    )
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = datetime(2026, 10, 24, 12, 0, tzinfo=UTC)
    async with run_bot(config) as app:
        fake.say(group, zhang, "大家好")
        await settle(app, fake)
        while clock.now < datetime(2026, 10, 25, 12, 0, tzinfo=UTC):
            clock.advance(minutes=30)
            await _tick(app, fake)
    posted = [m for m in fake.bot_messages(GROUP) if "消防通道" in m.text]
    assert len(posted) == 1
