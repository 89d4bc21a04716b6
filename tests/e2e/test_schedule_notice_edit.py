"""A custom notice whose words the office corrects after it was posted is not posted again
that day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from tests.factories import make_config

GROUP = -4701
MORNING = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai, a Monday


async def test_a_notice_corrected_after_it_was_posted_is_not_posted_again(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    def config(text: str):
        notice = {"cron": "0 9 * * *", "chat": "all", "text": text}
        return make_config(tmp_path, fake.base_url, storage=storage, notices=[notice])

    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = MORNING
    async with run_bot(config("今天下午停水，请提前储水")) as app:
        fake.say(group, zhang, "大家早上好")
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=1, minutes=1)  # 09:01
        await run_schedule(app.bot_data[SERVICES_KEY])
        await settle(app, fake)
    clock.now = MORNING + timedelta(hours=1, minutes=30)  # 09:30: a word corrected, restarted
    async with run_bot(config("今天下午2点到5点停水，请提前储水")) as app:
        await run_schedule(app.bot_data[SERVICES_KEY])
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP) if "停水" in m.text]
    assert len(said) == 1, said
