"""A round of digests cut short (a failure, the process stopped) is finished at the next tick:
the groups it had not reached yet get theirs, once; those it had reached, nothing more."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from tests.factories import make_config

FIRST, SECOND, SUPER = -4401, -4402, -1004401
MORNING = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai, a Monday


def digests(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m.text for m in fake.bot_messages(chat_id) if "📋" in m.text]


async def test_a_digest_round_cut_short_reaches_the_other_groups_at_the_next_tick(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage, monkeypatch
):
    config = make_config(tmp_path, fake.base_url, storage=storage)
    first, second = fake.group(FIRST, "3栋群"), fake.group(SECOND, "5栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    clock.now = MORNING
    async with run_bot(config) as app:
        fake.say(first, zhang, "3栋电梯坏了")
        fake.say(second, li, "5栋楼道灯坏了")
        await settle(app, fake)
        services = app.bot_data[SERVICES_KEY]
        bulletins = services.bulletins
        composed = type(bulletins).digest

        async def failing_once(self, chat_id, *args, **kwargs):
            called.append(chat_id)
            if len(called) == 2:  # the round's second group
                raise OSError("database is locked")  # a moment's trouble, or a stop
            return await composed(self, chat_id, *args, **kwargs)

        called: list[int] = []
        monkeypatch.setattr(type(bulletins), "digest", failing_once)
        clock.now = MORNING + timedelta(hours=12, minutes=1)  # 20:01
        with pytest.raises(OSError):
            await run_schedule(services)
        await settle(app, fake)
        clock.now += timedelta(minutes=1)
        await run_schedule(services)
        await settle(app, fake)
        clock.now += timedelta(minutes=1)
        await run_schedule(services)
        await settle(app, fake)
    assert len(digests(fake, called[0])) == 1
    assert len(digests(fake, called[1])) == 1, "the group after the failure never got its digest"


async def test_a_group_that_became_a_supergroup_after_its_digest_gets_no_second_one(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage)
    old, zhang = fake.group(FIRST, "3栋群", kind="group"), fake.person(1, "张阿姨")
    clock.now = MORNING
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(old, zhang, "3栋电梯坏了")
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=12, minutes=1)  # 20:01: the day's digest
        await run_schedule(services)
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=12, minutes=30)
        fake.migrations[FIRST] = SUPER  # the group became a supergroup meanwhile
        fake.say(old, zhang, "5栋楼道灯坏了")
        await settle(app, fake)
        clock.now += timedelta(minutes=1)
        await run_schedule(services)
        await settle(app, fake)
        clock.now = MORNING + timedelta(days=1, hours=12, minutes=1)  # the next day's
        await run_schedule(services)
        await settle(app, fake)
    assert len(digests(fake, FIRST)) == 1
    [tuesday] = digests(fake, SUPER)
    assert "11月24日" in tuesday and "昨日20:00以来" in tuesday, tuesday
